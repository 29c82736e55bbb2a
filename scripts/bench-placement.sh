#!/usr/bin/env bash
# Placement benchmark: builds the Benchmarks executable in release (its own scratch path), then
# places 100,000 users over 50 nodes (every fifth of weight 2) with 1 and 2 replicas by weighted
# rendezvous hashing: RendezvousPlacer (median and fastest of K runs), next to baselines measured in
# the same run: ReferencePlacer (scores every node and sorts them, median of 3) and a plain Python
# implementation of the same hash (scripts/bench/baseline_placement.py, one run). The Swift and
# Python placements are compared by checksum, so the table also checks the hash across languages.
# Prints a Markdown table for docs/benchmarks.md.
#
# Usage: scripts/bench-placement.sh [--iterations K] [--users N] [--nodes M] [--no-python]
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=15 users=100000 nodes=50 python=1
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --no-python) python=0; shift ;;
    *) echo "bench-placement: unknown option $1" >&2; exit 2 ;;
  esac
done

scratch=.build-bench
swift build -c release --product Benchmarks --scratch-path "$scratch" >/dev/null
bin="$scratch/release/Benchmarks"
echo "### Placement, release, $(date -u +%Y-%m-%d), $(nproc) cores, $users users over $nodes nodes, median of $iterations"
echo
echo "| replicas | RendezvousPlacer median | fastest | baseline: ReferencePlacer | baseline: Python $(python3 -c 'import platform; print(platform.python_version())') | same placement | target |"
echo "|---:|---:|---:|---:|---:|---|---:|"
for replicas in 1 2; do
  fast_ms="" fast_min_ms="" reference_ms="" same="" checksum=""
  eval "$("$bin" placement --users "$users" --nodes "$nodes" --replicas "$replicas" --iterations "$iterations")"
  python_ms="–" agree="$same (reference)"
  if [ "$python" = 1 ]; then
    wall_ms="" py_checksum=""
    read -r wall_ms py_checksum <<<"$(python3 scripts/bench/baseline_placement.py "$users" "$nodes" "$replicas" | sed 's/wall_ms=//; s/checksum=//')"
    python_ms="$wall_ms ms"
    [ "$py_checksum" = "$checksum" ] && agree="$agree, yes (Python)" || agree="$agree, NO (Python $py_checksum ≠ $checksum)"
  fi
  echo "| $replicas | $fast_ms ms | $fast_min_ms ms | $reference_ms ms | $python_ms | $agree | < 100 ms |"
done
