#!/usr/bin/python3
"""Recall on the planted names, and the alert rate on the other rows.

Reads screening results as jsonl ({"id", "matches": [{"entity_id", ...}]},
the format of `embargo screen --format jsonl` and of the peers' scripts),
the planted rows sidecar of gen_customers.py, and the listed names
(embargo_export_names output). A planted row is found when its expected
entity is among the row's matches ("strict"), or, in the headline number,
when the expected entity or an entity of another list that carries the
same name is: OFAC's SDN list, the CSL and the national lists list the same
people, and the top 5 of a tie may hold any of them. "Same name" means
equal after case folding and dropping punctuation, token order ignored.

Prints one JSON object: planted rows screened, recall (both ways), recall
per variant, rows without a planted name and the share of them with any
match (alerts that are not planted names).
Usage: recall.py --results R.jsonl --planted P.tsv --names names.tsv [--first N]
"""

import argparse
import collections
import json
import re
import sys
import unicodedata


def name_key(name):
    s = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(sorted(re.findall(r"\w+", s)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--planted", required=True)
    ap.add_argument("--names", required=True)
    ap.add_argument("--first", type=int, default=0,
                    help="only the first N result rows (0: all)")
    args = ap.parse_args()

    entities_by_key = collections.defaultdict(set)
    keys_of_entity = collections.defaultdict(set)
    with open(args.names, encoding="utf-8") as f:
        for line in f:
            eid, _, name = line.rstrip("\n").split("\t", 2)
            k = name_key(name)
            if k:
                entities_by_key[k].add(eid)
                keys_of_entity[eid].add(k)

    planted = {}
    with open(args.planted, encoding="utf-8") as f:
        next(f)
        for line in f:
            rid, eid, variant, _ = line.rstrip("\n").split("\t", 3)
            planted[rid] = (eid, variant)

    n = strict = same = 0
    by_variant = collections.defaultdict(lambda: [0, 0])
    others = alerts = 0
    missed = []
    with open(args.results, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if args.first and i >= args.first:
                break
            r = json.loads(line)
            found = {m["entity_id"] for m in r.get("matches", [])}
            if r["id"] not in planted:
                others += 1
                alerts += bool(found)
                continue
            eid, variant = planted[r["id"]]
            accepted = {eid}
            for k in keys_of_entity.get(eid, ()):
                accepted |= entities_by_key[k]
            n += 1
            strict += eid in found
            hit = bool(found & accepted)
            same += hit
            by_variant[variant][0] += 1
            by_variant[variant][1] += hit
            if not hit and len(missed) < 20:
                missed.append(r["id"])
    out = {
        "planted_rows": n,
        "recall": round(same / n, 4) if n else None,
        "recall_strict": round(strict / n, 4) if n else None,
        "recall_by_variant": {v: {"rows": c[0], "recall": round(c[1] / c[0], 4)}
                              for v, c in sorted(by_variant.items())},
        "other_rows": others,
        "alert_rate_other_rows": round(alerts / others, 4) if others else None,
        "first_missed": missed,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
