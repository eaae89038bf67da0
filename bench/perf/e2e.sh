#!/usr/bin/env bash
# End-to-end screening throughput and recall of `embargo screen`, and of two
# peers on the same input: PostgreSQL pg_trgm and an exhaustive
# Jaro-Winkler scan (docs/performance.md, "End to end").
#
#   bench/perf/e2e.sh [--rows N] [--sample N] [--runs N] [--recall-rows N]
#                     [--jw-sample N] [--jw-recall N] [--build DIR] [--no-deps]
#                     [--no-build]   (use the binaries already in --build)
#
# 1. builds embargo and the bench tools (Release) in --build (build/perf);
# 2. generates the customer file (--rows, default 1,000,000, 1% planted
#    list names) with gen_customers.py, in --build, never in the repo;
# 3. times `embargo screen` (both cores, default threshold, all default
#    lists) with hyperfine, --runs times, on the first --sample rows of that
#    file (default 100,000, to keep the script within about 15 minutes on a
#    shared machine; --sample 1000000 screens all of it);
# 4. measures recall on the first --recall-rows planted rows, and the alert
#    rate on the sample's other rows;
# 5. runs the peers: pg_trgm (private cluster in --build/pg, GIN trigram
#    index, threshold calibrated on the recall rows to reach embargo's
#    recall where it can) on the same sample, and the exhaustive
#    Jaro-Winkler scan on --jw-sample rows and --jw-recall planted rows;
# 6. writes --build/e2e/summary.json and prints a table.
# Bounded: about 10-15 minutes on 2 cores with the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

ROWS=1000000 SAMPLE=100000 RUNS=3 RECALL_ROWS=1000 JW_SAMPLE=300 JW_RECALL=200
BUILD=build/perf DEPS=1 BUILD_STEP=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift ;;
    --sample) SAMPLE=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --recall-rows) RECALL_ROWS=$2; shift ;;
    --jw-sample) JW_SAMPLE=$2; shift ;;
    --jw-recall) JW_RECALL=$2; shift ;;
    --build) BUILD=$2; shift ;;
    --no-deps) DEPS=0 ;;
    --no-build) BUILD_STEP=0 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
  shift
done
PY=/usr/bin/python3  # Debian's, with python3-psycopg2 and python3-jellyfish
CONF=$ROOT/config/default-lists.conf
OUT=$ROOT/$BUILD/e2e
mkdir -p "$OUT"
log() { echo "== $(date +%T) $*" >&2; }

[ "$DEPS" = 1 ] && bench/perf/deps.sh

if [ "$BUILD_STEP" = 1 ]; then
  log "build (Release) in $BUILD"
  cmake -S bench/perf -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j2 --target embargo embargo_export_names embargo_latency >/dev/null
fi
EMBARGO=$ROOT/$BUILD/embargo/apps/cli/embargo

CUST=$OUT/customers_${ROWS}.csv
PLANTED=$OUT/customers_${ROWS}.planted.tsv
if [ ! -s "$CUST" ] || [ ! -s "$PLANTED" ]; then
  log "generate $ROWS customer rows"
  $PY bench/perf/gen_customers.py --rows "$ROWS" --out "$CUST" --sidecar "$PLANTED"
fi
log "export the listed names"
"$BUILD/embargo_export_names" --lists-from "$CONF" >"$OUT/names.tsv" 2>/dev/null
LISTED=$(wc -l <"$OUT/names.tsv")

# The throughput sample (the file's first rows), and the recall rows (the
# first planted rows, in file order) with the first JW_RECALL of them.
head -n $((SAMPLE + 1)) "$CUST" >"$OUT/sample.csv"
head -n $((JW_SAMPLE + 1)) "$CUST" >"$OUT/jw_sample.csv"
awk -F'\t' -v n="$RECALL_ROWS" 'NR > 1 && NR <= n + 1 { print $1 }' "$PLANTED" \
  >"$OUT/recall_ids.txt"
awk -F, 'NR == FNR { want[$1] = 1; next } FNR == 1 || ($1 in want)' \
  "$OUT/recall_ids.txt" "$CUST" >"$OUT/recall.csv"
head -n $((JW_RECALL + 1)) "$OUT/recall.csv" >"$OUT/jw_recall.csv"
SAMPLE_ROWS=$(($(wc -l <"$OUT/sample.csv") - 1))
RECALL_N=$(($(wc -l <"$OUT/recall.csv") - 1))
recall() {  # results.jsonl [first N] -> JSON
  $PY bench/perf/recall.py --results "$1" --planted "$PLANTED" \
    --names "$OUT/names.tsv" ${2:+--first "$2"}
}

