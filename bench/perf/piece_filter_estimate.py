#!/usr/bin/env python3
"""How many joined word pairs a piece filter would let through.

An estimate behind docs/performance.md, "Session 28": a query's two words
spelled together ("johnsmith") are looked up for listed tokens within the
typo rule's two edits through 79 deletion variants, and 87% of those
lookups find nothing. A cheaper exact test would cut the query text into
pieces (five, as a transposition may touch two) and ask a filter whether
any listed token holds one of them within two places of its own. This
counts, over the listed names' lower-case Latin tokens and the joined
adjacent words of customer rows, how many pairs such filters pass.

  embargo_export_names --lists-from config/default-lists.conf > names.tsv
  bench/perf/gen_customers.py --rows 200000 --out c200k.csv
  bench/perf/piece_filter_estimate.py names.tsv c200k.csv [--rows 50000]
"""
import argparse
import csv
import re
import unicodedata


def tokens(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return [t for t in re.split(r"[^a-z]+", s) if t]


def pieces(t, k):
    n = len(t)
    return [(t[i * n // k:(i + 1) * n // k], i * n // k) for i in range(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("names")
    ap.add_argument("customers")
    ap.add_argument("--rows", type=int, default=50000)
    a = ap.parse_args()
    listed = set()
    with open(a.names, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 3:
                listed.update(tokens(p[2]))
    long_tokens = [t for t in listed if len(t) >= 5]
    by_place, by_place_len = set(), set()
    for t in long_tokens:
        for s in range(len(t)):
            for n in range(1, 7):
                if s + n <= len(t):
                    by_place.add((t[s:s + n], s))
                    by_place_len.add((t[s:s + n], s, len(t)))
    joined = []
    with open(a.customers, encoding="utf-8") as f:
        for k, row in enumerate(csv.DictReader(f)):
            if k >= a.rows:
                break
            w = tokens(row["name"])
            joined += [x + y for x, y in zip(w, w[1:]) if len(x + y) >= 8]

    def passes(q, k, with_len):
        for p, s in pieces(q, k):
            for d in range(-2, 3):
                if s + d < 0:
                    continue
                if not with_len and (p, s + d) in by_place:
                    return True
                if with_len and any((p, s + d, m) in by_place_len
                                    for m in range(len(q) - 2, len(q) + 3)):
                    return True
        return False

    print(f"listed tokens of 5+ letters: {len(long_tokens)}; joined pairs: "
          f"{len(joined)}, {sum(map(len, joined)) / len(joined):.1f} letters")
    for k, with_len in ((5, False), (5, True), (3, False)):
        n = sum(passes(q, k, with_len) for q in joined)
        print(f"{k} pieces{' and length' if with_len else ''}: "
              f"{n / len(joined):.1%} pass")


if __name__ == "__main__":
    main()
