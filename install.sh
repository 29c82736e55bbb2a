#!/usr/bin/env bash
# install.sh: telemt alone, or telemt managed from a git repository by telemt-gitops, with Docker
# Compose or as systemd services. Interactive on a terminal; without one, every answer comes from
# flags or TELEMT_INSTALL_* variables and nothing is ever asked. `./install.sh --help` for all.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=deploy/install/lib.sh
. "$here/deploy/install/lib.sh"
# shellcheck source=deploy/install/render.sh
. "$here/deploy/install/render.sh"
# shellcheck source=deploy/install/gitops.sh
. "$here/deploy/install/gitops.sh"
# shellcheck source=deploy/install/runtime.sh
. "$here/deploy/install/runtime.sh"

usage() {
  cat <<'EOF'
Usage: install.sh [install|status|upgrade|uninstall] [options]

Modes (--mode, TELEMT_INSTALL_MODE):
  proxy     telemt alone, with a generated config (FakeTLS domain, port, one user, metrics on
            loopback, API read-only); prints the user's link and QR code
  gitops    telemt and telemt-gitops side by side: users come from your git repository
Runtimes (--runtime, TELEMT_INSTALL_RUNTIME):
  docker    Docker Compose with telemt's published image and telemt-gitops's image
  systemd   systemd services; telemt from its release, telemt-gitops built from this source

Options (each also TELEMT_INSTALL_<NAME>, e.g. --tls-domain → TELEMT_INSTALL_TLS_DOMAIN):
  --host HOST             public name or address clients connect to (default: first address of this host)
  --port PORT             public port of the proxy (default 443)
  --tls-domain DOMAIN     FakeTLS domain (default www.google.com); links carry it
  --first-user NAME       proxy mode: the first user (default admin)
  --repo URL              gitops: the desired-state repository (ssh or https)
  --branch BRANCH         gitops: branch to track (default main)
  --path DIR              gitops: directory of users.yaml inside the repository (default .)
  --node NAME             gitops: this host's node name (default: the short host name)
  --from-config FILE      gitops: start from an existing telemt config.toml; its users become a
                          users.yaml to commit (explicit secrets kept: no link changes)
  --known-hosts FILE      gitops: known_hosts lines for the repository's host instead of ssh-keyscan
  --token-file FILE       gitops: HTTPS token for the repository instead of an SSH deploy key
  --edge                  docker: an SNI-routing edge (nginx) in front on 443
  --metrics-port PORT     telemt's metrics port (default 9090); --api-port PORT (default 9091)
  --binary FILE           systemd: install this telemt-gitops binary instead of building it
  --telemt-binary FILE    systemd: install this telemt binary instead of downloading release
                          --telemt-version (default 3.4.25)
  --service-user USER     systemd: the user telemt-gitops runs as (default telemt-gitops)
  --telemt-user USER      systemd: the user telemt runs as (default telemt)
  --root DIR              install everything under DIR (default /)
  --dry-run               write every file under --root, run nothing (no services, users, network)
  -y, --yes               accept the defaults and the repository's host key without asking
  --purge                 uninstall: also delete the store and the keys (asked again on a terminal)
  -h, --help

Commands:
  install    (default) writes what is missing; an existing key or config is kept, never
             overwritten; running it twice changes nothing
  status     what is installed, whether it runs, the last reconcile
  upgrade    newer images (docker) or a rebuilt binary and units (systemd); keys and configs kept
  uninstall  stops and removes the services and units; keeps the store and keys unless --purge

Examples:
  ./install.sh                                            # asks on a terminal
  ./install.sh --mode proxy --runtime docker --host proxy.example.com --yes
  TELEMT_INSTALL_MODE=gitops TELEMT_INSTALL_RUNTIME=systemd \
    TELEMT_INSTALL_REPO=git@github.com:acme/proxy-users.git ./install.sh --yes
  ./install.sh --mode gitops --runtime docker --repo git@github.com:acme/proxy-users.git \
    --from-config /etc/telemt/config.toml --dry-run --root /tmp/preview
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      install|status|upgrade|uninstall) COMMAND="$1" ;;
      --mode) MODE="$(need_value "$@")"; shift ;;
      --runtime) RUNTIME="$(need_value "$@")"; shift ;;
      --host) PUBLIC_HOST="$(need_value "$@")"; shift ;;
      --port) PORT="$(need_value "$@")"; shift ;;
      --tls-domain) TLS_DOMAIN="$(need_value "$@")"; shift ;;
      --first-user) FIRST_USER="$(need_value "$@")"; shift ;;
      --repo) REPO_URL="$(need_value "$@")"; shift ;;
      --branch) BRANCH="$(need_value "$@")"; shift ;;
      --path) REPO_PATH="$(need_value "$@")"; shift ;;
      --node) NODE="$(need_value "$@")"; shift ;;
      --from-config) FROM_CONFIG="$(need_value "$@")"; shift ;;
      --known-hosts) KNOWN_HOSTS="$(need_value "$@")"; shift ;;
      --token-file) TOKEN_FILE="$(need_value "$@")"; shift ;;
      --edge) EDGE=1 ;;
      --metrics-port) METRICS_PORT="$(need_value "$@")"; shift ;;
      --api-port) API_PORT="$(need_value "$@")"; shift ;;
      --binary) GITOPS_BINARY="$(need_value "$@")"; shift ;;
      --telemt-binary) TELEMT_BINARY="$(need_value "$@")"; shift ;;
      --telemt-version) TELEMT_VERSION="$(need_value "$@")"; shift ;;
      --service-user) SERVICE_USER="$(need_value "$@")"; shift ;;
      --telemt-user) TELEMT_USER="$(need_value "$@")"; shift ;;
      --root) ROOT="$(need_value "$@")"; shift ;;
      --dry-run) DRY_RUN=1 ;;
      -y|--yes) ASSUME_YES=1 ;;
      --purge) PURGE=1 ;;
      -h|--help) usage; exit 0 ;;
      *) die_usage "unknown argument '$1'" ;;
    esac
    shift
  done
}

main() {
  # Every file gets its mode explicitly; directories get it from the umask: 000 would leave
  # /opt/telemt writable by anyone (a new .env runs any image), 077 would lock the service
  # users out of /var/lib and /etc/systemd/system made by this run.
  umask 022
  load_defaults
  parse_args "$@"
  ask_missing
  check_inputs
  set_paths
  case "$COMMAND" in
    install) do_install ;;
    status) do_status ;;
    upgrade) do_upgrade ;;
    uninstall) do_uninstall ;;
  esac
}

main "$@"
