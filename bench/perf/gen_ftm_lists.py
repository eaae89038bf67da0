#!/usr/bin/env python3
"""Deterministic synthetic sanctions lists, in FollowTheMoney JSON lines, for
the scale measurements (bench/perf/scale.sh, docs/performance.md "Scale").

Writes entities until --names names are written: people (88%) and
companies (12%), drawn from the same name-part distributions as the
customer generator (gen_customers.py: many cultures and scripts), each with
a primary name and, for half of them, one to three aliases made the way
lists make them (another order, a dropped middle name, a spelling variant,
"LAST, First"). People get a birth date and a nationality. Only python3's
standard library; the same seed gives the same bytes. Output belongs in
build/, never in the repository.

Usage: gen_ftm_lists.py --names N --out build/perf/scale/list_N.ftm.json
           [--seed S]
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_customers as gc  # noqa: E402  (the name pools and generator)


def aliases(name, kind, rng):
    tokens = name.split()
    out = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        u = rng.random()
        if kind == "person" and len(tokens) >= 2 and u < 0.3:
            out.append(f"{tokens[-1].upper()}, {' '.join(tokens[:-1])}")
        elif kind == "person" and len(tokens) >= 3 and u < 0.5:
            out.append(" ".join(tokens[:1] + tokens[2:]))
        else:
            idx = [i for i, t in enumerate(tokens) if len(t) >= 5]
            if not idx:
                continue
            i = rng.choice(idx)
            out.append(" ".join(tokens[:i] + [gc.typo(tokens[i], rng)] + tokens[i + 1:]))
    return [a for a in dict.fromkeys(out) if a != name]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--names", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--data", default=gc.DEFAULT_DATA)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    gen = gc.Generator(gc.Pools(args.data), rng)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    written = entities = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < args.names:
            name, kind, birth, country = gen.person_or_company()
            names = [name] + aliases(name, kind, rng) if rng.random() < 0.5 else [name]
            names = names[:args.names - written]
            props = {"name": names}
            if kind == "person":
                if birth:
                    props["birthDate"] = [birth]
                props["nationality"] = [country.lower()]
            else:
                props["country"] = [country.lower()]
            entities += 1
            out.write(json.dumps({
                "id": f"syn-{entities}", "schema": "Person" if kind == "person" else "Company",
                "caption": name, "properties": props, "datasets": ["synthetic"],
            }, ensure_ascii=False) + "\n")
            written += len(names)
    print(f"wrote {entities} entities, {written} names to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
