# Sourced by load.sh and cpu.sh: starting `embargo serve` for a benchmark.
# Expects ROOT (the checkout), PORT and SERVER_THREADS; makes WORK, a
# scratch folder that goes, with any server still running, on exit.

SERVER_PID=""
WORK=$(mktemp -d)
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server BIN: serves all the default lists with a fresh screen key
# (exported as EMBARGO_KEY, which the wrk scripts send), sets SERVER_PID
# and waits for /readyz; exits 1 with the server's log if it never comes.
start_server() {
  local bin=$1 url="http://127.0.0.1:$PORT"
  rm -rf "$WORK/state"
  EMBARGO_KEY=$("$bin" keys add --scope screen --state "$WORK/state" | tail -n1)
  export EMBARGO_KEY
  export EMBARGO_BENCH_DIR=$ROOT/bench/server
  "$bin" serve --lists-from "$ROOT/config/default-lists.conf" --state "$WORK/state" \
    --listen "127.0.0.1:$PORT" --threads "$SERVER_THREADS" 2>"$WORK/serve.log" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if curl -fs "$url/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "server not ready"
  cat "$WORK/serve.log"
  exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
