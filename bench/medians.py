#!/usr/bin/env python3
"""Medians of runs of binaries compared in turn (bench/perf/paired.sh,
bench/server/cpu.sh).

Reads lines "round R BIN: V1 LABEL1, V2 LABEL2, ..." and prints, for each
binary in order of first appearance, "BIN: median V1 LABEL1, ...", then
for each binary after the first the median over rounds of its value
divided by the first binary's in the same round: on a machine whose speed
jumps between minutes (docs/performance.md, "Session 18"), the medians of
the runs depend on which rounds fell in a slow spell, their per-round
ratios much less.
"""
import collections
import statistics
import sys

values = collections.OrderedDict()
by_round = collections.defaultdict(dict)  # round -> binary -> label -> value
for line in open(sys.argv[1]):
    head, rest = line.rstrip("\n").split(": ", 1)
    _, round_, binary = head.split(" ", 2)
    for field in rest.split(", "):
        number, label = field.split(" ", 1)
        values.setdefault(binary, collections.OrderedDict()).setdefault(
            label, []).append(float(number))
        by_round[round_].setdefault(binary, {})[label] = float(number)
for binary, fields in values.items():
    print(binary + ": " + ", ".join(
        f"median {statistics.median(v):g} {label}"
        for label, v in fields.items()))
binaries = list(values)
for binary in binaries[1:]:
    ratios = []
    for label in values[binary]:
        r = [runs[binary][label] / runs[binaries[0]][label]
             for runs in by_round.values()
             if binary in runs and binaries[0] in runs
             and runs[binaries[0]].get(label)]
        if r:
            name = label[2:] if label.startswith("s ") else label
            ratios.append(f"{name} {statistics.median(r):.3f}")
    print(f"{binary} / {binaries[0]}, median of the rounds' ratios: " +
          ", ".join(ratios))
