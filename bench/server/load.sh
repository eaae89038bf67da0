#!/usr/bin/env bash
# Load test of `embargo serve` with wrk, on this machine only (loopback).
# Measures throughput and p50/p99 latency of GET /healthz (the HTTP stack
# alone) and of GET /search at 1, 16, 64 and 256 connections, then a mixed
# /search + /match run, then a soak with the server's memory sampled; all
# against every list in config/default-lists.conf.
#
# Usage: bench/server/load.sh
# Environment:
#   EMBARGO_BIN     the embargo binary (default build/release/apps/cli/embargo)
#   DURATION        seconds per wrk run (default 30)
#   SOAK_SECONDS    the soak's length (default 600, the 10-minute soak)
#   CONNECTIONS     connection counts (default "1 16 64 256")
#   SERVER_THREADS  the server's I/O threads (default 2)
#   WRK_THREADS     wrk's threads (default 2)
#   PORT            (default 18480)
# Prints one line per run ("RESULT ...") and a Markdown table at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${EMBARGO_BIN:-$ROOT/build/release/apps/cli/embargo}
DURATION=${DURATION:-30}
SOAK_SECONDS=${SOAK_SECONDS:-600}
CONNECTIONS=${CONNECTIONS:-"1 16 64 256"}
SERVER_THREADS=${SERVER_THREADS:-2}
WRK_THREADS=${WRK_THREADS:-2}
PORT=${PORT:-18480}

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: apt-get install wrk (bench/server/deps.sh)" >&2
  exit 2
fi
[ -x "$BIN" ] || { echo "no embargo binary at $BIN (build the release preset)" >&2; exit 2; }

. "$ROOT/bench/server/serve.sh"

start_server "$BIN"
URL="http://127.0.0.1:$PORT"
ENTITIES=$(curl -fs -H "Authorization: ApiKey $EMBARGO_KEY" "$URL/lists" |
  python3 -c 'import json,sys; j=json.load(sys.stdin); print(sum(l["counts"]["entities"] for l in j["lists"]), len(j["lists"]))')
echo "serving: $ENTITIES (entities, lists); server threads $SERVER_THREADS, wrk threads $WRK_THREADS"

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }

TABLE="| run | connections | requests/s | p50 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|\n"
run() {  # name script connections seconds
  local name=$1 script=$2 conns=$3 secs=$4 threads=$WRK_THREADS
  [ "$conns" -lt "$threads" ] && threads=$conns
  local out
  local path=/
  [ "$script" = healthz.lua ] && path=/healthz
  out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$ROOT/bench/server/$script" "$URL$path" | grep '^RESULT')
  echo "$name c=$conns $out"
  local rps p50 p99 max errors
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$out")
  p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$out")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$out")
  max=$(sed -E 's/.*max_ms=([0-9.]+).*/\1/' <<<"$out")
  errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$out")
  TABLE+="| $name | $conns | $rps | $p50 | $p99 | $max | $errors |\n"
}

echo "rss at start: $(rss_kb) kB"
run "/healthz (HTTP stack only)" healthz.lua 64 "$DURATION"
for c in $CONNECTIONS; do run "/search" search.lua "$c" "$DURATION"; done
run "mixed /search + /match" mixed.lua 64 "$DURATION"

if [ "$SOAK_SECONDS" -gt 0 ]; then
  echo "soak: ${SOAK_SECONDS}s mixed at 64 connections; rss every 10s"
  RSS_LOG=$WORK/rss.txt
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do rss_kb >>"$RSS_LOG"; sleep 10; done ) &
  SAMPLER=$!
  run "soak (mixed, ${SOAK_SECONDS}s)" mixed.lua 64 "$SOAK_SECONDS"
  kill "$SAMPLER" 2>/dev/null || true
  echo "soak rss kB: first $(head -n1 "$RSS_LOG"), last $(tail -n1 "$RSS_LOG"), max $(sort -n "$RSS_LOG" | tail -n1), samples $(wc -l <"$RSS_LOG")"
  echo "soak rss series: $(tr '\n' ' ' <"$RSS_LOG")"
fi
echo "rss at end: $(rss_kb) kB"
printf "\n$TABLE"
