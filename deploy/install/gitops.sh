# shellcheck shell=bash disable=SC2034,SC2154
# (globals are set and read across these files, which install.sh sources together)
# install.sh's gitops part: the master key, the deploy key, the repository's host key, the
# webhook secret, the starter or imported repository content, and the fetch check.

# The repository's SSH host and port, from ssh://[user@]host[:port]/… or user@host:path.
repo_ssh_host() {
  local url="$REPO_URL" rest
  case "$url" in
    ssh://*) rest="${url#ssh://}"; rest="${rest#*@}"; rest="${rest%%/*}"; printf '%s' "$rest" ;;
    http://*|https://*|file://*|/*|git://*) return 1 ;;
    *@*:*) rest="${url#*@}"; printf '%s' "${rest%%:*}" ;;
    *) return 1 ;;
  esac
}

write_master_key() {
  local key="$GITOPS_DIR/master.key"
  if [ -e "$key" ] || [ -L "$key" ]; then
    # Kept, but checked now: an empty or cut-short key (a copy interrupted, a disk full) would
    # otherwise be kept by every run and only fail at the daemon's first tick.
    [[ "$(cat "$key" 2>/dev/null)" =~ ^[[:space:]]*[0-9a-fA-F]{64}[[:space:]]*$ ]] ||
      die "$key exists but is not a master key (64 hex digits): restore it from your backup, or remove it if no link made from it was ever handed out"
    say "kept $key (an existing key is never replaced: every user's link depends on it)"
    return 0
  fi
  put "$key" 0600 "$(random_hex 32)"
}

write_deploy_key() {
  local key="$GITOPS_DIR/deploy_key"
  if [ -n "$TOKEN_FILE" ]; then
    put "$GITOPS_DIR/repo.token" 0600 "$(cat "$TOKEN_FILE")"
    return 0
  fi
  repo_ssh_host >/dev/null || return 0
  if [ -e "$key" ]; then
    [ -s "$key.pub" ] || public_key_of "$key"
    say "kept $key"
  else
    # Made under another name and renamed, public half first: a run stopped half way leaves no
    # deploy_key for the next run to keep without its .pub.
    mkdir -p "$GITOPS_DIR"
    rm -f "$key.new" "$key.new.pub"
    ssh-keygen -q -t ed25519 -N "" -C "telemt-gitops@$NODE" -f "$key.new" >/dev/null
    chmod 0600 "$key.new"; chmod 0644 "$key.new.pub"
    mv -f "$key.new.pub" "$key.pub"; mv -f "$key.new" "$key"
    say "wrote $key (0600) and $key.pub"
  fi
  say "Add this public key to the repository as a deploy key (write access: status files are pushed back):"
  say "  $(cat "$key.pub")"
}

# The .pub of a kept private key that has none (copied in alone, or an older run stopped).
public_key_of() { # public_key_of KEY
  if ssh-keygen -y -P "" -f "$1" > "$1.pub.new" 2>/dev/null && [ -s "$1.pub.new" ]; then
    chmod 0644 "$1.pub.new"; mv -f "$1.pub.new" "$1.pub"
    say "wrote $1.pub (from the kept key)"
  else
    rm -f "$1.pub.new"
    die "$1 exists but is not a usable private key without a passphrase: remove it and run ./install.sh again, then add the new deploy key to the repository"
  fi
}

# known_hosts: from --known-hosts, else from ssh-keyscan, confirmed by its fingerprint.
write_known_hosts() {
  [ -z "$TOKEN_FILE" ] || return 0
  repo_ssh_host >/dev/null || return 0
  local file="$GITOPS_DIR/known_hosts" hostport host port lines
  if [ -e "$file" ]; then
    # A file with no key line (a dry run's placeholder, an empty copy) would make every fetch fail.
    if [ "$DRY_RUN" != 1 ] && ! grep -qv '^[[:space:]]*\(#.*\)\{0,1\}$' "$file"; then
      die "$file holds no host key: remove it and run ./install.sh again (or pass --known-hosts FILE)"
    fi
    say "kept $file"; return 0
  fi
  if [ -n "$KNOWN_HOSTS" ]; then put "$file" 0644 "$(cat "$KNOWN_HOSTS")"; show_fingerprints "$file"; return 0; fi
  hostport="$(repo_ssh_host)"
  host="${hostport%%:*}"; port=22; [ "$hostport" = "$host" ] || port="${hostport#*:}"
  if [ "$DRY_RUN" = 1 ]; then
    put "$file" 0644 "# dry run: the real install writes here what \`ssh-keyscan -p $port $host\` prints, after you confirm its fingerprint"
    return 0
  fi
  lines="$(ssh-keyscan -p "$port" -T 10 "$host" 2>/dev/null | grep -v '^#' || true)"
  [ -n "$lines" ] || die "ssh-keyscan found no host key for $host:$port; check the repository URL, or pass --known-hosts FILE"
  printf '%s\n' "$lines" > "$file.new"
  say "The repository's host $host presents these keys:"
  show_fingerprints "$file.new"
  say "Compare them with the fingerprints your git host publishes (e.g. GitHub's in its docs)."
  confirm "Are these the keys of $host?" || { rm -f "$file.new"; die "host key not confirmed; nothing trusted. Re-run, or pass --known-hosts FILE"; }
  chmod 0644 "$file.new"; mv -f "$file.new" "$file"
  say "wrote $file"
}

