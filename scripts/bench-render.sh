#!/usr/bin/env bash
# Benchmark: validate + render for 1k, 10k and 100k generated users (wall time, peak memory),
# next to a straightforward Python renderer measured in the same run. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
runs=${RUNS:-5}
work=.build-bench/render
mkdir -p "$work"

swift build -c release --product telemt-gitops >/dev/null
swift build -c release --product Benchmarks >/dev/null
bin=$(swift build -c release --show-bin-path)

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q pyyaml tomli_w
fi
[ -f "$work/master.key" ] || "$bin/telemt-gitops" keygen --out "$work/master.key" >/dev/null

# measure N FILE CMD...: runs CMD N times, removing FILE (its output) first each time;
# prints the median wall time (s) and the largest peak RSS (MiB).
measure() {
  local n=$1 output=$2 times=() peak=0
  shift 2
  for _ in $(seq "$n"); do
    rm -f "$output"
    if ! /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null; then
      echo "bench-render: failed: $*" >&2
      exit 1
    fi
    read -r wall rss < "$work/time.txt"
    times+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s %s' "$median" "$((peak / 1024))"
}

echo "| users | spec size | telemt-gitops wall | telemt-gitops peak RSS | Python wall | Python peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|"
for count in 1000 10000 100000; do
  dir="$work/spec-$count"
  mkdir -p "$dir"
  "$bin/Benchmarks" generate-users "$count" "$dir/users.yaml" >/dev/null
  size=$(du -k "$dir/users.yaml" | cut -f1)
  read -r ours_wall ours_rss <<<"$(measure "$runs" "$work/out-$count.toml" "$bin/telemt-gitops" render --spec "$dir" \
      --template examples/telemt.toml --key "$work/master.key" --out "$work/out-$count.toml")"
  read -r py_wall py_rss <<<"$(measure 1 "$work/py-$count.toml" "$work/venv/bin/python" scripts/bench/baseline_render.py \
      "$dir/users.yaml" examples/telemt.toml "$work/master.key" "$work/py-$count.toml")"
  echo "| $count | ${size} KiB | ${ours_wall} s | ${ours_rss} MiB | ${py_wall} s | ${py_rss} MiB |"
done
