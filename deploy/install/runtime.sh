# shellcheck shell=bash disable=SC2034,SC2154
# (globals are set and read across these files, which install.sh sources together)
# install.sh's commands (install, status, upgrade, uninstall) for Docker Compose and systemd.

do_install() {
  say "install: mode $MODE, runtime $RUNTIME, root $ROOT$( [ "$DRY_RUN" = 1 ] && echo ' (dry run: nothing is run)')"
  preflight
  [ "$RUNTIME" = systemd ] && { install_binaries; ensure_users; }
  mkdir -p "$TELEMT_DIR"
  if [ "$MODE" = gitops ]; then
    mkdir -p "$GITOPS_DIR" "$STATE_DIR"
    write_master_key; write_deploy_key; write_known_hosts; write_webhook_secret
    put "$GITOPS_DIR/config.yaml" 0640 "$(settings_for_runtime)"
    write_initial_config
    write_starter
  else
    put "$TELEMT_DIR/config.toml" 0640 "$(telemt_config "$(random_hex 16)")"
  fi
  if [ "$RUNTIME" = systemd ]; then write_units; else write_compose; fi
  set_owners
  [ "$MODE" = gitops ] && fetch_check
  start_services
  if [ "$MODE" = proxy ]; then print_first_link; else print_next_steps; fi
}

# The link of the config telemt really has: a kept config may have other users or another domain.
print_first_link() {
  local secret domain
  secret="$(first_user_secret)"
  if [ -z "$secret" ]; then
    warn "the kept $TELEMT_DIR/config.toml has no user $FIRST_USER in [access.users]: no link printed (pass --first-user with one of its users)"
    return 0
  fi
  domain="$(sed -n 's/^tls_domain = "\([A-Za-z0-9.-]*\)"$/\1/p' "$TELEMT_DIR/config.toml" | head -n 1)"
  if [ -n "$domain" ] && [ "$domain" != "$TLS_DOMAIN" ]; then
    warn "the kept config.toml has tls_domain $domain, not $TLS_DOMAIN: the link carries $domain"
    TLS_DOMAIN="$domain"
  fi
  print_link "$secret"
}

preflight() {
  # Even a dry run makes the deploy key: say what is missing before anything is written.
  local ssh=0
  [ "$MODE" = gitops ] && [ -z "$TOKEN_FILE" ] && repo_ssh_host >/dev/null && ssh=1
  if [ "$ssh" = 1 ]; then
    command -v ssh-keygen >/dev/null 2>&1 || die "ssh-keygen is missing: apt-get install openssh-client"
  fi
  [ "$DRY_RUN" = 1 ] && return 0
  if [ "$(id -u)" != 0 ] && [ "$ROOT" = / ]; then die "run as root (sudo ./install.sh …): it creates users, files under /etc and services"; fi
  if [ "$RUNTIME" = docker ]; then need_compose; fi
  if [ "$ssh" = 1 ] && [ -z "$KNOWN_HOSTS" ] && [ ! -e "$GITOPS_DIR/known_hosts" ]; then
    command -v ssh-keyscan >/dev/null 2>&1 || die "ssh-keyscan is missing: apt-get install openssh-client, or pass --known-hosts FILE"
  fi
}

# docker with its compose plugin: the docker CLI alone fails later with "unknown flag".
need_compose() {
  [ "$DRY_RUN" = 1 ] && return 0
  command -v docker >/dev/null 2>&1 || die "docker is not installed (https://docs.docker.com/engine/install/), or use --runtime systemd"
  docker compose version >/dev/null 2>&1 || die "docker compose is missing: apt-get install docker-compose-plugin (https://docs.docker.com/compose/install/linux/)"
}

# Whether an install is there to upgrade or report on (uninstall keeps .env and the configs).
installed() {
  if [ "$RUNTIME" = docker ]; then [ -f "$BASE/compose.yaml" ]; else [ -f "$UNIT_DIR/telemt.service" ]; fi
}

