#!/usr/bin/env bash
# Installs Chromium, which the review report tests (pkg/report) drive
# headless over the DevTools protocol, when it is missing. Debian package
# only; runs as root on the CI machine. Safe to run again: it does nothing
# when Chromium is there.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo installed)"
  exit 0
fi
echo "chromium: installing the Debian package"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
command -v chromium >/dev/null || { echo "chromium: not found after install" >&2; exit 1; }
echo "chromium: $(chromium --version 2>/dev/null)"
