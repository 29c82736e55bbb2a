#!/usr/bin/env bash
# Installs everything telemt-gitops needs to build, run and test on Debian/Ubuntu.
# Idempotent: packages already present are not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  pkg-config
  libyaml-dev        # YAML event parser for users.yaml (Spec)
  libgit2-dev        # git fetch/read/push without a work tree (Reconciler)
  libqrencode-dev    # QR codes for proxy links (TelemtRender)
  zlib1g-dev         # deflate for the PNG QR codes (TelemtRender)
  libsqlite3-dev     # traffic store through GRDB (StatsSink)
  git                # tests: real repositories and `git daemon`
  openssh-server     # tests: a real sshd on loopback for ssh:// fetch and push
  openssh-client     # tests and signature verification: ssh-keygen -Y verify
  gnupg gpgv         # tests and signature verification: OpenPGP-signed commits
  zbar-tools         # tests: zbarimg decodes the QR codes we write
  python3            # tests: an independent TOML reader (tomllib) checks rendered configs
  time               # benchmarks: peak memory through /usr/bin/time
  python3-venv       # benchmarks and scripts/lint-tools.sh: Python tools in a venv
  shellcheck         # tests: every shell script (install.sh, scripts/, examples/ci/) passes it
  systemd            # tests: systemd-analyze verify checks the units in deploy/systemd/
  curl               # install.sh: telemt's release tarball, ssh-keyscan fallback checks
  postgresql         # tests: initdb/pg_ctl run throwaway servers for the PostgreSQL stats store (no system cluster)
  openssl            # tests: a self-signed certificate for the PostgreSQL server's TLS
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    # The tests start their own servers; Debian would otherwise create and start a main cluster.
    "${sudo_cmd[@]}" mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | "${sudo_cmd[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH; install Swift 6.1 or newer first (https://swift.org/install)" >&2; exit 1; }
scripts/lint-tools.sh >/dev/null
echo "setup: system packages and lint tools ready"
