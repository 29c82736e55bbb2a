#!/usr/bin/env bash
# Engine tick benchmark: builds the Benchmarks executable and telemt-gitops in release, then for
# 10,000 and 100,000 users (in one users.yaml, and 100,000 also split over 100 files of users/) times
# one tick with nothing to do and one with one user added (a local spec, no telemt: no scrape and no
# reload wait), median of K, wall and CPU, by one engine ticking again and again as the daemon does. The baseline in the
# same run is `telemt-gitops render` of the same spec (validate, derive secrets, render, write),
# which is what a host re-runs on every change without the engine.
# Prints a Markdown table for docs/benchmarks.md.
#
# Usage: scripts/bench-tick.sh [--iterations K] [--users "N M NxF ..."]   (NxF: N users in F files)
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=7 counts="10000 100000 100000x100"
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --users) counts=$2; shift 2 ;;
    *) echo "bench-tick: unknown option $1" >&2; exit 2 ;;
  esac
done

work=.build-bench/tick
mkdir -p "$work"
swift build -c release --product Benchmarks >/dev/null
swift build -c release --product telemt-gitops >/dev/null
bin=.build/release/telemt-gitops
echo "### Engine tick, release, $(date -u +%Y-%m-%d), $(nproc) cores, median of $iterations"
echo
echo "| users | no-op tick wall | no-op tick CPU | one user added wall | one user added CPU | baseline: render wall |"
echo "|---:|---:|---:|---:|---:|---:|"
for workload in $counts; do
  n=${workload%x*} files=1
  [ "$workload" != "$n" ] && files=${workload#*x}
  row=$(.build/release/Benchmarks tick --users "$n" --files "$files" --iterations "$iterations" --dir "$work/$workload" --template examples/telemt.toml)
  n=$workload
  "$bin" keygen --out "$work/render-$n.key" >/dev/null 2>&1 || true
  times=()
  for _ in $(seq "$iterations"); do
    rm -f "$work/render-$n.toml"
    start=$(date +%s%N)
    "$bin" render --spec "$work/$n/spec" --template examples/telemt.toml --key "$work/render-$n.key" --out "$work/render-$n.toml" >/dev/null 2>&1 \
      || { echo "bench-tick: render of $work/$n/spec failed" >&2; exit 1; }
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (iterations + 1) / 2 ))p")
  echo "$row $median ms |"
done