settings_for_runtime() {
  if [ "$RUNTIME" = docker ]; then
    gitops_settings /etc/telemt-gitops /etc/telemt /var/lib/telemt-gitops telemt 0.0.0.0:8080
  else
    gitops_settings "$GITOPS_DIR" "$TELEMT_DIR" "$STATE_DIR" 127.0.0.1 127.0.0.1:8080
  fi
}

first_user_secret() { # the name bare or quoted (toml_key), its dots matched as dots
  sed -n "s/^\"\{0,1\}${FIRST_USER//./\\.}\"\{0,1\} = \"\([0-9a-f]\{32\}\)\"$/\1/p" "$TELEMT_DIR/config.toml" | head -n 1
}

# systemd: telemt from its release (or --telemt-binary), telemt-gitops built here (or --binary).
install_binaries() {
  mkdir -p "$BIN_DIR"
  if [ -n "$TELEMT_BINARY" ]; then
    install_file "$TELEMT_BINARY" "$BIN_DIR/telemt"
  elif [ -x "$BIN_DIR/telemt" ]; then
    say "kept $BIN_DIR/telemt"
  else
    local arch url
    arch="$(uname -m)"; [ "$arch" = arm64 ] && arch=aarch64
    url="https://github.com/telemt/telemt/releases/download/$TELEMT_VERSION/telemt-$arch-linux-gnu.tar.gz"
    run sh -c "curl -fsSL '$url' | tar -xzf - -C '$BIN_DIR' telemt && chmod 0755 '$BIN_DIR/telemt'"
  fi
  [ "$MODE" = gitops ] || return 0
  if [ -n "$GITOPS_BINARY" ]; then
    install_file "$GITOPS_BINARY" "$BIN_DIR/telemt-gitops"
  else
    run "$here/scripts/setup.sh"
    run swift build --package-path "$here" -c release --product telemt-gitops
    if [ "$DRY_RUN" != 1 ]; then install_file "$(swift build --package-path "$here" -c release --show-bin-path)/telemt-gitops" "$BIN_DIR/telemt-gitops"; fi
  fi
}

install_file() { # install_file SOURCE TARGET: replaced when its bytes differ (binaries are ours)
  [ -x "$1" ] || die "$1 is not an executable file"
  if [ -f "$2" ] && cmp -s "$1" "$2"; then say "unchanged $2"; return 0; fi
  install -m 0755 "$1" "$2.new" && mv -f "$2.new" "$2"
  say "installed $2"
}

group_of() { id -gn "$1" 2>/dev/null || echo "$1"; }

ensure_users() {
  [ "$DRY_RUN" = 1 ] && return 0
  local user
  for user in "$TELEMT_USER" $( [ "$MODE" = gitops ] && echo "$SERVICE_USER" ); do
    id "$user" >/dev/null 2>&1 && continue
    [ "$ROOT" = / ] || die "user $user does not exist; under --root pass existing --service-user/--telemt-user"
    useradd --system --user-group --home-dir "/var/lib/$user" --no-create-home --shell /usr/sbin/nologin "$user"
    say "created system user $user"
  done
}

write_units() {
  mkdir -p "$UNIT_DIR"
  replace "$UNIT_DIR/telemt.service" 0644 "$(unit_text telemt.service)"
  [ "$MODE" = gitops ] && replace "$UNIT_DIR/telemt-gitops.service" 0644 "$(unit_text telemt-gitops.service)"
  return 0
}

# A unit of deploy/systemd with this install's root and users.
unit_text() {
  sed -e "s|/usr/local/bin/|$R/usr/local/bin/|g" -e "s|/etc/telemt|$R/etc/telemt|g" -e "s|/var/lib/|$R/var/lib/|g" \
    -e "s|^User=telemt-gitops$|User=$SERVICE_USER|" -e "s|^Group=telemt-gitops$|Group=$(group_of "$SERVICE_USER")|" \
    -e "s|^User=telemt$|User=$TELEMT_USER|" -e "s|^Group=telemt$|Group=$(group_of "$TELEMT_USER")|" \
    -e "s|^SupplementaryGroups=telemt$|SupplementaryGroups=$(group_of "$TELEMT_USER")|" "$here/deploy/systemd/$1"
}

