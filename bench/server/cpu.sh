#!/usr/bin/env bash
# The server's CPU per request under wrk, for binaries compared in turn:
# each round starts every binary's `embargo serve` on all the default
# lists, warms it for 3 s, then counts the server process's CPU time
# (/proc/PID/stat, user + system) over SECONDS_MEASURED s of wrk and
# divides by the requests served. CPU per request moves less than
# requests/s with wrk and the server sharing 2 cores, so paired rounds
# show changes of a few percent (docs/performance.md, "Session 11").
#
#   bench/server/cpu.sh BIN [BIN...]
#   env: ROUNDS (3), SCRIPT (search.lua: /search; healthz.lua, mixed.lua),
#        CONNECTIONS (64), SECONDS_MEASURED (10), SERVER_THREADS (2),
#        PORT (18491)
# Prints one line per run and each binary's medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
SCRIPT=${SCRIPT:-search.lua}
CONNECTIONS=${CONNECTIONS:-64}
SECONDS_MEASURED=${SECONDS_MEASURED:-10}
SERVER_THREADS=${SERVER_THREADS:-2}
PORT=${PORT:-18491}
[ $# -ge 1 ] || { echo "usage: bench/server/cpu.sh BIN [BIN...]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (bench/server/deps.sh)" >&2; exit 2; }

. "$ROOT/bench/server/serve.sh"
URL="http://127.0.0.1:$PORT"
path=/
[ "$SCRIPT" = healthz.lua ] && path=/healthz
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

BINS=("$@")
for round in $(seq 1 "$ROUNDS"); do
  # Each round starts with the next binary: the server started second in
  # a round used 5-10% more CPU per request whichever binary it was.
  for k in $(seq 0 $(($# - 1))); do
    bin=${BINS[$(((k + round - 1) % $#))]}
    start_server "$bin"
    wrk -t2 -c"$CONNECTIONS" -d3s -s "$ROOT/bench/server/$SCRIPT" "$URL$path" >/dev/null
    t0=$(cpu_ticks)
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" -s "$ROOT/bench/server/$SCRIPT" "$URL$path" | grep '^RESULT')
    t1=$(cpu_ticks)
    stop_server
    requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$out")
    hz=$(getconf CLK_TCK)
    us=$(python3 -c "print(round(($t1 - $t0) / $hz * 1e6 / $requests, 1))")
    echo "round $round $bin: $us us of server CPU per request, $rps requests/s"
  done
done | tee "$WORK/runs"
python3 "$ROOT/bench/medians.py" "$WORK/runs"
