#!/usr/bin/env bash
# Daemon benchmark: builds telemt-gitops in release, then for each user count starts `telemt-gitops
# run` as a host would (a file:// git remote, the telemt stand-in, a signed webhook) and measures
#   - push to config on disk: from sending the webhook of a pushed commit to the new user in
#     telemt's config.toml (and the `git push` itself beside it), median and worst of K pushes;
#   - idle CPU at a 5 s interval: the daemon's user+system CPU over a window after warm-up, as a
#     share of one core, with its resident memory.
# Baselines in the same run: `telemt-gitops render` of the same spec (what a host re-runs on every
# change without the daemon), and `reconcile --once` every 5 s from cron (one process per tick).
# Prints a Markdown table for docs/benchmarks.md.
#
# Usage: scripts/bench-daemon.sh [--users "100 10000"] [--pushes K] [--idle-seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product telemt-gitops >/dev/null
exec python3 scripts/bench/daemon_bench.py --binary .build/release/telemt-gitops "$@"