write_compose() {
  replace "$BASE/compose.yaml" 0644 "$(cat "$here/deploy/compose.yaml")"
  put "$BASE/.env" 0644 "$(compose_env)"
  [ "$EDGE" = 1 ] && put "$BASE/edge/nginx.conf" 0644 "$(edge_nginx_conf)"
  [ "$MODE" = gitops ] && mkdir -p "$STATE_DIR"
  return 0
}

# Owners and modes: telemt reads its config; only telemt-gitops reads the keys and writes the config.
set_owners() {
  if [ "$DRY_RUN" != 1 ] && [ "$(id -u)" != 0 ]; then warn "not root: owners are left as they are"; return 0; fi
  local svc tgroup
  if [ "$RUNTIME" = docker ]; then
    svc="$APP_UID:$APP_UID"; tgroup="$APP_UID"
  else
    svc="$SERVICE_USER:$(group_of "$SERVICE_USER")"; tgroup="$(group_of "$TELEMT_USER")"
    mkdir -p "$TELEMT_STATE"; secure 0750 "$TELEMT_USER:$tgroup" "$TELEMT_STATE"
  fi
  local writer=root; [ "$MODE" = proxy ] || writer="${svc%%:*}"
  secure 2750 "$writer:$tgroup" "$TELEMT_DIR"
  secure 0640 "$writer:$tgroup" "$TELEMT_DIR/config.toml"
  [ "$MODE" = gitops ] || return 0
  secure 0750 "root:${svc#*:}" "$GITOPS_DIR"
  secure 0700 "$svc" "$STATE_DIR"
  [ -L "$STATE_DIR" ] || owner "$svc" -R "$STATE_DIR"
  if [ "$RUNTIME" = docker ]; then
    secure 0640 "$svc" "$GITOPS_DIR/config.yaml"; secure 0644 "$svc" "$GITOPS_DIR/known_hosts"
  else
    secure 0640 "root:${svc#*:}" "$GITOPS_DIR/config.yaml"
  fi
  # 0600 for a kept secret too: one restored with a looser mode is tightened, not left readable.
  local secret
  for secret in master.key deploy_key webhook.secret repo.token; do
    secure 0600 "$svc" "$GITOPS_DIR/$secret"
  done
}

# Fetches the repository once, as the daemon will, before anything starts.
fetch_check() {
  local -a fetch=(fetch --repo "$REPO_URL" --branch "$BRANCH")
  [ "$REPO_PATH" = . ] || fetch+=(--path "$REPO_PATH")
  local ssh=0; repo_ssh_host >/dev/null && ssh=1
  if [ "$RUNTIME" = docker ]; then
    local etc=/etc/telemt-gitops
    if [ -n "$TOKEN_FILE" ]; then fetch+=(--token-file "$etc/repo.token"); elif [ "$ssh" = 1 ]; then fetch+=(--ssh-key "$etc/deploy_key" --known-hosts "$etc/known_hosts"); fi
    run docker compose --project-directory "$BASE" run --rm --no-deps telemt-gitops "${fetch[@]}" || fetch_failed
  else
    if [ -n "$TOKEN_FILE" ]; then fetch+=(--token-file "$GITOPS_DIR/repo.token"); elif [ "$ssh" = 1 ]; then fetch+=(--ssh-key "$GITOPS_DIR/deploy_key" --known-hosts "$GITOPS_DIR/known_hosts"); fi
    as_service "$BIN_DIR/telemt-gitops" "${fetch[@]}" || fetch_failed
  fi
}

fetch_failed() {
  die "the repository could not be fetched (the message above says why). Add the deploy key printed above, or commit $GITOPS_DIR/starter to an empty repository, then run ./install.sh again: it keeps what it wrote"
}

