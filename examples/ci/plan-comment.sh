#!/bin/sh
# plan-comment.sh: the telemt-gitops review of a pull/merge request as one comment, updated in place.
#
#   plan-comment.sh PLATFORM              build the comment, then create or update it (github | gitea | gitlab)
#   plan-comment.sh body [FILE]           only build it into FILE (default plan-comment.md); needs telemt-gitops
#   plan-comment.sh post PLATFORM [FILE]  only create or update the comment from FILE; needs curl
#
# The comment is a hidden marker, the result of `telemt-gitops validate` and, when the spec is valid,
# `telemt-gitops plan --from-status --format markdown` for every node with a committed
# status/<node>.yaml (node `local` when there is none). Exit status 1 when validate or a plan
# failed (after posting), so the check fails; 64 for a usage error.
#
# Environment (PLATFORM may also come as PLAN_COMMENT_PLATFORM):
#   PLAN_SPEC_DIR        the checkout's directory holding users.yaml and status/ (default .)
#   TELEMT_GITOPS        the command to run (default telemt-gitops, on PATH)
#   TELEMT_GITOPS_IMAGE  instead: run it from this image through docker (the checkout streamed in, no network)
#   PLAN_COMMENT_SHA     the commit named in the comment (default: git rev-parse HEAD)
#   PLAN_COMMENT_TOKEN   the API token (post only); sent in a header through curl's stdin, never printed
#   PLAN_COMMENT_API     API base URL; default GITHUB_API_URL (github), CI_API_V4_URL (gitlab), none for gitea
#   PLAN_COMMENT_REPO    owner/name (github, gitea; default GITHUB_REPOSITORY) or project id (gitlab; CI_PROJECT_ID)
#   PLAN_COMMENT_PR      pull request number (github, gitea) or merge request iid (gitlab; CI_MERGE_REQUEST_IID)
# shellcheck disable=SC2016 # backticks in single quotes are Markdown, not commands
set +x
set -u

marker='<!-- telemt-gitops-plan -->'
# What is searched for in listed comments: the marker without < and >, which Gitea's JSON escapes.
needle='!-- telemt-gitops-plan --'
limit=65000

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
}

die() {
  printf 'plan-comment.sh: %s\n' "$*" >&2
  exit 1
}

# telemt-gitops with the given arguments, in the checkout.
tg() {
  if [ -n "${TELEMT_GITOPS_IMAGE:-}" ]; then
    # The image's user differs from the checkout's owner (which git refuses) and may not see the
    # runner's paths, so the checkout goes in on stdin and is unpacked as that user.
    # The single-quoted script is expanded by the container's shell.
    tar -cf - -C "$spec" . | docker run --rm -i --network none --entrypoint /bin/sh "$TELEMT_GITOPS_IMAGE" \
      -c 'cd "$(mktemp -d)" && tar -xf - && exec telemt-gitops "$@"' telemt-gitops "$@"
  else
    (cd "$work" && "${TELEMT_GITOPS:-telemt-gitops}" "$@")
  fi
}

