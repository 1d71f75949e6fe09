#!/usr/bin/env bash
# Time from `dotnet run --project AppHost` to every resource healthy, cold (a new state directory: initdb, a first
# RabbitMQ boot, every database created and migrated) and warm (the same state again), and the resident memory of the
# whole running system at rest. Local mode: the servers run as processes; container mode needs a container runtime and
# is measured the same way where one answers (COMMERCE_BENCH_MODE=containers).
#
# Usage: bench/AppHostStartup/measure.sh        (builds the AppHost first; run from anywhere)
# Prints a markdown table. Nothing else may hold the AppHost's dashboard ports (15077, 19024, 20274) meanwhile.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=${COMMERCE_BENCH_MODE:-local}
rest_seconds=${COMMERCE_BENCH_REST_SECONDS:-30}
timeout_seconds=300
# Every service's /health, on the ports its launch profile gives (DCP's proxies): each waits for its database and the
# bus before it starts, and the worker's /health includes its Temporal connection, so all 200 means all healthy.
health_urls=(
  http://localhost:5101/health http://localhost:5102/health http://localhost:5103/health http://localhost:5104/health
  http://localhost:5105/health http://localhost:5106/health http://localhost:5108/health
)

state=$(mktemp -d "${TMPDIR:-/tmp}/commerce-bench-state.XXXXXX")
chmod 755 "$state" # under root, PostgreSQL runs as the postgres user, who must reach its data directory inside
apphost_pid=
cleanup() {
  [[ -n $apphost_pid ]] && stop
  rm -rf "$state"
}
trap cleanup EXIT

dotnet build "$repo/AppHost" -v q -nologo >/dev/null

now_ms() { date +%s%3N; }

all_healthy() {
  local url
  for url in "${health_urls[@]}"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url") == 200 ]] || return 1
  done
}

# The AppHost's process tree and DCP's (which runs detached and watches the AppHost through --monitor), one pid a line.
system_pids() {
  local apphost=$1
  ps -eo pid=,ppid=,args= | awk -v root="$apphost" '
    { pid[NR] = $1; parent[$1] = $2 }
    $0 ~ ("--monitor " root "( |$)") { roots[$1] = 1 }
    END {
      roots[root] = 1
      for (i in pid) {
        p = pid[i]
        for (a = p; a != "" && a != 0 && a != 1; a = parent[a]) if (a in roots) { print p; break }
      }
    }'
}

# Resident memory of those processes in MiB: RSS (shared pages counted in every process that maps them) and PSS
# (shared pages divided among them: what the system as a whole takes).
system_memory_mib() {
  local pid kind total
  for kind in Rss Pss; do
    total=0
    for pid in $(system_pids "$1"); do
      total=$(( total + $(awk -v k="$kind:" '$1 == k { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0) ))
    done
    printf '%s ' $(( total / 1024 ))
  done
  echo
}

# Sets apphost_pid and elapsed_ms (not echoed: a command substitution would run it in a subshell that loses the pid).
start_once() {
  local label=$1 started
  started=$(now_ms)
  (cd "$repo" && exec env Commerce__Infrastructure="$mode" Commerce__StateDirectory="$state" \
    dotnet run --project AppHost >"$state/$label.log" 2>&1) &
  apphost_pid=$!
  until all_healthy; do
    kill -0 "$apphost_pid" 2>/dev/null || { echo "the AppHost exited: $(tail -5 "$state/$label.log")" >&2; exit 1; }
    (( $(now_ms) - started < timeout_seconds * 1000 )) || { echo "not healthy in $timeout_seconds s" >&2; exit 1; }
    sleep 0.2
  done
  elapsed_ms=$(( $(now_ms) - started ))
}

# Ctrl+C as a terminal sends it: to the AppHost, not only to the `dotnet run` that waits for it. Then wait until DCP
# has stopped everything, so the next start cannot find the last run's services still answering.
stop() {
  local apphost
  apphost=$(pgrep -P "$apphost_pid" -f Commerce.AppHost | head -1 || true)
  pkill -INT -P "$apphost_pid" 2>/dev/null || true
  kill -INT "$apphost_pid" 2>/dev/null || true
  wait "$apphost_pid" 2>/dev/null || true
  apphost_pid=
  if [[ -n $apphost ]]; then
    while [[ -n $(system_pids "$apphost" | grep -vx "$apphost") ]]; do sleep 0.5; done
  fi
  while (exec 3<>/dev/tcp/127.0.0.1/5101) 2>/dev/null; do sleep 0.5; done
}

start_once cold
cold_ms=$elapsed_ms
sleep "$rest_seconds"
# The `dotnet run` wrapper's child is the AppHost itself, the process DCP watches.
apphost=$(pgrep -P "$apphost_pid" -f Commerce.AppHost | head -1)
read -r rss pss < <(system_memory_mib "$apphost")
stop
load_before_warm=$(cut -d' ' -f1-3 /proc/loadavg)
start_once warm
warm_ms=$elapsed_ms
stop

cat <<EOT
| mode | cold start → all healthy | warm start → all healthy | memory at rest, $rest_seconds s after healthy: PSS (RSS) |
|---|---|---|---|
| $mode | $(awk -v ms="$cold_ms" 'BEGIN { printf "%.1f s", ms / 1000 }') | $(awk -v ms="$warm_ms" 'BEGIN { printf "%.1f s", ms / 1000 }') | $pss MiB ($rss MiB) |

Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; load average before the warm start: $load_before_warm.
EOT
