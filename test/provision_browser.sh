#!/usr/bin/env bash
# Installs the browser the HTML report is checked in: Debian's chromium, driven by
# playwright-core (an npm devDependency that downloads no browser). Idempotent: does nothing
# when /usr/bin/chromium is there. Without root, apt-get or the package, it says so and
# exits 0: the report's browser test then reports itself skipped, with the reason.
# Called by test/run.sh; MEMASSERT_NO_PROVISION=1 skips it.
set -uo pipefail

[[ ${MEMASSERT_NO_PROVISION:-} == 1 ]] && exit 0
[[ -x /usr/bin/chromium ]] && exit 0

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "provision: chromium is missing and this is not root: not installing it (the browser test will be skipped)" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "provision: chromium is missing and there is no apt-get (the browser test will be skipped)" >&2
  exit 0
fi

echo "provision: installing chromium (apt-get update, then apt-get install chromium)" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists, or stale ones.
timeout 600 "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 || echo "provision: apt-get update failed; trying the lists there are" >&2
if ! timeout 1200 "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
  echo "provision: could not install chromium (the browser test will be skipped)" >&2
fi
exit 0
