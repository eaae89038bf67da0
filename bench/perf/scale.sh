#!/usr/bin/env bash
# Cost against list size: synthetic FtM lists of 100k, 1M and 10M names
# (gen_ftm_lists.py, fixed seed, written to --build/scale), and for each:
#   - load and index build seconds, resident memory after each, bytes per
#     indexed name, and single-threaded Search() latency p50/p99 over
#     --queries customer names (embargo_latency, in one process);
#   - peak RSS of that process (/usr/bin/time -v);
#   - `embargo screen` throughput on --screen-rows customer rows, both
#     cores (the screen phase from embargo's summary line, and wall time).
# A size that runs out of memory or time is recorded as such (exit status,
# elapsed time, peak RSS, how far it got), not dropped; its screen run is
# skipped. Each run's address space is capped (--mem-cap, default 18 GiB
# of the machine's 24) so that a list too big fails alone, with bad_alloc,
# instead of waking the kernel's OOM killer among other work. Writes --build/scale/results.jsonl,
# a markdown table (results.md) and docs/performance_scale.png (gnuplot).
#
#   bench/perf/scale.sh [--sizes "100000 1000000 10000000"] [--queries N]
#       [--screen-rows N] [--max-seconds S] [--timeout S] [--mem-cap GIB]
#       [--build DIR]
#       [--no-deps] [--no-build]  (--no-build: use the binaries in --build)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

SIZES="100000 1000000 10000000" QUERIES=10000 SCREEN_ROWS=2000 MAX_SECONDS=300
TIMEOUT=2400 MEM_CAP=18 BUILD=build/perf DEPS=1 BUILD_STEP=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift ;;
    --queries) QUERIES=$2; shift ;;
    --screen-rows) SCREEN_ROWS=$2; shift ;;
    --max-seconds) MAX_SECONDS=$2; shift ;;
    --timeout) TIMEOUT=$2; shift ;;
    --mem-cap) MEM_CAP=$2; shift ;;
    --build) BUILD=$2; shift ;;
    --no-deps) DEPS=0 ;;
    --no-build) BUILD_STEP=0 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
  shift
done
PY=/usr/bin/python3
OUT=$ROOT/$BUILD/scale
mkdir -p "$OUT"
log() { echo "== $(date +%T) $*" >&2; }

[ "$DEPS" = 1 ] && bench/perf/deps.sh
if [ "$BUILD_STEP" = 1 ]; then
  log "build (Release) in $BUILD"
  cmake -S bench/perf -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j2 --target embargo embargo_latency >/dev/null
fi
EMBARGO=$ROOT/$BUILD/embargo/apps/cli/embargo
LATENCY=$ROOT/$BUILD/embargo_latency

# Queries: customers from the same name distributions, none planted.
if [ ! -s "$OUT/queries.csv" ]; then
  $PY bench/perf/gen_customers.py --rows "$QUERIES" --planted-fraction 0 \
    --seed 99 --out "$OUT/queries.csv" --sidecar "$OUT/queries.planted.tsv"
fi
head -n $((SCREEN_ROWS + 1)) "$OUT/queries.csv" >"$OUT/screen.csv"

# "key: value" of GNU time's -v report.
tv() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }

