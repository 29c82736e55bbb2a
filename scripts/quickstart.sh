#!/usr/bin/env bash
# Sets the machine up, builds telemt-gitops and runs it end to end on the embedded default:
# a local example git repository made from examples/, a master key and a rendered config.toml
# under ./state (which git ignores). Safe to run again: it changes only what is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
echo "== building (release)"
swift build -c release --product telemt-gitops 2>&1 | grep -E "error|warning|Compiling telemt|Build complete" || true
bin="$(swift build -c release --show-bin-path)/telemt-gitops"
[ -x "$bin" ] || { echo "quickstart: the build failed; run 'swift build -c release' to see why" >&2; exit 1; }

state=state
mkdir -p "$state/telemt"
chmod 700 "$state"

echo "== master key"
"$bin" keygen --out "$state/master.key"

echo "== example desired-state repository"
repo="$state/example-repo"
if [ ! -d "$repo/.git" ]; then
  git init -q -b main "$repo"
fi
cp examples/users.yaml examples/telemt.toml "$repo/"
if [ -n "$(git -C "$repo" status --porcelain)" ]; then
  git -C "$repo" add users.yaml telemt.toml
  git -C "$repo" -c user.name="telemt-gitops quickstart" -c user.email=quickstart@localhost \
    commit -q -m "Example users"
fi
git -C "$repo" log --oneline -1

echo "== fetch (libgit2, into $state/git)"
"$bin" fetch --repo "$repo" --state-dir "$state"

echo "== validate"
"$bin" validate --repo "$repo" --state-dir "$state"

echo "== render"
"$bin" render --repo "$repo" --state-dir "$state" --key "$state/master.key" --out "$state/telemt/config.toml"

echo "== links of the first user"
first=$(awk '/^users:/{u=1;next} u && /^  [A-Za-z0-9_.-]+:/{sub(":.*","");gsub(" ","");print;exit}' examples/users.yaml)
"$bin" links "$first" --repo "$repo" --state-dir "$state" --key "$state/master.key" --qr terminal

echo "== traffic accounting (SQLite), from a stand-in for telemt's /metrics on 127.0.0.1"
mkdir -p "$state/metrics-standin"
cp examples/metrics.prom "$state/metrics-standin/metrics"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$state/metrics-standin" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
"$bin" scrape --metrics "http://127.0.0.1:$port/metrics" --db "$state/stats.sqlite" --node quickstart
"$bin" usage --db "$state/stats.sqlite" --period month --timezone Europe/Moscow

cat <<MSG

Done. The rendered config is $state/telemt/config.toml (mode 0600); point telemt at it.
Edit $repo/users.yaml, commit, and run this script again to apply. Traffic is in $state/stats.sqlite:
scraping the same unchanged counters again records nothing new.
MSG
