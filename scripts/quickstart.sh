#!/usr/bin/env bash
# Sets the machine up, builds telemt-gitops and runs the main job end to end on the embedded
# default: an example git repository made from examples/ (a bare "remote" and a work tree), a
# master key, the telemt stand-in, and `reconcile --once` with traffic, the daemon (`run`) for a few
# seconds with a signed webhook, the status file committed back, a user's link and the month's
# usage, all under ./state (which git ignores). Safe to run
# again: it changes only what is out of date.
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

echo "== example desired-state repository ($state/example.git, edited in $state/example-repo)"
remote="$state/example.git"
repo="$state/example-repo"
[ -d "$remote" ] || git init -q --bare -b main "$remote"
[ -d "$repo/.git" ] || git init -q -b main "$repo"
git -C "$repo" remote get-url origin >/dev/null 2>&1 || git -C "$repo" remote add origin "$PWD/$remote"
git -C "$repo" pull -q --rebase origin main 2>/dev/null || true
cp examples/users.yaml examples/telemt.toml "$repo/"
if [ -n "$(git -C "$repo" status --porcelain -- users.yaml telemt.toml)" ]; then
  git -C "$repo" add users.yaml telemt.toml
  git -C "$repo" -c user.name="telemt-gitops quickstart" -c user.email=quickstart@localhost \
    commit -q -m "Example users"
fi
git -C "$repo" push -q origin HEAD:main
git -C "$repo" log --oneline -1

echo "== telemt stand-in (test support that behaves like telemt 3.4: config reloads, /metrics, read-only API)"
telemt_dir="$state/telemt"
if [ ! -f "$telemt_dir/config.toml" ]; then
  cp examples/telemt.toml "$telemt_dir/config.toml"   # telemt's own config before the first reconcile
  chmod 600 "$telemt_dir/config.toml"
fi
mkdir -p "$state/standin"
rm -f "$state/standin/ports.json"
python3 Tests/TelemtStandIn/telemt-standin.py --config "$telemt_dir/config.toml" --state-dir "$state/standin" \
  --poll 0.5 --max-lifetime 600 >"$state/standin/stderr.log" 2>&1 &
standin=$!
trap 'kill $standin 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -f "$state/standin/ports.json" ] && break; sleep 0.1; done
[ -f "$state/standin/ports.json" ] || { cat "$state/standin/stderr.log" >&2; exit 1; }
port() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$state/standin/ports.json" "$1"; }
metrics="http://127.0.0.1:$(port metrics)/metrics"
api="http://127.0.0.1:$(port api)"
control="http://127.0.0.1:$(port control)"

cat > "$state/config.yaml" <<YAML
# The host's configuration for this quickstart (docs/configuration.md lists every key).
node: quickstart
repo: { url: "file://$PWD/$remote", branch: main }
key: $PWD/$state/master.key
state_dir: $PWD/$state
telemt:
  config: $PWD/$telemt_dir/config.toml
  metrics: $metrics
  api: $api
webhooks: { secret_file: $PWD/$state/webhook.secret }
YAML
[ -f "$state/webhook.secret" ] || (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(20))' > "$state/webhook.secret")

echo "== validate"
"$bin" validate "$repo"

echo "== plan (what reconcile would change)"
"$bin" plan --config "$state/config.yaml" || true

echo "== reconcile --once (fetch → validate → scrape → states → render → write → confirm reload → status)"
"$bin" reconcile --once --config "$state/config.yaml"

echo "== some traffic for the first user, then reconcile again"
first=$(awk '/^users:/{u=1;next} u && /^  [A-Za-z0-9_.-]+:/{sub(":.*","");gsub(" ","");print;exit}' examples/users.yaml)
curl -fsS -X POST "$control/connect" -d "{\"user\":\"$first\",\"ip\":\"127.0.0.1\"}" >/dev/null || true
curl -fsS -X POST "$control/traffic" -d "{\"user\":\"$first\",\"from\":1500000000,\"to\":3500000000}" >/dev/null
"$bin" reconcile --once --config "$state/config.yaml"

echo "== run (the daemon) for a few seconds: /readyz, a signed webhook, /metrics, then SIGTERM"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" run --config "$state/config.yaml" --listen "127.0.0.1:$port" --interval 10s --log-level warning &
daemon=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sS "http://127.0.0.1:$port/readyz"
body="{\"ref\":\"refs/heads/main\",\"after\":\"$(git --git-dir "$remote" rev-parse main)\"}"
signature=$(BODY="$body" python3 -c 'import hashlib, hmac, os, sys; print(hmac.new(open(sys.argv[1]).read().strip().encode(), os.environ["BODY"].encode(), hashlib.sha256).hexdigest())' "$state/webhook.secret")
curl -sS -X POST "http://127.0.0.1:$port/hooks/git" -H "Content-Type: application/json" -H "X-GitHub-Delivery: quickstart-$$" \
  -H "X-Hub-Signature-256: sha256=$signature" -d "$body"
sleep 1
curl -sS "http://127.0.0.1:$port/metrics" | grep -E '^telemt_gitops_(ticks_total|webhooks_total|users)' || true
kill -TERM "$daemon"; wait "$daemon"

echo "== status/quickstart.yaml, committed to the example repository"
git --git-dir "$remote" show main:status/quickstart.yaml | sed -n 1,40p

echo "== links of $first"
"$bin" links "$first" --spec "$repo" --key "$state/master.key" --qr terminal

echo "== usage this month"
"$bin" usage --db "$state/stats.sqlite" --period month --timezone Europe/Moscow --node quickstart

cat <<MSG

Done. telemt's config is $telemt_dir/config.toml (mode 0600), written by reconcile and reloaded by the
telemt stand-in. Edit $repo/users.yaml, commit, and run this script again: plan shows the change and
reconcile applies it (push from $repo first: the status commits land on main). The state (git cache, store, last good render) is in $state.
MSG