# The index is built once per list update (embargo index build), as in
# production; every screen run opens the snapshot. The build is timed too.
log "embargo index build"
IDX_T0=$(date +%s.%N)
"$EMBARGO" index build --lists-from "$CONF" --out "$OUT/lists.idx" 2>"$OUT/index_build.log"
IDX_T1=$(date +%s.%N)
echo "$IDX_T0 $IDX_T1" | awk '{printf "%.3f\n", $2 - $1}' >"$OUT/index_build_seconds.txt"

log "embargo screen: $RUNS runs on $SAMPLE_ROWS rows (load $(cut -d' ' -f1-3 /proc/loadavg))"
: >"$OUT/embargo_stderr.log"
hyperfine --runs "$RUNS" --warmup 0 --export-json "$OUT/embargo_hyperfine.json" \
  --style basic -i \
  "$EMBARGO screen $OUT/sample.csv --index $OUT/lists.idx --threads 2 --format jsonl --out $OUT/embargo_sample.jsonl 2>>$OUT/embargo_stderr.log" \
  >"$OUT/embargo_hyperfine.txt"
recall "$OUT/embargo_sample.jsonl" >"$OUT/embargo_sample_recall.json"

log "embargo screen: recall on $RECALL_N planted rows"
"$EMBARGO" screen "$OUT/recall.csv" --index "$OUT/lists.idx" --threads 2 \
  --format jsonl --out "$OUT/embargo_recall.jsonl" 2>"$OUT/embargo_recall.log" || true
recall "$OUT/embargo_recall.jsonl" >"$OUT/embargo_recall.json"
recall "$OUT/embargo_recall.jsonl" "$JW_RECALL" >"$OUT/embargo_jw_recall.json"
EMBARGO_RECALL=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["recall"])' "$OUT/embargo_recall.json")

log "pg_trgm: private cluster in $BUILD/pg"
PGDIR=$ROOT/$BUILD/pg
PGPORT=55432
bench/perf/pg_cluster.sh start "$PGDIR" "$PGPORT"
trap 'bench/perf/pg_cluster.sh stop "$PGDIR" || true' EXIT
pg() {  # customers.csv threshold out.jsonl [--reuse]
  $PY bench/perf/peer_pg_trgm.py --socket-dir "$PGDIR" --port "$PGPORT" \
    --names "$OUT/names.tsv" --customers "$1" --threshold "$2" --workers 2 \
    --out "$3" ${4:-}
}
# Calibration: the highest threshold whose recall reaches embargo's, else
# the one with the best recall.
: >"$OUT/pg_calibration.jsonl"
reuse=""
for t in 0.7 0.6 0.5 0.45 0.4 0.35 0.3; do
  pg "$OUT/recall.csv" "$t" "$OUT/pg_recall_$t.jsonl" $reuse >"$OUT/pg_recall_$t.run.json"
  reuse=--reuse
  r=$(recall "$OUT/pg_recall_$t.jsonl")
  $PY -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.loads(sys.argv[2]); a.update(recall=b["recall"], recall_strict=b["recall_strict"]); print(json.dumps(a))' \
    "$OUT/pg_recall_$t.run.json" "$r" >>"$OUT/pg_calibration.jsonl"
  log "pg_trgm threshold $t: recall $($PY -c 'import json,sys; print(json.loads(sys.argv[1])["recall"])' "$r")"
done
PG_T=$($PY - "$OUT/pg_calibration.jsonl" "$EMBARGO_RECALL" <<'EOF'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
target = float(sys.argv[2])
ok = [r for r in runs if r["recall"] >= target]
best = max(ok, key=lambda r: r["threshold"]) if ok else max(runs, key=lambda r: (r["recall"], r["threshold"]))
print(best["threshold"])
EOF
)
log "pg_trgm: $RUNS runs on $SAMPLE_ROWS rows at threshold $PG_T"
: >"$OUT/pg_runs.jsonl"
for i in $(seq "$RUNS"); do
  pg "$OUT/sample.csv" "$PG_T" "$OUT/pg_sample.jsonl" --reuse >>"$OUT/pg_runs.jsonl"
done
recall "$OUT/pg_sample.jsonl" >"$OUT/pg_sample_recall.json"
bench/perf/pg_cluster.sh stop "$PGDIR"
trap - EXIT

log "exhaustive Jaro-Winkler: $JW_SAMPLE rows, $JW_RECALL planted rows"
JW_T=0.85
$PY bench/perf/peer_jw_scan.py --names "$OUT/names.tsv" --customers "$OUT/jw_sample.csv" \
  --threshold $JW_T --workers 2 --out "$OUT/jw_sample.jsonl" >"$OUT/jw_sample.run.json"
$PY bench/perf/peer_jw_scan.py --names "$OUT/names.tsv" --customers "$OUT/jw_recall.csv" \
  --threshold $JW_T --workers 2 --out "$OUT/jw_recall.jsonl" >"$OUT/jw_recall.run.json"
recall "$OUT/jw_recall.jsonl" >"$OUT/jw_recall.json"
recall "$OUT/jw_sample.jsonl" >"$OUT/jw_sample_recall.json"

