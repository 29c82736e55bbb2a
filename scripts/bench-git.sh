#!/usr/bin/env bash
# Benchmark of the git source: time to notice and read a one-line change in a repository with
# 10,000 commits and 10,000 users (users/*.yaml, 100 files of 100 users), over git:// on loopback,
# compared with the git command line doing the same (git fetch + git show) in the same run.
# Prints a Markdown table. Usage: scripts/bench-git.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=Admin GIT_AUTHOR_EMAIL=admin@example.com GIT_COMMITTER_NAME=Admin GIT_COMMITTER_EMAIL=admin@example.com

swift build -c release --product telemt-gitops >/dev/null
bin="$(swift build -c release --show-bin-path)/telemt-gitops"

work="$(mktemp -d)"
daemon_pid=""
cleanup() { [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 10,000 commits through git fast-import: the first writes 100 files of 100 users, each later one
# changes one line of one file.
python3 - "$work/stream" <<'PY'
import sys
out = open(sys.argv[1], "w")
def user_file(f, rev):
    lines = ["users:\n"]
    for u in range(100):
        n = f * 100 + u
        lines.append(f"  user{n:05d}: {{ data_limit: {10 + (n + rev) % 90} GiB, note: \"rev {rev if u == rev % 100 else 0}\" }}\n")
    return "".join(lines)
def commit(message, files, time):
    out.write(f"commit refs/heads/main\ncommitter Admin <admin@example.com> {time} +0000\n")
    data = message.encode()
    out.write(f"data {len(data)}\n{message}\n")
    for path, text in files:
        body = text.encode()
        out.write(f"M 100644 inline {path}\ndata {len(body)}\n{text}\n")
files = [(f"users/{f:02d}.yaml", user_file(f, 0)) for f in range(100)]
files.append(("telemt.toml", "[general]\n"))
commit("Initial users", files, 1500000000)
for i in range(1, 10000):
    f = i % 100
    commit(f"Change {i}", [(f"users/{f:02d}.yaml", user_file(f, i))], 1600000000 + i)
out.close()
PY
git init -q --bare -b main "$work/remote.git"
git --git-dir "$work/remote.git" fast-import --quiet < "$work/stream"
git --git-dir "$work/remote.git" gc -q
commits=$(git --git-dir "$work/remote.git" rev-list --count main)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/lib/git-core/git-daemon --reuseaddr --export-all --listen=127.0.0.1 --port="$port" \
  --base-path="$work" "$work" 2>/dev/null & daemon_pid=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
url="git://127.0.0.1:$port/remote.git"

# Initial clones (not measured): our bare cache, and a bare clone for the command line.
"$bin" fetch --repo "$url" --state-dir "$work/state" >/dev/null
git clone -q --bare "$url" "$work/cli.git"
git clone -q "$work/remote.git" "$work/editor"
paths=$(cd "$work/editor" && printf "%s\n" users/*.yaml | sed 's/^/main:/' | tr '\n' ' ')

now() { date +%s%N; }
ours=() cli=() ours_idle=() cli_idle=()
for round in $(seq "$rounds"); do
  sed -i "2s/note: \"[^\"]*\"/note: \"bench $round\"/" "$work/editor/users/42.yaml"
  git -C "$work/editor" commit -qam "Bench change $round"
  git -C "$work/editor" push -q origin main
  t0=$(now); "$bin" fetch --repo "$url" --state-dir "$work/state" >/dev/null; t1=$(now)
  git --git-dir "$work/cli.git" fetch -q origin main:main
  # shellcheck disable=SC2086
  git --git-dir "$work/cli.git" show $paths >/dev/null; t2=$(now)
  "$bin" fetch --repo "$url" --state-dir "$work/state" >/dev/null; t3=$(now)
  git --git-dir "$work/cli.git" fetch -q origin main:main
  # shellcheck disable=SC2086
  git --git-dir "$work/cli.git" show $paths >/dev/null; t4=$(now)
  ours+=($(( (t1 - t0) / 1000000 ))) cli+=($(( (t2 - t1) / 1000000 )))
  ours_idle+=($(( (t3 - t2) / 1000000 ))) cli_idle+=($(( (t4 - t3) / 1000000 )))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "Repository: $commits commits, 10,000 users in 100 files, over git:// on loopback; median of $rounds rounds (ms)."
echo
echo "| operation | telemt-gitops fetch | git fetch + git show |"
echo "|---|---:|---:|"
echo "| notice and read a one-line change | $(median "${ours[@]}") | $(median "${cli[@]}") |"
echo "| nothing new (fetch and read again) | $(median "${ours_idle[@]}") | $(median "${cli_idle[@]}") |"