# A code block around the file's text, fenced longer than any run of backticks in it.
fenced() {
  LC_ALL=C awk -v tick='`' '
    { lines[NR] = $0; s = $0
      while (match(s, /`+/)) { if (RLENGTH > longest) longest = RLENGTH; s = substr(s, RSTART + RLENGTH) } }
    END { n = (longest >= 3 ? longest + 1 : 3); fence = ""; for (i = 0; i < n; i++) fence = fence tick
          print fence "text"; for (i = 1; i <= NR; i++) print lines[i]; print fence }' "$1"
}

build() {
  out=$1
  spec=${PLAN_SPEC_DIR:-.}
  [ -d "$spec" ] || die "no directory $spec (PLAN_SPEC_DIR)"
  tmp=$(mktemp -d) || die "cannot make a temporary directory"
  trap 'rm -rf "$tmp"' EXIT
  work=$spec
  # git (and so plan) refuses a repository owned by someone else: plan a private copy then.
  if [ -z "${TELEMT_GITOPS_IMAGE:-}" ] && [ -e "$spec/.git" ] &&
     [ -z "$(find "$spec/.git" -prune -user "$(id -u)")" ]; then
    work=$tmp/checkout
    mkdir "$work" || die "cannot make $work"
    (cd "$spec" && tar -cf - .) | (cd "$work" && tar -xf -) || die "cannot copy $spec"
  fi
  sha=${PLAN_COMMENT_SHA:-$(git -C "$spec" rev-parse HEAD 2>/dev/null || true)}
  at=""
  [ -n "$sha" ] && at=" at \`$(printf '%.12s' "$sha")\`"

  nodes=""
  for status_file in "$spec"/status/*.yaml; do
    [ -f "$status_file" ] || continue
    name=${status_file##*/}
    nodes="$nodes ${name%.yaml}"
  done
  [ -n "$nodes" ] || nodes=" local"

  failed=0
  {
    printf '%s\n' "$marker"
    tg validate >"$tmp/validate" 2>"$tmp/validate.err"
    valid=$?
    cat "$tmp/validate.err" >>"$tmp/validate"
    if [ "$valid" -eq 0 ]; then
      printf '**telemt-gitops** `validate` passed%s; the plan for each node follows.\n\n' "$at"
      printf '<details><summary>validate output</summary>\n\n'
      fenced "$tmp/validate"
      printf '\n</details>\n'
      for node in $nodes; do
        printf '\n'
        if tg plan --from-status --node "$node" --format markdown >"$tmp/plan" 2>"$tmp/plan.err"; then
          cat "$tmp/plan"
        else
          failed=1
          printf '### telemt-gitops plan for `%s` failed\n\n' "$node"
          fenced "$tmp/plan.err"
        fi
      done
    else
      failed=1
      printf '**telemt-gitops** `validate` **failed**%s: a host would refuse this revision and keep serving the last good one. Fix these lines; the plan follows once the spec is valid.\n\n' "$at"
      fenced "$tmp/validate"
    fi
  } >"$tmp/body"

  # Keep under the platforms' comment size (GitHub: 65,536 characters), cutting at a line.
  LC_ALL=C awk -v limit="$limit" '
    { size += length($0) + 1; if (size > limit - 200) { cut = 1; exit } print }
    END { if (cut) print "\n… cut to fit a comment: run `telemt-gitops plan --from-status --format text` for all of it." }' \
    "$tmp/body" >"$out" || die "cannot write $out"
  cat "$out"
  return "$failed"
}

# The JSON object {"body": <the file's text>}.
json_body() {
  LC_ALL=C awk '
    BEGIN { for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i)
            ctl["\t"] = "\\t"; ctl["\r"] = "\\r"; ctl["\""] = "\\\""; ctl["\\"] = "\\\\"
            printf "{\"body\":\"" }
    { if (NR > 1) printf "\\n"
      n = length($0); s = ""
      for (i = 1; i <= n; i++) { c = substr($0, i, 1); s = s ((c in ctl) ? ctl[c] : c) }
      printf "%s", s }
    END { printf "\"}" }' "$1"
}

# From a JSON array of comments: "match ID" for the first whose top-level body holds the needle, then
# "items N". A small scanner, so that nothing but awk and curl is needed.
scan_comments() {
  LC_ALL=C awk -v needle="$needle" '
    { text = text $0 "\n" }
    END {
      n = length(text); depth = 0; key = ""; want_key = 0; items = 0; id = ""; hit = 0
      for (i = 1; i <= n; i++) {
        c = substr(text, i, 1)
        if (c == "\"") {
          j = i + 1
          while (j <= n) { d = substr(text, j, 1); if (d == "\\") j += 2; else if (d == "\"") break; else j++ }
          s = substr(text, i + 1, j - i - 1); i = j
          if (depth == 2 && want_key) key = s
          else if (depth == 2 && key == "body" && index(s, needle)) hit = 1
          continue
        }
        if (c == "{" || c == "[") { depth++; if (depth == 2) { items++; id = ""; hit = 0; want_key = 1 } continue }
        if (c == "}" || c == "]") {
          if (depth == 2 && hit && id != "" && !found) { print "match " id; found = 1 }
          depth--; continue
        }
        if (depth != 2) continue
        if (c == ":") want_key = 0
        else if (c == ",") want_key = 1
        else if (!want_key && key == "id" && c ~ /[0-9]/) { id = id c }
      }
      print "items " items
    }'
}

# api METHOD URL [DATA_FILE]: prints the HTTP status; the response is in $tmp/response.
api() {
  case $token in *'"'* | *\\* | *"
"*) die "PLAN_COMMENT_TOKEN holds a quote, backslash or line break" ;; esac
  set -- "$@" ""
  # The token goes to curl on its standard input, never on a command line.
  printf 'header = "%s%s"\n' "$auth" "$token" |
    curl -sS --max-time 60 -K - -X "$1" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      ${3:+--data-binary "@$3"} -o "$tmp/response" -w '%{http_code}' "$2"
}

post() {
  platform=$1
  file=$2
  [ -f "$file" ] || die "no comment file $file"
  token=${PLAN_COMMENT_TOKEN:-}
  [ -n "$token" ] || die "PLAN_COMMENT_TOKEN is empty: give the job a token that may comment"
  case $platform in
    github)
      base=${PLAN_COMMENT_API:-${GITHUB_API_URL:-https://api.github.com}}
      repo=${PLAN_COMMENT_REPO:-${GITHUB_REPOSITORY:-}}
      pr=${PLAN_COMMENT_PR:-}
      auth='Authorization: Bearer '
      list="$base/repos/$repo/issues/$pr/comments"; pages=30; edit=PATCH
      update="$base/repos/$repo/issues/comments/" ;;
    gitea)
      base=${PLAN_COMMENT_API:-}
      repo=${PLAN_COMMENT_REPO:-${GITHUB_REPOSITORY:-}}
      pr=${PLAN_COMMENT_PR:-}
      auth='Authorization: token '
      list="$base/repos/$repo/issues/$pr/comments"; pages=1; edit=PATCH
      update="$base/repos/$repo/issues/comments/" ;;
    gitlab)
      base=${PLAN_COMMENT_API:-${CI_API_V4_URL:-}}
      repo=${PLAN_COMMENT_REPO:-${CI_PROJECT_ID:-}}
      pr=${PLAN_COMMENT_PR:-${CI_MERGE_REQUEST_IID:-}}
      auth='PRIVATE-TOKEN: '
      repo=$(printf '%s' "$repo" | sed 's|/|%2F|g') # a path (group/project) is one segment
      list="$base/projects/$repo/merge_requests/$pr/notes"; pages=30; edit=PUT
      update="$list/" ;;
    *) usage ;;
  esac
  [ -n "$base" ] || die "no API URL: set PLAN_COMMENT_API"
  [ -n "$repo" ] || die "no repository: set PLAN_COMMENT_REPO"
  case $pr in
    '' | *[!0-9]*) die "no pull/merge request number in PLAN_COMMENT_PR (is this a pull request event?)" ;;
  esac
  tmp=$(mktemp -d) || die "cannot make a temporary directory"
  trap 'rm -rf "$tmp"' EXIT

  id=""
  page=1
  while [ "$page" -le "$pages" ]; do
    case $platform in
      gitea) url=$list ;;
      gitlab) url="$list?sort=asc&order_by=created_at&per_page=100&page=$page" ;;
      *) url="$list?per_page=100&page=$page" ;;
    esac
    code=$(api GET "$url") || die "listing comments failed"
    [ "$code" = 200 ] || die "listing comments: HTTP $code: $(head -c 300 "$tmp/response")"
    scan_comments <"$tmp/response" >"$tmp/scan"
    id=$(sed -n 's/^match //p' "$tmp/scan")
    items=$(sed -n 's/^items //p' "$tmp/scan")
    [ -n "$id" ] && break
    [ "${items:-0}" -ge 100 ] || break
    page=$((page + 1))
  done

  json_body "$file" >"$tmp/request.json"
  if [ -n "$id" ]; then
    code=$(api "$edit" "$update$id" "$tmp/request.json") || die "updating comment $id failed"
    [ "$code" = 200 ] || [ "$code" = 201 ] || die "updating comment $id: HTTP $code: $(head -c 300 "$tmp/response")"
    printf 'plan-comment.sh: updated comment %s\n' "$id" >&2
  else
    code=$(api POST "$list" "$tmp/request.json") || die "creating the comment failed"
    [ "$code" = 201 ] || [ "$code" = 200 ] || die "creating the comment: HTTP $code: $(head -c 300 "$tmp/response")"
    printf 'plan-comment.sh: created the comment\n' >&2
  fi
}

command=${1:-${PLAN_COMMENT_PLATFORM:-}}
[ $# -gt 0 ] && shift
case $command in
  body)
    build "${1:-plan-comment.md}" ;;
  post)
    [ $# -ge 1 ] || usage
    post "$1" "${2:-plan-comment.md}" ;;
  github | gitea | gitlab)
    comment_file=$(mktemp) || die "cannot make a temporary file"
    build "$comment_file"
    status=$?
    # GitHub shows it on the run's page too, also when the token may not comment (pull requests from forks).
    [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -w "$GITHUB_STEP_SUMMARY" ] && cat "$comment_file" >>"$GITHUB_STEP_SUMMARY"
    (post "$command" "$comment_file")
    posted=$?
    rm -f "$comment_file"
    [ "$posted" -eq 0 ] || exit 1
    exit "$status" ;;
  *) usage ;;
esac
