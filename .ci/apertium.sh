#!/usr/bin/env bash
# Installs the machine translation engine the tests use when it is missing:
# Apertium, its fr-es and eng-spa pairs (English goes fr→es→en), and the
# APy server. Debian packages only; runs as root on the CI machine. Safe to
# run again: it does nothing when everything is there.
set -euo pipefail

packages=(apertium apertium-fr-es apertium-eng-spa apertium-apy)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "apertium: ${packages[*]} already installed"
else
  echo "apertium: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The modes relais needs: fr-es, and spa-eng for the Spanish pivot to English.
modes=$(apertium -l)
for mode in fr-es spa-eng; do
  if ! grep -qx "[[:space:]]*$mode" <<<"$modes"; then
    echo "apertium: mode $mode missing after install" >&2
    exit 1
  fi
done
command -v apertium-apy >/dev/null || { echo "apertium: apertium-apy missing after install" >&2; exit 1; }
echo "apertium: modes fr-es and spa-eng ready"
