#!/usr/bin/env bash
# Installs what the performance measurements in bench/perf/ need beyond
# scripts/deps.sh: Google Benchmark, hyperfine (repeated timed runs), the
# peers we compare against (PostgreSQL with pg_trgm, psycopg2, jellyfish),
# GNU time (peak RSS), gnuplot (the scale plot), valgrind (callgrind
# profile). Idempotent: apt-get runs only when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/deps.sh

PACKAGES=(
  libbenchmark-dev hyperfine time gnuplot-nox valgrind
  postgresql postgresql-contrib python3-psycopg2 python3-jellyfish
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
