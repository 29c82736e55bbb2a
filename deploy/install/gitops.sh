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
  if [ -e "$key" ]; then say "kept $key (an existing key is never replaced: every user's link depends on it)"; return 0; fi
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
    say "kept $key"
  else
    mkdir -p "$GITOPS_DIR"
    ssh-keygen -q -t ed25519 -N "" -C "telemt-gitops@$NODE" -f "$key" >/dev/null
    chmod 0600 "$key"; chmod 0644 "$key.pub"
    say "wrote $key (0600) and $key.pub"
  fi
  say "Add this public key to the repository as a deploy key (write access: status files are pushed back):"
  say "  $(cat "$key.pub")"
}

# known_hosts: from --known-hosts, else from ssh-keyscan, confirmed by its fingerprint.
write_known_hosts() {
  [ -z "$TOKEN_FILE" ] || return 0
  repo_ssh_host >/dev/null || return 0
  local file="$GITOPS_DIR/known_hosts" hostport host port lines
  if [ -e "$file" ]; then say "kept $file"; return 0; fi
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

# The initial config.toml telemt starts with: the existing one, or one with the first user.
write_initial_config() {
  local config="$TELEMT_DIR/config.toml"
  if [ -n "$FROM_CONFIG" ] && [ ! -e "$config" ]; then
    put "$config" 0640 "$(cat "$FROM_CONFIG")"
  else
    put "$config" 0640 "$(telemt_config "$(random_hex 16)")"
  fi
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
