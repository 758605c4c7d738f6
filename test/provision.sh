#!/usr/bin/env bash
# Installs the system tools some tests need, when they are missing and apt can install
# them (as root, or with passwordless sudo): gcc and libc6-dev (the C fixtures), xmllint
# (libxml2-utils: the JUnit reports are validated with it) and script (bsdutils: the live
# terminal view is tested on a pty). Idempotent: installs nothing when all are there.
# Without apt, or offline, it says what is missing and exits 0: the tests that need a
# missing tool then report themselves skipped, with the reason.
set -uo pipefail

declare -A package_of=([gcc]=gcc [xmllint]=libxml2-utils [script]=bsdutils)
missing=()
for tool in gcc xmllint script; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
if ! command -v gcc >/dev/null 2>&1 || [[ ! -e /usr/include/stdlib.h ]]; then missing+=(libc6-dev); fi
((${#missing[@]} == 0)) && exit 0

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "provision: missing ${missing[*]}; not root, so not installing them (tests that need them will be skipped)" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "provision: missing ${missing[*]}; no apt-get to install them (tests that need them will be skipped)" >&2
  exit 0
fi

echo "provision: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! timeout 600 "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  # The package lists may be missing or stale on a fresh machine.
  timeout 600 "${sudo[@]}" apt-get update -qq >/dev/null 2>&1
  if ! timeout 600 "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "provision: could not install ${missing[*]} (tests that need them will be skipped)" >&2
  fi
fi
exit 0
