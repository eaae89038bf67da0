#!/usr/bin/env bash
# Start to first answer, `embargo search --index`, for binaries compared in
# one hyperfine run per name: each binary opens a snapshot of the default
# lists that it wrote itself (a snapshot is refused by a binary with other
# index code). Prints, per name and binary, the median, range, user and
# system time of RUNS runs, then each binary's page faults (perf stat, when
# the machine lets perf count them). docs/performance.md, "Start-up".
#
#   bench/perf/startup.sh BIN [BIN...]
#   env: RUNS (40), WARMUP (5), NAMES (newline-separated; default a Latin,
#        a Chinese and a Cyrillic name)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/snapshot.sh
source bench/snapshot.sh
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-5}
NAMES=${NAMES:-$'Kim Jong Un\n金正恩\nКим Чен Ын'}
[ $# -ge 1 ] || { echo "usage: bench/perf/startup.sh BIN [BIN...]" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing (bench/perf/deps.sh)" >&2; exit 2; }
# A name holding a single quote would be split wrongly below: refused
# before any work.
case $NAMES in
  *"'"*) echo "startup.sh: a name with a single quote cannot be passed" >&2
    exit 2 ;;
esac
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

i=0
for bin in "$@"; do
  snapshot_of "$bin" "$WORK/$i.idx"
  i=$((i + 1))
done

# hyperfine -N runs the command without a shell and splits it itself, on
# spaces outside quotes: each name goes in single quotes (refused above if
# it holds one).
while IFS= read -r name; do
  [ -n "$name" ] || continue
  cmds=()
  i=0
  for bin in "$@"; do
    cmds+=("$bin search --index $WORK/$i.idx '$name'")
    i=$((i + 1))
  done
  # `search` exits 1 when it finds a match: -i.
  hyperfine -N -i -w "$WARMUP" -r "$RUNS" --export-json "$WORK/h.json" \
    "${cmds[@]}" >/dev/null 2>&1
  python3 - "$WORK/h.json" "$name" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    t = [x * 1000 for x in r["times"]]
    print(f"{sys.argv[2]}  {r['command'].split()[0]}: median "
          f"{statistics.median(t):.1f} ms ({min(t):.1f}-{max(t):.1f}), "
          f"user {r['user'] * 1000:.1f} ms, sys {r['system'] * 1000:.1f} ms")
PY
done <<< "$NAMES"

i=0
for bin in "$@"; do
  # (perf exits as the search does: 1 for a match.)
  faults=$({ perf stat -x, -e page-faults -r 5 "$bin" search --index \
    "$WORK/$i.idx" 'Kim Jong Un' 2>&1 >/dev/null || true; } |
    awk -F, '/page-faults/ && $1 ~ /^[0-9.]+$/ {print $1}')
  echo "$bin: ${faults:-(perf cannot count here)} page faults (Kim Jong Un, mean of 5)"
  i=$((i + 1))
done
