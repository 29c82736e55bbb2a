# shellcheck shell=bash disable=SC2034,SC2154
# (globals are set and read across these files, which install.sh sources together)
# install.sh's helpers: settings, questions, checks and file writing that never overwrites.

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
die_usage() { printf 'error: %s (see ./install.sh --help)\n' "$*" >&2; exit 64; }

# The value after an option, or a usage error naming the option.
need_value() {
  if [ $# -lt 2 ] || [ -z "$2" ]; then die_usage "$1 needs a value"; fi
  printf '%s' "$2"
}

load_defaults() {
  COMMAND=install
  MODE="${TELEMT_INSTALL_MODE:-}"
  RUNTIME="${TELEMT_INSTALL_RUNTIME:-}"
  PUBLIC_HOST="${TELEMT_INSTALL_HOST:-}"
  PORT="${TELEMT_INSTALL_PORT:-443}"
  TLS_DOMAIN="${TELEMT_INSTALL_TLS_DOMAIN:-www.google.com}"
  FIRST_USER="${TELEMT_INSTALL_FIRST_USER:-admin}"
  REPO_URL="${TELEMT_INSTALL_REPO:-}"
  BRANCH="${TELEMT_INSTALL_BRANCH:-main}"
  REPO_PATH="${TELEMT_INSTALL_PATH:-.}"
  NODE="${TELEMT_INSTALL_NODE:-$(hostname -s 2>/dev/null || echo local)}"
  FROM_CONFIG="${TELEMT_INSTALL_FROM_CONFIG:-}"
  KNOWN_HOSTS="${TELEMT_INSTALL_KNOWN_HOSTS:-}"
  TOKEN_FILE="${TELEMT_INSTALL_TOKEN_FILE:-}"
  EDGE="${TELEMT_INSTALL_EDGE:-0}"
  METRICS_PORT="${TELEMT_INSTALL_METRICS_PORT:-9090}"
  API_PORT="${TELEMT_INSTALL_API_PORT:-9091}"
  GITOPS_BINARY="${TELEMT_INSTALL_BINARY:-}"
  TELEMT_BINARY="${TELEMT_INSTALL_TELEMT_BINARY:-}"
  TELEMT_VERSION="${TELEMT_INSTALL_TELEMT_VERSION:-3.4.25}"
  SERVICE_USER="${TELEMT_INSTALL_SERVICE_USER:-telemt-gitops}"
  TELEMT_USER="${TELEMT_INSTALL_TELEMT_USER:-telemt}"
  ROOT="${TELEMT_INSTALL_ROOT:-/}"
  DRY_RUN="${TELEMT_INSTALL_DRY_RUN:-0}"
  ASSUME_YES="${TELEMT_INSTALL_YES:-0}"
  PURGE="${TELEMT_INSTALL_PURGE:-0}"
  GITOPS_IMAGE="${TELEMT_INSTALL_GITOPS_IMAGE:-ghcr.io/telemt-gitops/telemt-gitops:0.1.0}"
  TELEMT_IMAGE="${TELEMT_INSTALL_TELEMT_IMAGE:-ghcr.io/telemt/telemt:3.4.25}"
  APP_UID="${TELEMT_INSTALL_APP_UID:-65532}"
}

# Questions only on a terminal and only for what flags and variables left open.
interactive() { [ -t 0 ] && [ -t 1 ] && [ "$ASSUME_YES" != 1 ]; }

ask() { # ask VARIABLE "question" [default]
  local answer
  interactive || return 0
  read -r -p "$2${3:+ [$3]}: " answer || true
  printf -v "$1" '%s' "${answer:-${3:-}}"
}

confirm() { # confirm "question" → 0 yes; without a terminal: yes only with --yes
  local answer
  if [ "$ASSUME_YES" = 1 ]; then return 0; fi
  interactive || return 1
  read -r -p "$1 [y/N]: " answer || true
  case "$answer" in y|Y|yes|YES) return 0 ;; *) return 1 ;; esac
}

ask_missing() {
  [ "$COMMAND" = install ] || { [ -n "$MODE" ] || MODE=detect; [ -n "$RUNTIME" ] || RUNTIME=detect; return 0; }
  [ -n "$MODE" ] || ask MODE "Mode: proxy (telemt alone) or gitops (users from git)" gitops
  [ -n "$RUNTIME" ] || ask RUNTIME "Runtime: docker or systemd" docker
  [ -n "$PUBLIC_HOST" ] || ask PUBLIC_HOST "Public host name or address of this proxy" "$(first_address)"
  if [ "$MODE" = gitops ] && [ -z "$REPO_URL" ]; then
    ask REPO_URL "Repository URL (git@host:owner/repo.git or https://…)"
    ask BRANCH "Branch" "$BRANCH"
  fi
}

first_address() { hostname -I 2>/dev/null | awk '{print $1}'; }