as_service() {
  if [ "$DRY_RUN" != 1 ] && [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    run setpriv --reuid="$SERVICE_USER" --regid="$(group_of "$SERVICE_USER")" --init-groups env HOME="$STATE_DIR" "$@"
  else
    run "$@"
  fi
}

systemd_running() { [ "$ROOT" = / ] && [ -d /run/systemd/system ]; }

start_services() {
  local units="telemt"; [ "$MODE" = gitops ] && units="telemt telemt-gitops"
  if [ "$RUNTIME" = docker ]; then
    run docker compose --project-directory "$BASE" pull
    run docker compose --project-directory "$BASE" up -d
  elif systemd_running && [ "$DRY_RUN" != 1 ]; then
    # shellcheck disable=SC2086
    systemctl daemon-reload && systemctl enable --now $units
  else
    say "systemd is not running here (or this is under --root): start later with"
    say "  systemctl daemon-reload && systemctl enable --now $units"
  fi
}

do_status() {
  say "mode $MODE, runtime $RUNTIME, root $ROOT"
  installed || die "nothing is installed under $ROOT ($( [ "$RUNTIME" = docker ] && echo "$BASE/compose.yaml" || echo "$UNIT_DIR/telemt.service") is missing): ./install.sh install"
  local file
  for file in "$TELEMT_DIR/config.toml" "$GITOPS_DIR/config.yaml" "$GITOPS_DIR/master.key" "$STATE_DIR/stats.sqlite"; do
    if [ -e "$file" ]; then say "  present $file ($(stat -c '%a %U:%G' "$file"))"; else say "  missing $file"; fi
  done
  if [ "$RUNTIME" = docker ]; then
    run docker compose --project-directory "$BASE" ps
  elif systemd_running; then
    systemctl --no-pager status telemt ${MODE:+$( [ "$MODE" = gitops ] && echo telemt-gitops)} || true
  fi
  if [ "$MODE" = gitops ] && [ -x "${BIN_DIR:-/nonexistent}/telemt-gitops" ]; then
    "$BIN_DIR/telemt-gitops" healthcheck --ready || true
  fi
}

do_upgrade() {
  say "upgrade: mode $MODE, runtime $RUNTIME (keys and configs are kept)"
  # Without this an upgrade of nothing would download telemt and write units for a config that is not there.
  installed || die "nothing is installed under $ROOT to upgrade: ./install.sh install first"
  if [ "$RUNTIME" = docker ]; then
    need_compose
    write_compose
    run docker compose --project-directory "$BASE" pull
    run docker compose --project-directory "$BASE" up -d
  else
    install_binaries
    write_units
    if systemd_running && [ "$DRY_RUN" != 1 ]; then
      systemctl daemon-reload
      systemctl try-restart telemt-gitops
    fi
  fi
}

do_uninstall() {
  # Asked before anything is removed: without a terminal a --purge without --yes cannot be
  # confirmed, and quietly keeping the keys would leave a script believing they are gone.
  if [ "$PURGE" = 1 ] && [ "$ASSUME_YES" != 1 ] && ! interactive; then
    die_usage "--purge deletes the store and the keys: without a terminal it needs --yes"
  fi
  say "uninstall: mode $MODE, runtime $RUNTIME"
  if [ "$RUNTIME" = docker ]; then
    [ -f "$BASE/compose.yaml" ] && need_compose && run docker compose --project-directory "$BASE" down
    run rm -f "$BASE/compose.yaml"
  else
    if systemd_running && [ "$DRY_RUN" != 1 ]; then systemctl disable --now telemt-gitops telemt 2>/dev/null || true; fi
    run rm -f "$UNIT_DIR/telemt.service" "$UNIT_DIR/telemt-gitops.service" "$BIN_DIR/telemt-gitops"
  fi
  if [ "$PURGE" = 1 ] && confirm "Delete the traffic store ($STATE_DIR) and the keys in $GITOPS_DIR? They cannot be recovered"; then
    run rm -rf "$STATE_DIR" "$GITOPS_DIR"
    if [ "$DRY_RUN" = 1 ]; then say "dry run: the store and the keys would be deleted"; else say "deleted the store and the keys"; fi
  else
    say "kept the store ($STATE_DIR), the keys and settings ($GITOPS_DIR) and telemt's config ($TELEMT_DIR)"
  fi
}
