#!/usr/bin/env bash
# The whole test suite, from a fresh clone: `npm test` (or `bash test/run.sh [PATTERN...]`,
# PATTERNs being regular expressions that pick test/*.test.ts files by name).
#
#  1. installs the pinned toolchain (npm ci) when node_modules is missing or differs from
#     package-lock.json;
#  2. builds the single executable dist/memassert (build/compile.ts);
#  3. provides what test/vm_linux_*.test.ts need to boot Debian's Linux 6.1 and 6.12 under
#     qemu (test/vm/provision.sh: apt-get install qemu-system-x86, the kernels and busybox
#     downloaded into .cache/vm), when those tests are selected; where it cannot, they are
#     reported skipped with the reason;
#  4. runs the suite under Bun, the CLI tests running dist/memassert (MEMASSERT_CLI=binary),
#     then under Deno, the CLI tests running the sources with `deno run` (MEMASSERT_CLI=source).
#
# Prints each runtime's summary line, then `total: N passed, N failed, N skipped`, and exits
# 1 if either run failed or did not finish. Each run is stopped after MEMASSERT_TEST_TIMEOUT
# seconds (default 900) so that a hung tracer cannot hang CI.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

bin=node_modules/.bin
timeout_s=${MEMASSERT_TEST_TIMEOUT:-900}

# Exit status 0 when package.json and the lock file name the same direct dependencies.
lock_matches_package_json() {
  node -e '
    const fs = require("node:fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const root = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages[""];
    const deps = (o) => JSON.stringify(Object.entries({ ...o.dependencies, ...o.devDependencies }).sort());
    process.exit(deps(pkg) === deps(root) ? 0 : 1);
  '
}

# Exit status 0 when node_modules holds exactly the versions the lock file records
# (npm keeps a record of what it installed in node_modules/.package-lock.json).
node_modules_matches_lock() {
  [[ -f node_modules/.package-lock.json ]] || return 1
  node -e '
    const fs = require("node:fs");
    const locked = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    const installed = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages;
    for (const [path, entry] of Object.entries(locked)) {
      if (path === "") continue;
      const have = installed[path];
      // Optional packages for other platforms are never installed.
      if (have ? have.version !== entry.version : !entry.optional) process.exit(1);
    }
    for (const path of Object.keys(installed)) if (!(path in locked)) process.exit(1);
  '
}

install() {
  if [[ ! -f package-lock.json ]]; then
    echo "run.sh: no package-lock.json; creating it" >&2
    npm install --package-lock-only --no-audit --no-fund || return 1
  fi
  if lock_matches_package_json && node_modules_matches_lock; then return 0; fi

  echo "run.sh: node_modules is missing or stale; running npm ci" >&2
  if ! npm ci --no-audit --no-fund; then
    # npm ci also fails when the registry lacks optional packages the lock does not
    # list (another platform's build of a dependency): the lock is then as complete
    # as this registry allows, and npm install uses it just the same.
    lock_matches_package_json || return 1
    echo "run.sh: npm ci failed with a lock file that matches package.json;" \
      "installing from the lock file with npm install --no-save" >&2
    npm install --no-save --no-audit --no-fund || return 1
  fi
}

is_native() { [[ $(head -c 4 "$1" 2>/dev/null | tail -c 3) == ELF ]]; }

# The bun and deno npm packages put their native executable in place with a postinstall
# script, which npm skips under --ignore-scripts or when scripts are not allowed: bun is
# then a placeholder that fails, deno a node wrapper that a timeout cannot stop.
install_runtimes() {
  local name script
  for name in bun deno; do
    is_native "$bin/$name" && continue
    script=install.js
    [[ $name == deno ]] && script=install.cjs
    echo "run.sh: the postinstall script of $name did not run; running it" >&2
    (cd "node_modules/$name" && node "$script") || return 1
    is_native "$bin/$name" || return 1
  done
}

if ! install || ! install_runtimes; then
  echo "run.sh: could not install the dependencies" >&2
  exit 1
fi

# System tools some tests need (gcc, xmllint, script) and the browser the HTML report is
# checked in: installed when missing and apt can; otherwise those tests say they were skipped.
bash test/provision.sh
bash test/provision_browser.sh

if ! "$bin/bun" build/compile.ts; then
  echo "run.sh: could not build dist/memassert" >&2
  exit 1
fi

# provision_vm PATTERN...: provisions the VM tests when the patterns select one (or there are none).
provision_vm() {
  local file wanted=$(($# == 0)) p out
  for file in vm_linux_6_1.test.ts vm_linux_6_12.test.ts; do
    for p in "$@"; do [[ $file =~ $p ]] && wanted=1; done
  done
  ((wanted)) || return 0
  out=$(bash test/vm/provision.sh)
  if [[ $out == skip:* ]]; then
    export MEMASSERT_VM_SKIP=${out#skip: }
    echo "run.sh: the VM tests will be skipped: $MEMASSERT_VM_SKIP" >&2
  else
    export MEMASSERT_VM_PROVISIONED=1
  fi
}
provision_vm "$@"

# Colors survive the tee below when a person is watching.
[[ -t 1 ]] && export FORCE_COLOR=1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

summary_re='^([a-z]+): ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$'
passed=0 failed=0 skipped=0 status=0 summaries=()

# run_suite RUNTIME CLI_MODE COMMAND...: runs COMMAND, adds its summary to the totals.
run_suite() {
  local runtime=$1 cli=$2
  shift 2
  echo
  echo "=== $runtime (MEMASSERT_CLI=$cli): $*"
  MEMASSERT_TEST_RUNTIME=$runtime MEMASSERT_CLI=$cli \
    timeout --foreground --kill-after=10 "$timeout_s" "$@" | tee "$logs/$runtime"
  local code=${PIPESTATUS[0]}
  local last
  last=$(tail -n 1 "$logs/$runtime" | sed $'s/\x1b\\[[0-9;]*m//g')

  if [[ $last =~ $summary_re && ${BASH_REMATCH[1]} == "$runtime" ]]; then
    local p=${BASH_REMATCH[2]} f=${BASH_REMATCH[3]} s=${BASH_REMATCH[5]:-0}
    if ((code != 0 && f == 0)); then
      f=1
      last+=" (but exit status $code)"
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    summaries+=("$last")
  else
    local why="exit status $code"
    ((code == 124)) && why="timed out after ${timeout_s}s"
    failed=$((failed + 1))
    summaries+=("$runtime: did not finish ($why); its last line: $last")
  fi
  ((code == 0)) || status=1
}

run_suite bun binary "$bin/bun" test/run.ts "$@"
run_suite deno source "$bin/deno" run -A test/run.ts "$@"

echo
printf '%s\n' "${summaries[@]}"
echo "total: $passed passed, $failed failed, $skipped skipped"
exit "$status"