for n in $SIZES; do
  list=$OUT/list_$n.ftm.json
  if [ ! -s "$list" ]; then
    log "generate $n names"
    $PY bench/perf/gen_ftm_lists.py --names "$n" --out "$list"
  fi
  # A list file may hold at most kMaxListFileBytes (1 GiB): bigger ones are
  # split at line boundaries into parts loaded as lists of their own.
  specs=(--list "ftm:$list")
  parts=$(( $(stat -c %s "$list") / (900 * 1024 * 1024) + 1 ))
  if [ "$parts" -gt 1 ]; then
    rm -f "$OUT"/list_"$n"_part*.ftm.json
    split -n "l/$parts" -d --additional-suffix=.ftm.json "$list" \
      "$OUT/list_${n}_part"
    specs=()
    for p in "$OUT"/list_"$n"_part*.ftm.json; do specs+=(--list "ftm:$p"); done
  fi
  log "$n names: load, build, $QUERIES queries (load $(cut -d' ' -f1-3 /proc/loadavg))"
  set +e
  capped() { (ulimit -v $((MEM_CAP * 1024 * 1024)); "$@"); }
  capped timeout "$TIMEOUT" /usr/bin/time -v -o "$OUT/latency_$n.time" \
    "$LATENCY" "${specs[@]}" --queries "$OUT/queries.csv" --count "$QUERIES" \
    --max-seconds "$MAX_SECONDS" >"$OUT/latency_$n.json" 2>"$OUT/latency_$n.err"
  lat_rc=$?
  if [ "$lat_rc" = 0 ]; then
    log "$n names: screen $SCREEN_ROWS rows on 2 threads"
    capped timeout "$TIMEOUT" /usr/bin/time -v -o "$OUT/screen_$n.time" \
      "$EMBARGO" screen "$OUT/screen.csv" "${specs[@]}" --threads 2 \
      --format jsonl --out "$OUT/screen_$n.jsonl" 2>"$OUT/screen_$n.err"
    scr_rc=$?
  else
    log "$n names: latency run failed (exit $lat_rc): screen run skipped"
    rm -f "$OUT/screen_$n.time"
    echo "skipped: the latency run failed" >"$OUT/screen_$n.err"
    scr_rc=-1
  fi
  set -e
  $PY - "$n" "$lat_rc" "$scr_rc" "$OUT" "$SCREEN_ROWS" <<'EOF' >>"$OUT/results.jsonl"
import json, re, sys
n, lat_rc, scr_rc, out, screen_rows = sys.argv[1:]
def tv(path):
    d = {}
    try:
        for line in open(path):
            if ":" in line:
                k, v = line.strip().rsplit(": ", 1) if ": " in line else (line, "")
                d[k.strip()] = v.strip()
    except FileNotFoundError:
        pass
    return d
def secs(s):
    parts = [float(p) for p in s.split(":")] if s else [0]
    t = 0
    for p in parts:
        t = t * 60 + p
    return t
r = {"names": int(n), "latency_exit": int(lat_rc), "screen_exit": int(scr_rc)}
lt = tv(f"{out}/latency_{n}.time")
r["latency_process"] = {
    "elapsed_seconds": secs(lt.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "")),
    "peak_rss_bytes": int(lt.get("Maximum resident set size (kbytes)", 0)) * 1024,
}
try:
    r.update(json.loads(open(f"{out}/latency_{n}.json").read()))
except (ValueError, FileNotFoundError):
    r["latency_error"] = open(f"{out}/latency_{n}.err").read()[-500:]
r["latency_progress"] = [l for l in open(f"{out}/latency_{n}.err").read().splitlines()
                         if l.startswith(("loaded", "index built"))]
st = tv(f"{out}/screen_{n}.time")
r["screen_process"] = {
    "elapsed_seconds": secs(st.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "")),
    "peak_rss_bytes": int(st.get("Maximum resident set size (kbytes)", 0)) * 1024,
}
err = open(f"{out}/screen_{n}.err").read()
m = re.search(r"screened (\d+) rows: (\d+) with hits.* in ([0-9.]+)s", err)
if m:
    rows, hits, s = int(m.group(1)), int(m.group(2)), float(m.group(3))
    r["screen_rows"], r["screen_rows_with_hits"], r["screen_phase_seconds"] = rows, hits, s
    r["screen_names_per_second"] = rows / s if s else None
    r["screen_names_per_second_end_to_end"] = rows / r["screen_process"]["elapsed_seconds"]
else:
    r["screen_error"] = err[-500:]
print(json.dumps(r))
EOF
  log "$n names: $(tail -1 "$OUT/results.jsonl" | cut -c1-300)"
done

log "table and plot"
$PY - "$OUT/results.jsonl" "$OUT/results.md" "$OUT/plot.dat" <<'EOF'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows[r["names"]] = r  # the latest run of each size
def f(v, fmt):
    return (fmt % v) if v is not None else "-"