check_inputs() {
  [ -n "$MODE" ] || die_usage "no --mode given (proxy or gitops; TELEMT_INSTALL_MODE)"
  [ -n "$RUNTIME" ] || die_usage "no --runtime given (docker or systemd; TELEMT_INSTALL_RUNTIME)"
  [ "$COMMAND" != install ] || {
    case "$MODE" in proxy|gitops) ;; *) die_usage "--mode must be proxy or gitops, not '$MODE'" ;; esac
    case "$RUNTIME" in docker|systemd) ;; *) die_usage "--runtime must be docker or systemd, not '$RUNTIME'" ;; esac
  }
  [ -n "$PUBLIC_HOST" ] || PUBLIC_HOST="$(first_address)"
  [ -n "$PUBLIC_HOST" ] || [ "$COMMAND" != install ] || die_usage "no --host given and none could be detected"
  if [ "$COMMAND" = install ] && ! [[ "$PUBLIC_HOST" =~ ^[A-Za-z0-9.:-]{1,253}$ ]]; then
    die_usage "--host '$PUBLIC_HOST' is not a host name or address"
  fi
  [[ "$TLS_DOMAIN" =~ ^[A-Za-z0-9.-]{1,253}$ ]] || die_usage "--tls-domain '$TLS_DOMAIN' is not a domain name"
  [[ "$FIRST_USER" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || die_usage "--first-user '$FIRST_USER' must match [A-Za-z0-9_.-]{1,64}"
  [[ "$NODE" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || die_usage "--node '$NODE' must match [A-Za-z0-9_.-]{1,64}"
  # These go into config.yaml, the units, .env and a download URL: a newline, quote or `|` there
  # would add keys or directives, break sed, or run a command.
  [[ "$BRANCH" =~ ^[A-Za-z0-9._/-]{1,200}$ && "$BRANCH" != -* && "$BRANCH" != *..* ]] ||
    die_usage "--branch '$BRANCH' is not a branch name (letters, digits, . _ - /)"
  [[ "$REPO_PATH" =~ ^[A-Za-z0-9._/-]{1,200}$ && "$REPO_PATH" != /* && "/$REPO_PATH/" != */../* ]] ||
    die_usage "--path '$REPO_PATH' must be a relative directory inside the repository (letters, digits, . _ - /)"
  [[ "$TELEMT_VERSION" =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die_usage "--telemt-version '$TELEMT_VERSION' is not a version"
  local user
  for user in "$SERVICE_USER" "$TELEMT_USER"; do
    [[ "$user" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || die_usage "user '$user' is not a user name ([a-z_][a-z0-9_-]*)"
  done
  [[ "$GITOPS_IMAGE" =~ ^[A-Za-z0-9./:@_-]{1,255}$ && "$TELEMT_IMAGE" =~ ^[A-Za-z0-9./:@_-]{1,255}$ ]] ||
    die_usage "TELEMT_INSTALL_GITOPS_IMAGE or TELEMT_INSTALL_TELEMT_IMAGE has characters no image reference has"
  [[ "$APP_UID" =~ ^[0-9]{1,10}$ ]] || die_usage "TELEMT_INSTALL_APP_UID '$APP_UID' is not a number"
  [[ "$ROOT" =~ ^[A-Za-z0-9._/-]+$ ]] || die_usage "--root '$ROOT' may hold only letters, digits and . _ - / (it is written into units and commands)"
  for port in "$PORT" "$METRICS_PORT" "$API_PORT"; do
    if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
      die_usage "port '$port' is not a number from 1 to 65535"
    fi
  done
  if [ "$COMMAND" = install ] && [ "$MODE" = gitops ]; then
    [ -n "$REPO_URL" ] || die_usage "gitops mode needs --repo URL (TELEMT_INSTALL_REPO)"
    [[ "$REPO_URL" =~ ^[^[:space:][:cntrl:]\'\"\\]{1,1000}$ ]] || die_usage "--repo has spaces, quotes, a backslash or a newline"
    # A password or token in the URL (https://TOKEN@host/… too) would be printed and kept in config.yaml.
    [[ ! "$REPO_URL" =~ ^[a-z+]+://[^/@]*:[^/@]*@ && ! "$REPO_URL" =~ ^https?://[^/]*@ ]] ||
      die_usage "--repo carries a password or token: put it in a file and pass --token-file FILE, with the URL without it"
    if [ -n "$FROM_CONFIG" ]; then [ -r "$FROM_CONFIG" ] || die "--from-config $FROM_CONFIG cannot be read"; fi
    if [ -n "$TOKEN_FILE" ] && ! { [ -r "$TOKEN_FILE" ] && [ -s "$TOKEN_FILE" ]; }; then die "--token-file $TOKEN_FILE cannot be read or is empty"; fi
    if [ -n "$KNOWN_HOSTS" ] && ! { [ -r "$KNOWN_HOSTS" ] && [ -s "$KNOWN_HOSTS" ]; }; then die "--known-hosts $KNOWN_HOSTS cannot be read or is empty"; fi
  fi
  if [ "$ROOT" != / ]; then
    mkdir -p "$ROOT" && ROOT="$(cd "$ROOT" && pwd)"
  fi
}

# R: the root without a trailing slash ("" for /); every path below is under it.
set_paths() {
  R="${ROOT%/}"
  if [ "$RUNTIME" = detect ]; then
    # .env too: uninstall removes compose.yaml but keeps .env with the keys beside it.
    if [ -f "$R/opt/telemt/compose.yaml" ] || [ -f "$R/opt/telemt/.env" ]; then RUNTIME=docker; else RUNTIME=systemd; fi
  fi
  if [ "$RUNTIME" = docker ]; then
    BASE="$R/opt/telemt"
    TELEMT_DIR="$BASE/telemt"; GITOPS_DIR="$BASE/gitops"; STATE_DIR="$BASE/state"
  else
    BASE="$R"
    TELEMT_DIR="$R/etc/telemt"; GITOPS_DIR="$R/etc/telemt-gitops"; STATE_DIR="$R/var/lib/telemt-gitops"
    BIN_DIR="$R/usr/local/bin"; UNIT_DIR="$R/etc/systemd/system"; TELEMT_STATE="$R/var/lib/telemt"
  fi
  check_inside_root "$BASE" "$TELEMT_DIR" "$GITOPS_DIR" "$STATE_DIR" "$GITOPS_DIR/starter" "$BASE/edge" \
    ${BIN_DIR:+"$BIN_DIR"} ${UNIT_DIR:+"$UNIT_DIR"} ${TELEMT_STATE:+"$TELEMT_STATE"}
  if [ "$MODE" = detect ]; then
    if [ -f "$GITOPS_DIR/config.yaml" ]; then MODE=gitops; else MODE=proxy; fi
  fi
}

# Runs a command unless this is a dry run; a dry run prints it instead.
run() {
  if [ "$DRY_RUN" = 1 ]; then say "dry run: would run: $*"; return 0; fi
  "$@"
}

# put FILE MODE CONTENT: writes FILE when it is missing; an existing file is kept as it is
# (never overwritten), and said to differ when it does.
put() {
  local file="$1" mode="$2" content="$3"
  if [ -e "$file" ] || [ -L "$file" ]; then
    if [ "$(cat "$file" 2>/dev/null)" = "$content" ]; then
      say "unchanged $file"
    else
      say "kept $file (it exists and differs from what this install would write; remove it to have it written again)"
    fi
    return 0
  fi
  mkdir -p "$(dirname "$file")"
  # Empty content means the command that made it failed (no od, a sed error, an unreadable
  # file): a file written empty would then be "kept" by every later run.
  [ -n "$content" ] || die "nothing to write to $file: the step that makes it failed (see above); nothing was written"
  local tmp
  tmp="$(mktemp "$file.XXXXXX")"
  chmod "$mode" "$tmp"
  printf '%s\n' "$content" > "$tmp"
  mv -f "$tmp" "$file"
  say "wrote $file ($mode)"
}

# replace FILE MODE CONTENT: for files this installer owns (units, compose): rewritten on upgrade.
replace() {
  local file="$1" mode="$2" content="$3"
  if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then say "unchanged $file"; return 0; fi
  rm -f "$file"
  put "$file" "$mode" "$content"
}

# owner OWNER:GROUP PATH…: chown, skipped in a dry run (the owners may not exist yet).
owner() {
  local who="$1"; shift
  if [ "$DRY_RUN" = 1 ]; then return 0; fi
  chown "$who" "$@"
}

# secure MODE [OWNER:GROUP] PATH…: chmod and chown each existing PATH, never through a symlink:
# telemt's config directory belongs to the service user, who could point config.toml at
# /etc/shadow and have the next install (as root) hand that file over.
secure() {
  local mode="$1" who="$2" path; shift 2
  for path in "$@"; do
    if [ -L "$path" ]; then warn "$path is a symlink: its target's mode and owner are left as they are"; continue; fi
    [ -e "$path" ] || continue
    chmod "$mode" "$path"
    [ -z "$who" ] || owner "$who" "$path"
  done
}

# Under --root every directory must resolve under it: one that is a symlink to elsewhere
# (ROOT/etc/telemt → /etc/telemt) would have even a dry run write and chmod outside the root.
check_inside_root() {
  [ "$ROOT" != / ] || return 0
  local real dir
  real="$(realpath "$R")"
  for dir in "$@"; do
    case "$(realpath -m "$dir")" in
      "$real"|"$real"/*) ;;
      *) die "$dir leads outside --root $ROOT (to $(realpath -m "$dir")); remove that symlink or choose another root" ;;
    esac
  done
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
hex_of() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
