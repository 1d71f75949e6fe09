#!/usr/bin/env bash
# Runs the Commerce tests: every test project in Commerce.ci.slnf, then tests/AppHost.Tests, then the fault matrix
# (tests/Faults.Tests, which starts a system of its own and stops and restarts its servers), then the benchmarks' quick
# mode (tests/Bench.Tests), against one PostgreSQL
# cluster and one RabbitMQ node started for this run on free loopback ports and removed at the end, whatever happened.
# Test classes isolate themselves in their own databases and virtual hosts (Commerce.Testing), so one server of each
# serves the whole run.
#
# Usage: ./test.sh [dotnet test options...]
#   Extra arguments go to `dotnet test` unchanged, for example:
#     ./test.sh --filter-class 'Commerce.Catalog.Tests.*'      (xunit v3 filters: --filter-method, --filter-trait, ...)
#     ./test.sh --no-build
# Environment (all optional):
#   COMMERCE_TEST_TARGET         a test project (.csproj or its folder) or solution (.sln/.slnx/.slnf) to run instead
#                                of the default: Commerce.ci.slnf, then the whole-system tests (tests/AppHost.Tests,
#                                tests/Faults.Tests), then the benchmarks' quick mode (tests/Bench.Tests)
#   COMMERCE_TEST_CONFIGURATION  Debug (the default: what `dotnet test` and IDEs build, so their builds are reused
#                                and a failure here reproduces there) or Release
#   COMMERCE_TEST_HANG_TIMEOUT   how long a test process may go without any test finishing before it is dumped and
#                                killed (default 10m). tests/Directory.Build.props gives every *.Tests project the
#                                HangDump extension; `off` for a target whose test projects lack it (they would reject
#                                the option)
#   COMMERCE_CHROMIUM            the Chromium the browser tests drive (default /usr/bin/chromium, else chromium on PATH)
# Needs the .NET SDK, PostgreSQL's server programs, rabbitmq-server, Chromium and, for the whole-system tests, npm (to
# build the Temporal UI, tools/temporal-ui/build.sh, once before them); run as root, it installs all but the SDK with
# apt-get when they are missing (without root and Chromium, the browser tests are skipped, saying why).
# Its last line is "N passed, N failed, N skipped", summed over the TRX reports in .test-results/ (plus, as failed,
# the tests a hung test process was killed in); it exits non-zero if dotnet test failed, any test failed, or no test ran.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"

configuration=${COMMERCE_TEST_CONFIGURATION:-Debug}
hang_timeout=${COMMERCE_TEST_HANG_TIMEOUT:-10m}
# The whole-system tests run after the rest, on their own: each starts a dozen processes under DCP and drives a browser
# through a saga, and on two cores, beside a dozen other test processes, a system was seen not to stop within 90 s.
if [[ -n ${COMMERCE_TEST_TARGET:-} ]]; then
  targets=("$COMMERCE_TEST_TARGET")
else
  targets=(Commerce.ci.slnf tests/AppHost.Tests/Commerce.AppHost.Tests.csproj tests/Faults.Tests/Commerce.Faults.Tests.csproj)
  # The benchmarks' quick mode (tests/Bench.Tests) runs last, alone: beside other test processes its figures would
  # measure the neighbours, and its load would slow their timed tests.
  targets+=(tests/Bench.Tests/Commerce.Bench.Tests.csproj)
fi
results="$repo/.test-results"

# The whole-system tests start the AppHost, whose in-process Temporal serves the Temporal UI from
# tools/temporal-ui/build/; it is built (with npm) before them, so the system under test finds it built.
runs_apphost_tests() { [[ $1 == *AppHost.Tests* || $1 == *Faults.Tests* || $1 == *.sln || $1 == *.slnx ]]; }
needs_temporal_ui=false
for target in "${targets[@]}"; do
  if runs_apphost_tests "$target"; then needs_temporal_ui=true; fi
done

