# Sourced by the scripts that compare binaries (bench/perf/startup.sh,
# bench/perf/paired.sh, bench/server/count.sh): each binary must open a
# snapshot it wrote itself, since a snapshot is refused by a binary whose
# index code differs.
#
#   source bench/snapshot.sh; snapshot_of BIN OUT.idx
# Builds OUT.idx from the default lists (config/default-lists.conf, read
# relative to this file); on failure prints the build's messages and
# returns its status.

snapshot_of() {
  local bin=$1 out=$2 conf log rc=0
  conf="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/config/default-lists.conf"
  log=$(mktemp)
  "$bin" index build --out "$out" --lists-from "$conf" >/dev/null 2>"$log" ||
    rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "$bin index build failed:" >&2
    cat "$log" >&2
  fi
  rm -f "$log"
  return "$rc"
}
