#!/usr/bin/python3
"""The exhaustive peer: Jaro-Winkler (jellyfish, C implementation) of each
customer name against every listed name, no index.

Both sides are folded the same simple way (NFKD, combining marks dropped,
case folded, punctuation to spaces, whitespace collapsed); non-Latin
scripts are left as they are, which is what a plain string scan can do.
Each entity scores its best name; the top 5 entities at or above
--threshold are kept. One process per worker, each over its share of the
rows. Writes embargo's jsonl shape and prints a JSON summary with names/s.
Usage: peer_jw_scan.py --names names.tsv --customers C.csv --threshold T
         --workers 2 --out OUT.jsonl
"""

import argparse
import csv
import json
import multiprocessing
import re
import sys
import time
import unicodedata
import warnings

import jellyfish

warnings.filterwarnings("ignore", category=DeprecationWarning)

_NAMES = []  # (entity_id, folded name), set in each worker


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def init(names):
    global _NAMES
    _NAMES = names


def screen(job):
    rows, threshold = job
    jw = jellyfish.jaro_winkler_similarity
    out = []
    for rid, name in rows:
        q = fold(name)
        best = {}
        for eid, listed in _NAMES:
            s = jw(q, listed)
            if s >= threshold and s > best.get(eid, 0.0):
                best[eid] = s
        top = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        out.append((rid, top))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", required=True)
    ap.add_argument("--customers", required=True)
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    names = []
    with open(args.names, encoding="utf-8") as f:
        for line in f:
            eid, _, name = line.rstrip("\n").split("\t", 2)
            folded = fold(name)
            if folded:
                names.append((eid, folded))
    with open(args.customers, encoding="utf-8", newline="") as f:
        rows = [(r["id"], r["name"]) for r in csv.DictReader(f)]
    chunk = max(1, len(rows) // (args.workers * 8))
    jobs = [(rows[i:i + chunk], args.threshold) for i in range(0, len(rows), chunk)]
    t = time.monotonic()
    with multiprocessing.Pool(args.workers, initializer=init, initargs=(names,)) as pool:
        results = pool.map(screen, jobs)
    wall = time.monotonic() - t
    hits = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for part in results:
            for rid, top in part:
                hits += bool(top)
                out.write(json.dumps({"id": rid, "matches": [
                    {"entity_id": e, "score": round(s, 4)} for e, s in top]}) + "\n")
    print(json.dumps({
        "listed_names": len(names), "customers": len(rows),
        "threshold": args.threshold, "workers": args.workers,
        "query_seconds": wall, "names_per_second": len(rows) / wall if wall else 0,
        "rows_with_hits": hits,
    }))


if __name__ == "__main__":
    sys.exit(main())