with open(sys.argv[2], "w") as md, open(sys.argv[3], "w") as dat:
    md.write("| listed names | indexed names | load s (CPU / wall) | index build s (CPU / wall) "
             "| peak RSS GiB | index bytes/name (arrays) | RSS growth bytes/name (index build) | total bytes/name | Search p50 ms (CPU / wall) "
             "| Search p99 ms (CPU / wall) | queries | screen names/s (phase, 2 threads) | status |\n")
    md.write("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
    dat.write("# names build_cpu_s peak_rss_gib index_bytes_per_name p50_cpu_ms p99_cpu_ms "
              "screen_names_per_s p50_wall_ms p99_wall_ms\n")
    for n in sorted(rows):
        r = rows[n]
        ok = "indexed_names" in r
        lat, cpu = r.get("latency_us", {}), r.get("cpu_latency_us", {})
        peak = r["latency_process"]["peak_rss_bytes"] / 2**30
        if r["latency_exit"] == 0 and r["screen_exit"] in (0, 1):
            status = "ok"
        else:
            prog = "; ".join(r.get("latency_progress", [])) or "nothing loaded"
            status = (f"failed: latency run exit {r['latency_exit']} after "
                      f"{r['latency_process']['elapsed_seconds']:.0f}s wall ({prog})")
        ms = lambda d, k: d[k] / 1000 if ok and k in d else None
        md.write(f"| {n:,} | {r.get('indexed_names', '-')} "
                 f"| {f(r.get('load_cpu_seconds'), '%.1f')} / {f(r.get('load_seconds'), '%.1f')} "
                 f"| {f(r.get('build_cpu_seconds'), '%.1f')} / {f(r.get('build_seconds'), '%.1f')} "
                 f"| {peak:.2f} | {f(r.get('index_array_bytes_per_name'), '%.0f')} "
                 f"| {f(r.get('index_bytes_per_name'), '%.0f')} "
                 f"| {f(r.get('total_bytes_per_name'), '%.0f')} "
                 f"| {f(ms(cpu, 'p50'), '%.2f')} / {f(ms(lat, 'p50'), '%.2f')} "
                 f"| {f(ms(cpu, 'p99'), '%.2f')} / {f(ms(lat, 'p99'), '%.2f')} "
                 f"| {r.get('queries', '-')} | {f(r.get('screen_names_per_second'), '%.0f')} | {status} |\n")
        if ok:
            dat.write(f"{n} {r['build_cpu_seconds']:.3f} {peak:.3f} "
                      f"{r.get('index_array_bytes_per_name', r['index_bytes_per_name']):.1f} "
                      f"{cpu['p50'] / 1000:.3f} {cpu['p99'] / 1000:.3f} "
                      f"{r.get('screen_names_per_second') or 0:.1f} {lat['p50'] / 1000:.3f} "
                      f"{lat['p99'] / 1000:.3f}\n")
EOF
cat "$OUT/results.md"
mkdir -p "$ROOT/docs"
gnuplot <<EOF
set terminal pngcairo size 1200,800 font "DejaVu Sans,10"
set output "$ROOT/docs/performance_scale.png"
set multiplot layout 2,2 title "embargo: cost against list size (synthetic FtM lists; CPU times, 2-core shared machine)"
set logscale x
set format x "%.0s%c"
set xlabel "listed names"
set grid
set key top left
set title "index build time (CPU)"
set ylabel "seconds"
plot "$OUT/plot.dat" using 1:2 with linespoints lw 2 pt 7 title "build"
set title "memory"
set ylabel "bytes per indexed name"
set y2label "peak RSS (GiB)"
set y2tics
set yrange [0:*]
plot "$OUT/plot.dat" using 1:4 with linespoints lw 2 pt 7 title "index bytes/name", \
     "" using 1:3 axes x1y2 with linespoints lw 2 pt 5 title "peak RSS GiB", \
     200 with lines dt 2 title "target 200 B/name"
unset y2tics
unset y2label
set autoscale y
set title "Search() latency, single thread"
set ylabel "milliseconds"
set logscale y
plot "$OUT/plot.dat" using 1:5 with linespoints lw 2 pt 7 title "p50 (CPU)", \
     "" using 1:6 with linespoints lw 2 pt 5 title "p99 (CPU)", \
     "" using 1:9 with linespoints lw 1 dt 3 pt 5 title "p99 (wall)", \
     1 with lines dt 2 title "target p99 1 ms"
unset logscale y
set title "screening throughput, 2 threads"
set ylabel "names/s"
set yrange [0:*]
plot "$OUT/plot.dat" using 1:7 with linespoints lw 2 pt 7 title "screen phase"
unset multiplot
EOF
log "wrote $OUT/results.md and docs/performance_scale.png"