log() { echo "test.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- Programs --------------------------------------------------------------------------------------------------------

# Debian keeps PostgreSQL's server programs off PATH, in /usr/lib/postgresql/<version>/bin.
find_postgres_bin() {
  local dir
  if command -v pg_config >/dev/null && dir=$(pg_config --bindir 2>/dev/null) && [[ -x $dir/initdb ]]; then
    echo "$dir"; return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"; do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then echo "$dir"; return; fi
  done
  return 1
}

# Debian's /usr/sbin/rabbitmq-server switches to the rabbitmq user; the scripts it wraps run as whoever calls them.
find_rabbitmq_bin() {
  local dir
  for dir in /usr/lib/rabbitmq/bin "$(dirname "$(command -v rabbitmq-server 2>/dev/null || echo /nonexistent/rabbitmq-server)")"; do
    if [[ -x $dir/rabbitmq-server && -x $dir/rabbitmqctl ]]; then echo "$dir"; return; fi
  done
  return 1
}

find_epmd() { command -v epmd || { [[ -x /usr/lib/erlang/bin/epmd ]] && echo /usr/lib/erlang/bin/epmd; }; }

# The browser tests drive Debian's Chromium (Playwright cannot download its own browsers here): the same lookup as
# tests/Commerce.Testing.Browser's ChromiumExecutable. A COMMERCE_CHROMIUM that names no executable is the developer's
# to fix, not a reason to install another browser.
find_chromium() {
  if [[ -n ${COMMERCE_CHROMIUM:-} ]]; then echo "$COMMERCE_CHROMIUM"; return; fi
  if [[ -x /usr/bin/chromium ]]; then echo /usr/bin/chromium; return; fi
  local found # bash's lookup falls back to a file on PATH that is not executable
  found=$(command -v chromium) && [[ -x $found ]] && echo "$found"
}

install_missing() {
  local missing=()
  find_postgres_bin >/dev/null || missing+=(postgresql)
  { find_rabbitmq_bin && find_epmd; } >/dev/null || missing+=(rabbitmq-server)
  find_chromium >/dev/null || missing+=(chromium)
  if [[ $needs_temporal_ui == true ]] && ! command -v npm >/dev/null; then missing+=(npm); fi
  ((${#missing[@]} == 0)) && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
  elif [[ ${missing[*]} == chromium ]]; then
    # Without a browser only the browser tests cannot run: they skip, saying why (below), rather than stop the run.
    log "install Chromium for the browser tests with: sudo apt-get install -y chromium"
  else
    die "missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}"
  fi
}

# The benchmarks load their HTTP figures with wrk; without it they use their own generator and say so, so wrk is
# installed where root can and never required.
install_wrk_for_the_benchmarks() {
  local target
  command -v wrk >/dev/null && return
  for target in "${targets[@]}"; do
    [[ $target == *Bench.Tests* ]] || continue
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      log "installing wrk for the benchmarks"
      { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }; } >&2 \
        || log "wrk could not be installed: the benchmarks use their own load generator"
    else
      log "no wrk: the benchmarks use their own load generator (sudo apt-get install -y wrk for Debian's)"
    fi
    return
  done
}

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH; see global.json for the version"
install_missing
install_wrk_for_the_benchmarks
# One line for the whole run; each skipped browser test also carries the reason.
chromium=$(find_chromium) && [[ -x $chromium ]] || log "no Chromium${chromium:+ at $chromium}: the browser tests will be skipped"
postgres_bin=$(find_postgres_bin) || die "PostgreSQL server programs still missing after install"
rabbitmq_bin=$(find_rabbitmq_bin) || die "rabbitmq-server still missing after install"
epmd=$(find_epmd) || die "Erlang's epmd still missing after install"

# --- Servers ---------------------------------------------------------------------------------------------------------

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/commerce-test-run.XXXXXX")
chmod 755 "$run_dir" # PostgreSQL's user must reach its directory inside
pg_dir=$run_dir/postgres
rabbit_dir=$run_dir/rabbitmq
mkdir -p "$pg_dir" "$rabbit_dir"

# Sets the variable named $1 to a free port below Linux's ephemeral range (32768+), where outgoing connections never
# take it from under a server.
taken_ports=" "
free_port() {
  local candidate # not named like any caller's variable: printf -v would set this one instead
  while :; do
    candidate=$((20000 + RANDOM % 12000))
    [[ $taken_ports == *" $candidate "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      taken_ports+="$candidate "
      printf -v "$1" '%s' "$candidate"
      return
    fi
  done
}

# PostgreSQL refuses to run as root.
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Idempotent and silent: it runs once before the summary line and again from the EXIT trap.
stop_servers() {
  # The run's data is thrown away, so the broker is killed rather than shut down cleanly (which takes ~6 s).
  if [[ -n ${rabbit_pid:-} ]]; then
    if [[ -f $rabbit_dir/rabbitmq.pid ]]; then kill -KILL "$(cat "$rabbit_dir/rabbitmq.pid")" 2>/dev/null || true; fi
    kill -KILL "$rabbit_pid" 2>/dev/null || true
    wait "$rabbit_pid" 2>/dev/null || true
    rabbit_pid=
  fi
  if [[ -n ${epmd_port:-} ]]; then
    "$epmd" -port "$epmd_port" -kill >/dev/null 2>&1 || true
    epmd_port=
  fi
  if [[ -f $pg_dir/data/postmaster.pid ]]; then
    (cd "$pg_dir" && as_postgres "$postgres_bin/pg_ctl" stop -D "$pg_dir/data" -m immediate -w) >/dev/null 2>&1 || true
  fi
  rm -rf "$run_dir"
}

on_exit() {
  local status=$?
  set +e
  stop_servers
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_postgres() {
  local port started=$SECONDS
  free_port port
  [[ $(id -u) == 0 ]] && chown postgres "$pg_dir"
  # Run from a directory the postgres user may enter: runuser keeps the working directory.
  (cd "$pg_dir" && as_postgres "$postgres_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1) \
    || die "initdb failed: $(tail -20 "$pg_dir/initdb.log")"
  # fsync off: the cluster is thrown away. max_connections: each test database has its own pool, tests run in parallel.
  (cd "$pg_dir" && as_postgres "$postgres_bin/pg_ctl" start -w -t 60 -D "$pg_dir/data" -l "$pg_dir/postgres.log" \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" >/dev/null) \
    || die "PostgreSQL did not start: $(tail -20 "$pg_dir/postgres.log")"
  export COMMERCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL $("$postgres_bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port in $((SECONDS - started)) s"
}

start_rabbitmq() {
  local started=$SECONDS amqp_port management_port dist_port node
  free_port amqp_port
  free_port management_port
  free_port dist_port
  free_port epmd_port
  node="commerce-test-$$@localhost"
  cat >"$rabbit_dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
EOF
  echo '[rabbitmq_management].' >"$rabbit_dir/enabled_plugins"
  : >"$rabbit_dir/rabbitmq-env.conf"

  # Server and CLI share node name, cookie (in HOME) and epmd port; nothing from /etc/rabbitmq applies. The CLI takes
  # any free distribution port rather than the fixed 35672-35682 that test processes' own nodes share.
  rabbit_env=(
    HOME="$rabbit_dir"
    RABBITMQ_NODENAME="$node"
    RABBITMQ_DIST_PORT="$dist_port"
    ERL_EPMD_PORT="$epmd_port"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_CONF_ENV_FILE="$rabbit_dir/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$rabbit_dir/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$rabbit_dir/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$rabbit_dir/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$rabbit_dir/mnesia"
    RABBITMQ_LOG_BASE="$rabbit_dir/log"
    RABBITMQ_PID_FILE="$rabbit_dir/rabbitmq.pid"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    RABBITMQ_CTL_DIST_PORT_MIN=0
    RABBITMQ_CTL_DIST_PORT_MAX=0
  )
  # epmd started here on its own port, not by the node, so it is known to be ours to stop.
  (cd "$rabbit_dir" && env "${rabbit_env[@]}" "$epmd" -port "$epmd_port" -address 127.0.0.1 -daemon -relaxed_command_check \
    >>"$rabbit_dir/epmd.log" 2>&1 </dev/null) || die "epmd did not start: $(cat "$rabbit_dir/epmd.log")"
  (cd "$rabbit_dir" && exec env "${rabbit_env[@]}" "$rabbitmq_bin/rabbitmq-server" >>"$rabbit_dir/server.log" 2>&1 </dev/null) &
  rabbit_pid=$!

  # `rabbitmqctl wait` returns once the broker and its plugins run (`ping` answers earlier, before AMQP is up); it
  # needs the pid file the node writes early in its boot, so until then the node's own exit is watched here.
  while [[ ! -s $rabbit_dir/rabbitmq.pid ]]; do
    kill -0 "$rabbit_pid" 2>/dev/null || die "RabbitMQ exited while starting: $(tail -30 "$rabbit_dir/server.log")"
    ((SECONDS - started < 120)) || die "RabbitMQ wrote no pid file in 120 s: $(tail -30 "$rabbit_dir/server.log")"
    sleep 0.2
  done
  (cd "$rabbit_dir" && env "${rabbit_env[@]}" "$rabbitmq_bin/rabbitmqctl" wait "$rabbit_dir/rabbitmq.pid" --timeout 120 >"$rabbit_dir/wait.log" 2>&1) \
    || die "RabbitMQ did not start: $(cat "$rabbit_dir/wait.log"; tail -30 "$rabbit_dir/log/$node.log")"
  export COMMERCE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp_port/"
  export COMMERCE_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$management_port/"
  log "RabbitMQ ready on 127.0.0.1:$amqp_port (management :$management_port) in $((SECONDS - started)) s"
}

start_postgres
start_rabbitmq

# --- Tests -----------------------------------------------------------------------------------------------------------

hang_options=()
if [[ $hang_timeout != off ]]; then
  hang_options=(--hangdump --hangdump-timeout "$hang_timeout" --hangdump-type Mini)
fi

# Once, just before the first target that needs it: a cold build takes minutes on two cores, an up-to-date one none.
temporal_ui_status=
build_temporal_ui() {
  local started=$SECONDS
  log "building the Temporal UI for the whole-system tests (tools/temporal-ui/build.sh)"
  set +e
  "$repo/tools/temporal-ui/build.sh" >&2
  temporal_ui_status=$?
  set -e
  if ((temporal_ui_status == 0)); then
    log "Temporal UI ready in $((SECONDS - started)) s"
  else
    log "the Temporal UI build failed (exit code $temporal_ui_status) after $((SECONDS - started)) s: the whole-system tests are not run"
  fi
}

rm -rf "$results"
# Every target runs, whatever the one before came to: the summary counts them all.
dotnet_status=0
for target in "${targets[@]}"; do
  if runs_apphost_tests "$target"; then
    [[ -n $temporal_ui_status ]] || build_temporal_ui
    ((temporal_ui_status == 0)) || continue
  fi
  case $target in
    *.sln | *.slnx | *.slnf) target_option=--solution ;;
    *) target_option=--project ;;
  esac
  set +e
  dotnet test "$target_option" "$target" --configuration "$configuration" \
    --results-directory "$results" --report-xunit-trx "${hang_options[@]}" "$@"
  target_status=$?
  set -e
  if ((target_status != 0)); then dotnet_status=$target_status; fi
done

stop_servers

# Counters of every TRX report: failed counts error, timeout and aborted too; notExecuted is what xunit skipped.
read -r passed failed skipped < <(
  find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null |
    awk '{
      for (i = 2; i <= NF; i++) {
        split($i, pair, "=")
        gsub(/[^0-9]/, "", pair[2])
        count[pair[1]] += pair[2]
      }
    }
    END {
      printf "%d %d %d\n", count["passed"], count["failed"] + count["error"] + count["timeout"] + count["aborted"], count["notExecuted"]
    }'
)

# A test process killed for hanging writes no TRX; its hang log names each test that was still running (one a line).
hung=$(find "$results" -name '*_hang.log' -exec cat {} + 2>/dev/null | grep -c . || true)
failed=$((failed + hung))

status=0
if ((dotnet_status != 0)); then
  log "dotnet test exited with code $dotnet_status"
  status=1
fi
if ((failed > 0)); then status=1; fi
if [[ -n $temporal_ui_status ]] && ((temporal_ui_status != 0)); then status=1; fi
if ((passed + failed == 0)); then
  log "no test ran"
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
