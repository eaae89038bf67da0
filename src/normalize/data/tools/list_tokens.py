#!/usr/bin/env python3
"""Counts lowercase ASCII name tokens in official lists (UN XML name fields,
OFAC SDN/ALT CSV name columns). The other table generators use these counts
to prefer the spellings the lists themselves use. Not shipped: only counts.
Usage: list_tokens.py SHARED_DATA_DIR -> prints "token<TAB>count" lines."""
import csv
import collections
import re
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c)).lower()


def main():
    root = sys.argv[1]
    counts = collections.Counter()
    un = open(root + '/un_sc/2026-02-27/UN_consolidated.xml', encoding='utf-8').read()
    for m in re.finditer(r'<(FIRST_NAME|SECOND_NAME|THIRD_NAME|FOURTH_NAME|ALIAS_NAME)>([^<]*)<', un):
        for t in re.findall(r"[a-z]+", fold(m.group(2)).replace("'", '')):
            counts[t] += 1
    for path, col in ((root + '/ofac_sdn/2024-05-03/sdn.csv', 1),
                      (root + '/ofac_sdn/2025-12-24_partial/alt.csv', 3)):
        with open(path, encoding='utf-8', errors='replace') as f:
            for row in csv.reader(f):
                if len(row) > col:
                    for t in re.findall(r"[a-z]+", fold(row[col]).replace("'", '')):
                        counts[t] += 1
    for t, n in counts.most_common():
        print('%s\t%d' % (t, n))


if __name__ == '__main__':
    main()
