#!/usr/bin/env bash
# Installs what bench/server/load.sh needs beyond scripts/deps.sh: wrk.
# Idempotent: apt-get runs only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/deps.sh
if ! dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk
fi