show_fingerprints() { ssh-keygen -lf "$1" 2>/dev/null | sed 's/^/  /' || true; }

write_webhook_secret() {
  local file="$GITOPS_DIR/webhook.secret"
  if [ -e "$file" ]; then say "kept $file"; return 0; fi
  put "$file" 0600 "$(random_hex 32)"
}

# The repository content to commit: imported from an existing config, or a starter.
write_starter() {
  local dir="$GITOPS_DIR/starter"
  if [ -e "$dir/users.yaml" ]; then say "kept $dir"; return 0; fi
  if [ -n "$FROM_CONFIG" ]; then
    import_config "$dir"
  else
    put "$dir/users.yaml" 0644 "$(starter_users)"
    put "$dir/telemt.toml" 0644 "$(telemt_template)"
  fi
}

# telemt-gitops import: the existing config's users become users.yaml, its settings telemt.toml.
import_config() {
  local dir="$1"
  mkdir -p "$dir"
  if [ "$RUNTIME" = systemd ] || [ -x "${GITOPS_BINARY:-}" ]; then
    local bin="${GITOPS_BINARY:-$BIN_DIR/telemt-gitops}"
    [ -x "$bin" ] || bin="$BIN_DIR/telemt-gitops"
    "$bin" import --telemt-config "$FROM_CONFIG" --out "$dir" --host "$PUBLIC_HOST" --port "${PORT:?}"
  else
    run docker run --rm -v "$(dirname "$FROM_CONFIG"):/in:ro" -v "$dir:/out" "$GITOPS_IMAGE" \
      import --telemt-config "/in/$(basename "$FROM_CONFIG")" --out /out --host "$PUBLIC_HOST" --port "$PORT"
  fi
}

# The initial config.toml telemt starts with: the existing one byte for byte, or one with the
# first user. Once there it is telemt's live config, which telemt-gitops renders: never replaced.
write_initial_config() {
  local config="$TELEMT_DIR/config.toml"
  if [ -e "$config" ] || [ -L "$config" ]; then say "kept $config (telemt's config; telemt-gitops renders it from now on)"; return 0; fi
  if [ -z "$FROM_CONFIG" ]; then put "$config" 0640 "$(telemt_config "$(random_hex 16)")"; return 0; fi
  mkdir -p "$TELEMT_DIR"
  local tmp
  tmp="$(mktemp "$config.XXXXXX")"
  cp "$FROM_CONFIG" "$tmp" && chmod 0640 "$tmp" && mv -f "$tmp" "$config"
  say "wrote $config (0640, a copy of $FROM_CONFIG)"
}

print_next_steps() {
  say ""
  say "Next steps:"
  if [ -n "$FROM_CONFIG" ]; then
    say "  1. Commit $GITOPS_DIR/starter/* (users.yaml holds the imported secrets: keep the repository private)"
  else
    say "  1. If the repository is empty, commit $GITOPS_DIR/starter/users.yaml and telemt.toml to it"
  fi
  say "     under '$REPO_PATH' on branch $BRANCH."
  say "  2. Point a webhook at http://<this host>:8080/hooks/git (behind your reverse proxy) with the secret"
  say "     in $GITOPS_DIR/webhook.secret, or rely on the 30 s interval."
  say "  3. Back up $GITOPS_DIR/master.key: with another key every derived secret, so every link, changes."
}
