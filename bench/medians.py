#!/usr/bin/env python3
"""Medians of runs of binaries compared in turn (bench/perf/paired.sh,
bench/server/cpu.sh).

Reads lines "round R BIN: V1 LABEL1, V2 LABEL2, ..." and prints, for each
binary in order of first appearance, "BIN: median V1 LABEL1, ...".
"""
import collections
import statistics
import sys

values = collections.OrderedDict()
for line in open(sys.argv[1]):
    head, rest = line.rstrip("\n").split(": ", 1)
    binary = head.split(" ", 2)[2]
    for field in rest.split(", "):
        number, label = field.split(" ", 1)
        values.setdefault(binary, collections.OrderedDict()).setdefault(
            label, []).append(float(number))
for binary, fields in values.items():
    print(binary + ": " + ", ".join(
        f"median {statistics.median(v):g} {label}"
        for label, v in fields.items()))
