#!/usr/bin/env bash
# Checks the Dockerfile's two stages without a Docker engine: builds the binary as its build
# stage does (release, static Swift runtime, stripped), bootstraps the Debian release its run
# stage uses into a directory, installs exactly the packages that stage names, and runs the
# binary there as the image would: validate, keygen, render, links, then `run` with
# `healthcheck` asking /healthz and /readyz. Needs root (chroot), network to Debian's mirror
# and about 10 minutes. Not part of the tests; run it after changing the Dockerfile.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" = 0 ] || { echo "check-image: run as root (it uses debootstrap and chroot)" >&2; exit 1; }
release="$(sed -n 's/^ARG DEBIAN_RELEASE=//p' Dockerfile)"
# The run stage's packages: every word after --no-install-recommends up to the command's end.
packages="$(awk '/^FROM debian/{run=1} run' Dockerfile | tr -d "\\" | tr '\n' ' ' |
  grep -o -- '--no-install-recommends [^&]*' | sed 's/--no-install-recommends//g')"
work="${CHECK_IMAGE_DIR:-/tmp/telemt-gitops-image}"
rootfs="$work/rootfs"

command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
echo "check-image: building (release, --static-swift-stdlib)"
swift build -c release --product telemt-gitops --static-swift-stdlib --scratch-path .build-release 2>&1 | tail -1
mkdir -p "$work"
if [ ! -x "$rootfs/bin/sh" ]; then
  echo "check-image: debootstrap $release into $rootfs"
  debootstrap --variant=minbase "$release" "$rootfs" http://deb.debian.org/debian >/dev/null
fi
echo "check-image: installing the run stage's packages:$packages"
# shellcheck disable=SC2086
chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null"
# As in a container, /proc is there (Swift reads a process's arguments from /proc/self/cmdline).
mountpoint -q "$rootfs/proc" || mount -t proc proc "$rootfs/proc"
install -m 0755 .build-release/release/telemt-gitops "$rootfs/usr/local/bin/telemt-gitops"
strip --strip-unneeded "$rootfs/usr/local/bin/telemt-gitops"
if chroot "$rootfs" ldd /usr/local/bin/telemt-gitops | grep 'not found'; then
  echo "check-image: the run stage lacks the libraries above" >&2; exit 1
fi

in_image() { chroot "$rootfs" /usr/local/bin/telemt-gitops "$@"; }
rm -rf "$rootfs/srv/check" && mkdir -p "$rootfs/srv/check/spec"
cp examples/users.yaml examples/telemt.toml "$rootfs/srv/check/spec/"
in_image validate /srv/check/spec 2>/dev/null
in_image keygen --out /srv/check/master.key
in_image render --spec /srv/check/spec --key /srv/check/master.key --out /srv/check/config.toml 2>/dev/null
in_image links carol --spec /srv/check/spec --key /srv/check/master.key 2>/dev/null | head -1
port=18080
in_image run --spec /srv/check/spec --telemt-config /srv/check/config.toml --key /srv/check/master.key --no-telemt \
  --listen "127.0.0.1:$port" --state-dir /srv/check/state 2>"$work/run.log" &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; umount "$rootfs/proc" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do in_image healthcheck --listen "127.0.0.1:$port" --ready 2>/dev/null && break; sleep 1; done
in_image healthcheck --listen "127.0.0.1:$port"
in_image healthcheck --listen "127.0.0.1:$port" --ready
kill -TERM "$daemon"; wait "$daemon" || true
echo "check-image: ok ($(du -h "$rootfs/usr/local/bin/telemt-gitops" | cut -f1) binary on $release with:$packages)"