log "summary"
$PY - "$OUT" "$SAMPLE_ROWS" "$RECALL_N" "$JW_RECALL" "$LISTED" "$PG_T" "$JW_T" <<'EOF'
import json, re, statistics, sys
out, sample, recall_n, jw_recall, listed, pg_t, jw_t = sys.argv[1:]
sample, recall_n = int(sample), int(recall_n)
J = lambda name: json.load(open(f"{out}/{name}"))
hf = J("embargo_hyperfine.json")["results"][0]
walls = hf["times"]
# The screen phase alone (after load and index build), from embargo's own
# summary line of each run.
phase = [float(m) for m in re.findall(r"in ([0-9.]+)s \(", open(f"{out}/embargo_stderr.log").read())]
pg_runs = [json.loads(l) for l in open(f"{out}/pg_runs.jsonl")]
pg_wall = statistics.median(r["query_seconds"] for r in pg_runs)
jw = J("jw_sample.run.json")
e_wall = statistics.median(walls)
e_phase = statistics.median(phase) if phase else None
s = {
  "load_average": open("/proc/loadavg").read().split()[:3],
  "index_build_seconds": float(open(f"{out}/index_build_seconds.txt").read()),
  "listed_names": int(listed),
  "sample_rows": sample, "recall_rows": recall_n,
  "embargo": {
    "runs": len(walls), "wall_seconds": walls, "median_wall_seconds": e_wall,
    "names_per_second_end_to_end": sample / e_wall,
    "user_seconds_mean": hf["user"], "system_seconds_mean": hf["system"],
    "names_per_cpu_second": sample / (hf["user"] + hf["system"]),
    "screen_phase_seconds": phase,
    "names_per_second_screen_phase": sample / e_phase if e_phase else None,
    "recall": J("embargo_recall.json"), "recall_on_jw_rows": J("embargo_jw_recall.json"),
    "sample": J("embargo_sample_recall.json"),
  },
  "pg_trgm": {
    "threshold": float(pg_t), "runs": pg_runs,
    "median_query_seconds": pg_wall, "names_per_second": sample / pg_wall,
    "calibration": [json.loads(l) for l in open(f"{out}/pg_calibration.jsonl")],
    "recall": next(json.loads(l) for l in open(f"{out}/pg_calibration.jsonl")
                   if json.loads(l)["threshold"] == float(pg_t)),
    "sample": J("pg_sample_recall.json"),
  },
  "jaro_winkler_scan": {
    "threshold": float(jw_t), "run": jw, "names_per_second": jw["names_per_second"],
    "recall": J("jw_recall.json"), "sample": J("jw_sample_recall.json"),
  },
}
e = s["embargo"]
e["ratio_to_pg_trgm_end_to_end"] = e["names_per_second_end_to_end"] / s["pg_trgm"]["names_per_second"]
if e_phase:
  e["ratio_to_pg_trgm_screen_phase"] = e["names_per_second_screen_phase"] / s["pg_trgm"]["names_per_second"]
e["ratio_to_jw_scan_end_to_end"] = e["names_per_second_end_to_end"] / jw["names_per_second"]
json.dump(s, open(f"{out}/summary.json", "w"), indent=2)
pr = s["pg_trgm"]["recall"]
print(f"listed names: {listed}; sample rows: {sample}; load average: {' '.join(s['load_average'])}")
print(f"| engine | names/s | recall (planted rows) | alert rate, other rows | ratio embargo/peer |")
print(f"|---|---|---|---|---|")
print(f"| embargo screen, end to end (median of {len(walls)}) | {e['names_per_second_end_to_end']:.0f} "
      f"| {e['recall']['recall']:.3f} ({recall_n} rows) | {e['sample']['alert_rate_other_rows']:.4f} | 1 |")
if e_phase:
  print(f"| embargo screen, screen phase only | {e['names_per_second_screen_phase']:.0f} | | | |")
print(f"| pg_trgm, threshold {pg_t} (median of {len(pg_runs)}) | {s['pg_trgm']['names_per_second']:.0f} "
      f"| {pr['recall']:.3f} ({recall_n} rows) | {s['pg_trgm']['sample']['alert_rate_other_rows']:.4f} "
      f"| {e['ratio_to_pg_trgm_end_to_end']:.2f} |")
print(f"| Jaro-Winkler scan, threshold {jw_t} | {jw['names_per_second']:.1f} "
      f"| {s['jaro_winkler_scan']['recall']['recall']:.3f} ({jw_recall} rows; embargo on the same rows: "
      f"{e['recall_on_jw_rows']['recall']:.3f}) | {s['jaro_winkler_scan']['sample']['alert_rate_other_rows']:.4f} "
      f"| {e['ratio_to_jw_scan_end_to_end']:.0f} |")
EOF
