#!/usr/bin/env bash
# The server's instructions per /search request, counted by callgrind: a
# figure that does not move with the machine's load, where wrk's requests/s
# and even bench/server/cpu.sh's CPU per request move by 10% from one run
# to the next on a shared 2-core machine. For each binary: `embargo serve`
# on a snapshot of the default lists, one I/O thread, under callgrind with
# collection on inside `embargo::server::Api::Handle` (request handling
# only: routing, checks, the search, the JSON answer) or, with
# SCOPE=thread, the whole I/O thread (the HTTP parsing, the answer's
# writing and the metrics too); then the load mix's names (names.lua)
# ROUNDS times over one keep-alive connection. With WARM=N, N rounds run
# first and the counters are zeroed after them (`callgrind_control -z`):
# the steady state, without the first sightings' memos and tables. Prints
# each binary's instructions in all and per request.
#
#   bench/server/count.sh BIN [BIN...]
#   env: ROUNDS (10), WARM (0), SCOPE (handle | thread), PORT (18497)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=bench/snapshot.sh
source bench/snapshot.sh
ROUNDS=${ROUNDS:-10}
WARM=${WARM:-0}
PORT=${PORT:-18497}
case "${SCOPE:-handle}" in
  handle) TOGGLE='embargo::server::Api::Handle*' ;;
  thread) TOGGLE='*HttpServer::Start*lambda*' ;;
  *) echo "SCOPE: handle or thread" >&2; exit 2 ;;
esac
[ $# -ge 1 ] || { echo "usage: bench/server/count.sh BIN [BIN...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
WORK=$(mktemp -d)
VG_PID=""
trap '[ -n "$VG_PID" ] && kill "$VG_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

i=0
for bin in "$@"; do
  snapshot_of "$bin" "$WORK/$i.idx"
  key=$("$bin" keys add --scope screen --state "$WORK/state$i" | tail -n1)
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.$i" \
    --toggle-collect="$TOGGLE" \
    "$bin" serve --index "$WORK/$i.idx" --state "$WORK/state$i" \
    --listen "127.0.0.1:$PORT" --threads 1 2>"$WORK/serve.$i.log" &
  VG_PID=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  requests=$(python3 - "$key" "$PORT" "$ROUNDS" "$WARM" "$VG_PID" \
    "$ROOT/bench/server/names.lua" <<'PY'
import http.client, re, subprocess, sys, urllib.parse
key, port, rounds, warm, pid, lua = sys.argv[1], int(sys.argv[2]), \
    int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
names = re.findall(r'"([^"]+)"', open(lua).read().split("}")[0])
c = http.client.HTTPConnection("127.0.0.1", port)
def run(k):
    n = 0
    for _ in range(k):
        for name in names:
            c.request("GET", "/search?limit=10&name=" + urllib.parse.quote(name),
                      headers={"Authorization": "ApiKey " + key})
            r = c.getresponse()
            r.read()
            assert r.status == 200, r.status
            n += 1
    return n
if warm:
    run(warm)
    subprocess.run(["callgrind_control", "-z", pid], check=True,
                   capture_output=True)
n = run(rounds)
if warm:
    subprocess.run(["callgrind_control", "-d", pid], check=True,
                   capture_output=True)
print(n)
PY
)
  kill "$VG_PID"
  wait "$VG_PID" 2>/dev/null || true
  VG_PID=""
  if [ "$WARM" -gt 0 ]; then
    # The dump taken after the counted rounds (the file of the whole run
    # holds what came after it: nothing).
    refs=$(sed -nE 's/^summary: ([0-9]+)/\1/p' "$WORK/cg.$i.1")
  else
    refs=$(sed -nE 's/.*I +refs: +([0-9,]+).*/\1/p' "$WORK/serve.$i.log" | tr -d ,)
  fi
  echo "$bin: $refs instructions for $requests /search requests, $((refs / requests)) per request"
  i=$((i + 1))
done
