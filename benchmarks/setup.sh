#!/usr/bin/env bash
# Installs what the benchmark needs beyond the project's Python environment: wrk, the load generator.
# Debian/Ubuntu, as root (or with sudo). Safe to run again.
set -euo pipefail

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
