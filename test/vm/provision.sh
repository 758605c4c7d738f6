#!/usr/bin/env bash
# Provides what test/vm_linux_*.test.ts and bench/kernels.ts need to boot Debian's kernels
# in a virtual machine: qemu-system-x86_64 (installed with apt-get), and under .cache/vm/
# (gitignored) a static busybox and the kernel images of each SERIES (default: 6.1 and
# 6.12), unpacked from Debian's packages with apt-get download + dpkg-deb, not installed.
#
#   bash test/vm/provision.sh [--cached-only] [SERIES...]
#
# Idempotent: what is already there is kept. --cached-only installs and downloads
# nothing, only reports. Prints `qemu=PATH`, `busybox=PATH`, then `kernel SERIES PATH`
# for each kernel it has, or `skip SERIES REASON` for one it cannot have; exits 0. When
# qemu or busybox cannot be had, prints one `skip: REASON` line and exits 3.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1

cache=.cache/vm
cached_only=0
if [[ ${1:-} == --cached-only ]]; then
  cached_only=1
  shift
fi
series=("$@")
((${#series[@]})) || series=(6.1 6.12)

skip() {
  echo "skip: $*"
  exit 3
}

log() { echo "provision: $*" >&2; }

can_apt() { command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null && [[ $(id -u) == 0 ]]; }

updated=0
apt_update() {
  ((updated)) && return 0
  updated=1
  log "apt-get update"
  timeout 300 apt-get update -qq >&2
}

# The newest package whose name matches the regular expression $1 that apt-get download
# can fetch: its files matching the tar wildcard $3 unpacked into $2. Echoes its name.
fetch_package() {
  local pattern=$1 into=$2 members=$3 names name dir
  names=$(apt-cache search --names-only "$pattern" 2>/dev/null | cut -d' ' -f1 | sort -V -r)
  if [[ -z $names ]]; then
    apt_update || return 1
    names=$(apt-cache search --names-only "$pattern" 2>/dev/null | cut -d' ' -f1 | sort -V -r)
  fi
  dir=$(mktemp -d "$cache/download.XXXXXX") || return 1
  for name in $names; do
    log "apt-get download $name"
    if (cd "$dir" && timeout 600 apt-get download -qq "$name" >&2 2>/dev/null) && mkdir -p "$into" &&
      dpkg-deb --fsys-tarfile "$dir"/*.deb | tar -x -C "$into" --wildcards "$members"; then
      rm -rf "$dir"
      echo "$name"
      return 0
    fi
    rm -f "$dir"/*.deb
  done
  rm -rf "$dir"
  return 1
}

mkdir -p "$cache" || skip "cannot create $cache"

qemu=$(command -v qemu-system-x86_64 || true)
if [[ -z $qemu ]]; then
  ((cached_only)) && skip "qemu-system-x86_64 is not installed"
  can_apt || skip "qemu-system-x86_64 is not installed, and apt-get (as root) is not available to install it"
  apt_update || skip "apt-get update failed"
  log "apt-get install qemu-system-x86"
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends qemu-system-x86 >&2 ||
    skip "apt-get install qemu-system-x86 failed"
  qemu=$(command -v qemu-system-x86_64) || skip "qemu-system-x86 installed no qemu-system-x86_64"
fi

busybox=$cache/busybox/bin/busybox
if [[ ! -x $busybox ]]; then
  ((cached_only)) && skip "no static busybox in $cache"
  can_apt || skip "no static busybox in $cache, and apt-get (as root) is not available to download one"
  rm -rf "$cache/busybox"
  fetch_package '^busybox-static$' "$cache/busybox" './bin/busybox' >/dev/null || skip "the busybox-static package could not be downloaded"
  [[ -x $busybox ]] || skip "busybox-static held no /bin/busybox"
fi

echo "qemu=$qemu"
echo "busybox=$PWD/$busybox"

# The kernel image of series $1 ("6.1", "6.12"): echoes its path, or fails with a reason.
kernel_of() {
  local s=$1 dir=$cache/linux-$1 re=${1//./\\.} image
  image=$(ls "$dir"/boot/vmlinuz-"$s".* 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $image ]]; then
    ((cached_only)) && { echo "no Linux $s kernel in $dir"; return 1; }
    can_apt || { echo "no Linux $s kernel in $dir, and apt-get (as root) is not available to download one"; return 1; }
    rm -rf "$dir"
    # Only the image: the modules, most of the package, are not needed.
    fetch_package "^linux-image-$re[.][0-9]+(-[0-9]+|[+]deb[0-9]+)-amd64-unsigned\$" "$dir" './boot/vmlinuz-*' >/dev/null || {
      echo "no linux-image-$s.*-amd64-unsigned package could be downloaded (is Debian 12's archive configured?)"
      return 1
    }
    image=$(ls "$dir"/boot/vmlinuz-"$s".* 2>/dev/null | sort -V | tail -n 1)
    [[ -n $image ]] || { echo "the kernel package held no /boot/vmlinuz-$s.*"; return 1; }
  fi
  echo "$PWD/$image"
}

for s in "${series[@]}"; do
  if out=$(kernel_of "$s"); then echo "kernel $s $out"; else echo "skip $s $out"; fi
done
