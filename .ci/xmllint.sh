#!/usr/bin/env bash
# Installs xmllint (Debian package libxml2-utils), when it is missing: the
# tests of pkg/xliff check relais's XLIFF 2.0 schema (pkg/xliff/schema)
# with it, and the review page's test (pkg/report) checks the exported
# XLIFF against that schema.
# Debian package only; runs as root on the CI machine. Safe to run again:
# it does nothing when xmllint is there.
set -euo pipefail

if command -v xmllint >/dev/null 2>&1; then
  echo "xmllint: $(xmllint --version 2>&1 | head -1)"
  exit 0
fi
echo "xmllint: installing the Debian package libxml2-utils"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libxml2-utils
command -v xmllint >/dev/null || { echo "xmllint: not found after install" >&2; exit 1; }
echo "xmllint: $(xmllint --version 2>&1 | head -1)"
