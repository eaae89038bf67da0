#!/usr/bin/python3
"""The PostgreSQL pg_trgm peer: the top 5 entities by trigram similarity per customer name.

Loads the listed names (embargo_export_names output: entity_id, list, name)
into a table with a GIN trigram index (gin_trgm_ops), loads the customers
into a table, then screens them server-side, one connection per worker,
each over its share of the rows:

  SELECT c.id, m.entity_id, m.sim FROM customers c CROSS JOIN LATERAL (
    SELECT entity_id, max(similarity(name, c.name)) AS sim FROM listed
    WHERE name % c.name GROUP BY entity_id ORDER BY sim DESC LIMIT 5) m
  WHERE c.row % W = w

with pg_trgm.similarity_threshold = --threshold. Running the loop inside the
server (instead of one client round trip per name) is the fastest way to
use pg_trgm here and leaves the comparison about the matching itself.
Writes results as embargo's jsonl ({"id","matches":[{"entity_id","score"}]})
and prints a JSON summary: load, index and query seconds, names/s.

The cluster must be running already (e2e.sh starts a private one).
Usage: peer_pg_trgm.py --socket-dir DIR --port P --names names.tsv
         --customers customers.csv --threshold T --workers 2 --out OUT.jsonl
         [--reuse]   (keep the listed table if it is loaded already)
"""

import argparse
import csv
import io
import json
import multiprocessing
import os
import sys
import time

import psycopg2


def connect(args):
    return psycopg2.connect(host=os.path.abspath(args.socket_dir), port=args.port,
                            dbname="postgres", user="postgres")


def load(args):
    conn = connect(args)
    conn.autocommit = True
    cur = conn.cursor()
    out = {}
    cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    cur.execute("SELECT to_regclass('listed') IS NOT NULL")
    have = cur.fetchone()[0]
    if not (have and args.reuse):
        t = time.monotonic()
        cur.execute("DROP TABLE IF EXISTS listed")
        cur.execute("CREATE TABLE listed (entity_id text, list text, name text)")
        with open(args.names, encoding="utf-8") as f:
            cur.copy_expert("COPY listed FROM STDIN WITH (FORMAT text)",
                            io.StringIO(f.read().replace("\\", "\\\\")))
        out["load_listed_seconds"] = time.monotonic() - t
        t = time.monotonic()
        cur.execute("CREATE INDEX listed_trgm ON listed USING gin (name gin_trgm_ops)")
        cur.execute("ANALYZE listed")
        out["index_build_seconds"] = time.monotonic() - t
    cur.execute("SELECT count(*) FROM listed")
    out["listed_names"] = cur.fetchone()[0]
    t = time.monotonic()
    cur.execute("DROP TABLE IF EXISTS customers")
    cur.execute("CREATE TABLE customers (row int, id text, name text)")
    buf = io.StringIO()
    with open(args.customers, encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            name = r["name"].replace("\\", "\\\\").replace("\t", " ")
            buf.write(f"{i}\t{r['id']}\t{name}\n")
    buf.seek(0)
    cur.copy_expert("COPY customers FROM STDIN WITH (FORMAT text)", buf)
    cur.execute("ANALYZE customers")
    cur.execute("SELECT count(*) FROM customers")
    out["customers"] = cur.fetchone()[0]
    out["load_customers_seconds"] = time.monotonic() - t
    conn.close()
    return out


QUERY = """
SELECT c.row, c.id, m.entity_id, m.sim FROM customers c CROSS JOIN LATERAL (
  SELECT entity_id, max(similarity(l.name, c.name)) AS sim FROM listed l
  WHERE l.name %% c.name GROUP BY entity_id ORDER BY sim DESC, entity_id
  LIMIT 5) m
WHERE c.row %% %s = %s
"""


def work(job):
    args, w = job
    conn = connect(args)
    cur = conn.cursor()
    cur.execute("SET pg_trgm.similarity_threshold = %s", (args.threshold,))
    cur.execute("SET max_parallel_workers_per_gather = 0")
    t = time.monotonic()
    cur.execute(QUERY, (args.workers, w))
    rows = cur.fetchall()
    elapsed = time.monotonic() - t
    conn.close()
    return elapsed, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--socket-dir", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--names", required=True)
    ap.add_argument("--customers", required=True)
    ap.add_argument("--threshold", type=float, required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reuse", action="store_true")
    args = ap.parse_args()

    summary = load(args)
    t = time.monotonic()
    with multiprocessing.Pool(args.workers) as pool:
        results = pool.map(work, [(args, w) for w in range(args.workers)])
    wall = time.monotonic() - t
    matches = {}
    for _, rows in results:
        for row, cid, eid, sim in rows:
            matches.setdefault(cid, []).append((sim, eid))
    with open(args.out, "w", encoding="utf-8") as out, \
            open(args.customers, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            ms = sorted(matches.get(r["id"], []), key=lambda m: (-m[0], m[1]))
            out.write(json.dumps({"id": r["id"], "matches": [
                {"entity_id": e, "score": round(s, 4)} for s, e in ms]}) + "\n")
    n = summary["customers"]
    summary.update({
        "threshold": args.threshold, "workers": args.workers,
        "query_seconds": wall, "names_per_second": n / wall if wall else 0,
        "rows_with_hits": len(matches),
    })
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
