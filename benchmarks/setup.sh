#!/usr/bin/env bash
# Installs what the benchmark needs beyond the project's Python environment: wrk, the load generator (Debian's
# package), and the `bench` dependency group (Django, Django REST Framework and gunicorn for the DRF peer,
# py-spy for profiles). Debian/Ubuntu, as root (or with sudo), from the project root. Safe to run again.
set -euo pipefail

UV="$(command -v uv 2>/dev/null || echo .tools/bin/uv)"
"$UV" sync --frozen --group bench

if command -v wrk >/dev/null 2>&1; then
  echo "wrk is already installed: $(wrk --version 2>&1 | head -n 1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update
$SUDO apt-get install -y wrk
wrk --version 2>&1 | head -n 1 || true
