#!/usr/bin/env bash
# telemt API benchmark: builds the Benchmarks executable in release, generates telemt 3.4.25-shaped
# `GET /v1/users` bodies (links with secrets, IP lists, limits) for 10,000 and 100,000 users, and
# times TelemtAPIUsers's parse (median of K runs, wall and CPU) next to a baseline measured in the
# same run on the same bytes: Python's json.loads (C accelerated), which builds every value,
# plus the name -> total_octets dict.
# Prints a Markdown table for docs/benchmarks.md.
#
# Usage: scripts/bench-api.sh [--iterations K] [--users "N M ..."]
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=9 counts="10000 100000"
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --users) counts=$2; shift 2 ;;
    *) echo "bench-api: unknown option $1" >&2; exit 2 ;;
  esac
done

work=.build-bench/api
mkdir -p "$work"
swift build -c release --product Benchmarks >/dev/null
echo "### telemt API \`/v1/users\` parse, Swift (release) vs Python $(python3 -c 'import platform; print(platform.python_version())') json.loads, $(date -u +%Y-%m-%d), $(nproc) cores, median of $iterations"
echo
echo "| users | body | Swift wall | Swift CPU | Python json.loads + dict wall | Python CPU | target |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $counts; do
  body="$work/users-$n.json"
  line=$(.build/release/Benchmarks api-users --users "$n" --iterations "$iterations" --body-out "$body")
  users="" bytes="" wall_ms="" cpu_ms=""
  eval "$line"  # sets users= bytes= wall_ms= cpu_ms=
  py=$(python3 - "$body" "$iterations" <<'PY'
import json, statistics, sys, time
data = open(sys.argv[1], "rb").read()
walls, cpus = [], []
for _ in range(int(sys.argv[2])):
    w, c = time.perf_counter(), time.process_time()
    users = {u["username"]: u["total_octets"] for u in json.loads(data)["data"]}
    walls.append(time.perf_counter() - w); cpus.append(time.process_time() - c)
print(f"{statistics.median(walls) * 1000:.1f} {statistics.median(cpus) * 1000:.1f}")
PY
)
  read -r py_wall py_cpu <<<"$py"
  target=$([ "$n" -le 10000 ] && echo "< 50 ms" || echo "< 500 ms")
  mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')
  echo "| $users | $mib | $wall_ms ms | $cpu_ms ms | $py_wall ms | $py_cpu ms | $target |"
  rm -f "$body"
done
