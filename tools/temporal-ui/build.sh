#!/usr/bin/env bash
# Builds the Temporal UI into build/ only when something it is built from changed: `npm ci` when node_modules is
# missing or older than package-lock.json, `npm run build` when build/index.html is missing or older than any input
# (src/, package.json, package-lock.json, the config files, .env). Otherwise it says the build is up to date and exits
# at once: the AppHost's temporal-ui-build resource runs it on every start.
#
# The site is built into a fresh folder beside build/ and renamed to build/ once whole, so build/ is never half
# written (the in-process Temporal server answers "being built" while build/index.html does not exist), and a rebuild
# keeps the previous build served until the new one is done. Two runs at once are not guarded against.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

log() { echo "temporal-ui/build.sh: $*"; }

inputs=(src package.json package-lock.json svelte.config.js vite.config.js postcss.config.js tailwind.config.js .env)

# npm writes this hidden lockfile at the end of an install: without it node_modules is missing or unfinished.
installed=node_modules/.package-lock.json
needs_install() { [[ ! -f $installed || package-lock.json -nt $installed ]]; }
needs_build() {
  [[ -f build/index.html ]] || return 0
  local newer
  newer=$(find "${inputs[@]}" -newer build/index.html -print -quit) || return 0
  [[ -n $newer ]]
}

if ! needs_install && ! needs_build; then
  log "the build is up to date (build/index.html is newer than every input)"
  exit 0
fi

if ! command -v npm >/dev/null; then
  log "npm is not on PATH: install Node.js and npm to build the Temporal UI (Debian: sudo apt-get install -y npm)" >&2
  exit 1
fi

# Vite 7 and @sveltejs/vite-plugin-svelte 6 (package-lock.json) declare node ^20.19 || ^22.12 || >=24; on an older
# Node.js (Debian 12's own is 18) the build fails deep inside Vite, so say it plainly first.
if ! node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19) || major === 23 ? 0 : 1);
'; then
  log "Node.js $(node --version) is too old to build the Temporal UI: it needs 20.19+, 22.12+ or 24+ (https://nodejs.org)" >&2
  exit 1
fi

# npm runs vite through a shell; stopping this script (the AppHost stopping, Ctrl+C) must stop all of them, so each
# npm runs in its own process group and a signal here is passed on to the whole group.
child=
run() {
  setsid "$@" &
  child=$!
  wait "$child"
  child=
}
stop() {
  [[ -n $child ]] && kill -TERM -- "-$child" 2>/dev/null
  exit 143
}
trap stop TERM INT HUP

started=$SECONDS
if needs_install; then
  log "installing the packages of package-lock.json (npm ci)"
  run npm ci --no-audit --no-fund
fi

# Beside build/ (so the last step is a rename) and named like it; .gitignore covers it. The adapter empties its output
# folder before writing, so the mark of the build's start lives outside it. Leftovers of a killed run go first.
for leftover in build.partial.*; do
  [[ -e $leftover ]] && rm -rf "$leftover"
done
out=$PWD/build.partial.$$
mark=$out.started
trap 'rm -rf "$out" "$out.previous" "$mark"' EXIT
touch "$mark"
log "building the site (npm run build)"
run env TEMPORAL_UI_OUT="$out" npm run build
[[ -f $out/index.html ]] || { log "the build wrote no index.html" >&2; exit 1; }
# Inputs edited while the build ran are newer than index.html, so the next run builds again.
touch -r "$mark" "$out/index.html"

if [[ -d build ]]; then
  mv build "$out.previous"
fi
mv "$out" build
log "built build/ in $((SECONDS - started)) s"
