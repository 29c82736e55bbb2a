# shellcheck shell=bash disable=SC2034,SC2154
# (globals are set and read across these files, which install.sh sources together)
# install.sh's generated texts: telemt's config, the repository template, telemt-gitops's
# settings, the compose .env and the edge's nginx.conf. Pure functions of the settings.

INTERNAL_SUBNET=172.30.53.0/24
PUBLIC_SUBNET=172.30.54.0/24
EDGE_IP=172.30.54.5

# Where telemt listens for clients, metrics and its API, as seen from inside its host or container.
telemt_listen_port() { if [ "$RUNTIME" = docker ]; then echo 443; else echo "$PORT"; fi; }
telemt_bind() { if [ "$RUNTIME" = docker ]; then echo 0.0.0.0; else echo 127.0.0.1; fi; }
telemt_whitelist() {
  if [ "$RUNTIME" = docker ]; then echo "[\"$INTERNAL_SUBNET\", \"127.0.0.1/32\"]"; else echo '["127.0.0.1/32", "::1/128"]'; fi
}

# telemt's settings outside the [access.*] tables: the repository's telemt.toml template, and the
# head of the config telemt starts with.
telemt_template() {
  cat <<EOF
# telemt settings for node $NODE, written by install.sh ($RUNTIME). telemt-gitops renders
# config.toml from this template: the [access.*] tables come from users.yaml, every other line
# is kept as written here. Ports, listeners, metrics and censorship need a telemt restart.
[general]
use_middle_proxy = true
log_level = "normal"

[general.modes]
classic = false
secure = false
tls = true

[general.links]
show = "*"

[server]
port = $(telemt_listen_port)
# Metrics and API only for the reconciler: $( [ "$RUNTIME" = docker ] && echo "the internal network of the compose project" || echo "loopback" ).
metrics_listen = "$(telemt_bind):$METRICS_PORT"
metrics_whitelist = $(telemt_whitelist)
EOF
  if [ "$EDGE" = 1 ]; then
    printf '%s\n' "# Behind the edge: the real client address arrives in a PROXY protocol header." \
      "proxy_protocol = true" "proxy_protocol_trusted_cidrs = [\"$EDGE_IP/32\"]"
  fi
  cat <<EOF

[server.api]
enabled = true
listen = "$(telemt_bind):$API_PORT"
whitelist = $(telemt_whitelist)
# Read-only: a writable API would fight the reconciler (and anyone could add users through it).
read_only = true

[[server.listeners]]
ip = "0.0.0.0"

[censorship]
tls_domain = "$TLS_DOMAIN"
mask = true
tls_emulation = true
tls_front_dir = "tlsfront"
EOF
}

# A complete config for telemt with one user (proxy mode, and the first start in gitops mode).
telemt_config() { # telemt_config SECRET
  telemt_template
  printf '\n[access.users]\n%s = "%s"\n' "$(toml_key "$FIRST_USER")" "$1"
}

# A user name as a TOML key: bare unless it has a dot, which TOML reads as a dotted key
# (`a.b = …` is a table a with a key b, a config telemt refuses).
toml_key() { if [[ "$1" =~ ^[A-Za-z0-9_-]+$ ]]; then printf '%s' "$1"; else printf '"%s"' "$1"; fi; }

# The starter users.yaml for an empty repository. Values are quoted: a host 1e3 or a domain
# `true` would otherwise be read as a number or a boolean, a user `null` as no name at all.
starter_users() {
  cat <<EOF
# yaml-language-server: \$schema=https://raw.githubusercontent.com/telemt-gitops/telemt-gitops/main/docs/users.schema.json
# Users of the proxy. Change them by pull request; telemt-gitops applies the merged revision.
# Reference: docs/users-yaml.md. Secrets are derived on the host: none belongs in this file.
version: 1
proxy:
  host: "$PUBLIC_HOST"
  port: $PORT
  tls_domain: "$TLS_DOMAIN"
timezone: UTC
defaults:
  max_connections: 8
  max_unique_ips: 3
users:
  "$FIRST_USER": { note: created by install.sh }
EOF
}

# telemt-gitops's settings (docs/configuration.md), with paths as the daemon sees them.
gitops_settings() { # gitops_settings ETC TELEMT_ETC STATE METRICS_HOST LISTEN
  local etc="$1" telemt_etc="$2" state="$3" metrics_host="$4" listen="$5" credential
  if [ "$REPO_PATH" != . ]; then credential="  path: \"$REPO_PATH\""$'\n'; else credential=""; fi
  if [ -n "$TOKEN_FILE" ]; then
    credential+="  token_file: $etc/repo.token"
  elif repo_ssh_host >/dev/null; then
    credential+="  ssh_key: $etc/deploy_key"$'\n'"  known_hosts: $etc/known_hosts"
  fi
  cat <<EOF
# telemt-gitops settings, written by install.sh. Every key is documented in docs/configuration.md;
# flags and TELEMT_GITOPS_* variables override them.
node: "$NODE"
repo:
  url: "$REPO_URL"
  branch: "$BRANCH"
${credential:+$credential
}key: $etc/master.key
telemt:
  config: $telemt_etc/config.toml
  metrics: http://$metrics_host:$METRICS_PORT/metrics
  api: http://$metrics_host:$API_PORT
state_dir: $state
interval: 30s
listen: $listen
webhooks:
  secret_file: $etc/webhook.secret
EOF
}

compose_env() {
  local profiles=""
  [ "$MODE" = gitops ] && profiles=gitops
  [ "$EDGE" = 1 ] && profiles="${profiles:+$profiles,}edge"
  cat <<EOF
# docker compose settings, written by install.sh (see compose.yaml).
COMPOSE_PROFILES=$profiles
TELEMT_IMAGE=$TELEMT_IMAGE
TELEMT_GITOPS_IMAGE=$GITOPS_IMAGE
APP_UID=$APP_UID
APP_GID=$APP_UID
TELEMT_PUBLISH=$( [ "$EDGE" = 1 ] && echo "127.0.0.1:10443" || echo "$PORT" )
GITOPS_PUBLISH=127.0.0.1:8080
INTERNAL_SUBNET=$INTERNAL_SUBNET
PUBLIC_SUBNET=$PUBLIC_SUBNET
EDGE_IP=$EDGE_IP
EOF
}

edge_nginx_conf() {
  cat <<EOF
# The edge on 443: routes TLS connections by their SNI without terminating them, and passes the
# client's address to telemt in a PROXY protocol header (telemt: proxy_protocol = true).
# To share 443 with a web site, add its name to the map and an upstream for it.
worker_processes 1;
pid /var/run/nginx.pid;
events { worker_connections 8192; }
stream {
  upstream telemt { server telemt:443; }
  map \$ssl_preread_server_name \$backend {
    $TLS_DOMAIN telemt;
    default telemt;
  }
  server {
    listen 443;
    ssl_preread on;
    proxy_protocol on;
    proxy_pass \$backend;
  }
}
EOF
}

# The tg:// and t.me links of a user, and the QR code when qrencode is there.
print_link() { # print_link SECRET
  local query
  query="server=$PUBLIC_HOST&port=$PORT&secret=ee$1$(hex_of "$TLS_DOMAIN")"
  say "link of $FIRST_USER:"
  say "  tg://proxy?$query"
  say "  https://t.me/proxy?$query"
  if command -v qrencode >/dev/null 2>&1; then
    qrencode -t ANSIUTF8 "tg://proxy?$query"
  else
    say "(install qrencode to see the QR code here)"
  fi
}
