#!/usr/bin/env python3
"""clang-tidy over embargo's sources, skipping what is known clean.

scripts/check's tidy stage calls this. A whole-tree run costs about 15
CPU-minutes (most of it matching the standard library's AST in every file),
more than CI's budget allows, so results are remembered by content:

  .clang-tidy-clean holds one line per source file, "<key> <path>", where the
  key hashes everything clang-tidy's verdict depends on: clang-tidy's version
  (less its "Host CPU" line, which names the machine), .clang-tidy, the
  file's compile command (paths made relative to the checkout) and the
  content of the file and of every header of ours it includes (the
  compiler's -MM list).

A file is checked again whenever its key is not in that list, so any change
to it, to a header it includes, to its flags or to the checks brings it back.
A clean run writes the keys of every clean file back to .clang-tidy-clean;
commit it with the change. --all ignores the list.

Usage: scripts/tidy.py BUILD_DIR [--jobs N] [--all]
Exit status: 0 clean, 1 findings (printed), 2 a tool failed to run.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

TIDY = "clang-tidy-14"
SOURCES = re.compile(r"(src|apps|tests|bench|reference)/.*\.cc$")
NOISE = re.compile(r"^(clang-tidy-14 |\d+ warnings? generated|Suppressed |"
                   r"Use -header-filter|Error while processing)")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def compile_args(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def without_output(args):
    """The compile command minus its output and dependency-file options."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD"):
            continue
        out.append(a)
    return out


def dependencies(entry, root):
    """The file and the non-system headers it includes, as checkout paths."""
    args = without_output(compile_args(entry)) + ["-MM", "-MF", "/dev/stdout"]
    run = subprocess.run(args, cwd=entry["directory"], capture_output=True,
                         text=True)
    if run.returncode != 0:
        raise RuntimeError(f"{entry['file']}: dependency scan failed:\n"
                           f"{run.stderr}")
    rule = run.stdout.replace("\\\n", " ")
    paths = rule.split(":", 1)[1].split()
    deps = set()
    for p in paths:
        p = os.path.realpath(os.path.join(entry["directory"], p))
        deps.add(p)
    return sorted(deps)


def key_of(entry, root, common):
    h = hashlib.sha256(common)
    args = " ".join(without_output(compile_args(entry)))
    h.update(args.replace(root, "@").encode())
    for dep in dependencies(entry, root):
        with open(dep, "rb") as f:
            h.update(f"\n{dep.replace(root, '@')} ".encode() + sha(f.read()).encode())
    return h.hexdigest()


def tidy(build, path):
    run = subprocess.run(
        [TIDY, "-p", build, "--quiet",
         # GCC-only warning flags in the compile commands are not
         # clang-tidy's concern; every check it runs is in .clang-tidy.
         "--extra-arg=-Wno-unknown-warning-option", path],
        capture_output=True, text=True)
    lines = [l for l in (run.stdout + run.stderr).splitlines()
             if not NOISE.match(l)]
    return run.returncode, "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--all", action="store_true")
    opts = parser.parse_args()

    root = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
    cache_path = os.path.join(root, ".clang-tidy-clean")
    build = os.path.realpath(opts.build)
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = [e for e in json.load(f)
                   if SOURCES.match(os.path.relpath(
                       os.path.realpath(e["file"]), root))]
    entries.sort(key=lambda e: e["file"])

    # "Host CPU:" names the machine, not the tool: with it, every file was
    # checked again whenever CI ran on another processor (about 14 minutes
    # of CI's 30).
    version = b"".join(
        l for l in subprocess.run([TIDY, "--version"], capture_output=True,
                                  check=True).stdout.splitlines(True)
        if b"Host CPU" not in l)
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        common = version + f.read()

    known = set()
    if os.path.exists(cache_path) and not opts.all:
        with open(cache_path) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    known.add(tuple(line.split()))

    try:
        with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
            keys = list(pool.map(lambda e: key_of(e, root, common), entries))
    except (RuntimeError, OSError) as e:
        print(f"scripts/tidy.py: {e}", file=sys.stderr)
        return 2

    # A source built by several targets (different flags) is checked once,
    # with all its compile commands (clang-tidy runs each): one key for all.
    by_file = {}
    for e, k in zip(entries, keys):
        by_file.setdefault(e["file"], []).append(k)
    files = sorted(by_file)
    rel = [os.path.relpath(os.path.realpath(f), root) for f in files]
    keys = [sha("".join(sorted(by_file[f])).encode()) for f in files]
    stale = [i for i in range(len(files)) if (keys[i], rel[i]) not in known]
    print(f"clang-tidy: {len(files)} files, {len(files) - len(stale)} "
          f"unchanged since their clean run, checking {len(stale)}", flush=True)

    clean = {(keys[i], rel[i]) for i in range(len(files))
             if (keys[i], rel[i]) in known}
    failed = []
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        runs = pool.map(lambda i: (i, tidy(build, files[i])), stale)
        for i, (status, output) in runs:
            if status == 0:
                clean.add((keys[i], rel[i]))
            else:
                failed.append(rel[i])
                print(output or f"{rel[i]}: clang-tidy exited {status}",
                      flush=True)

    with open(cache_path, "w") as f:
        f.write("# clang-tidy verdicts by content: written by scripts/tidy.py"
                " (scripts/check tidy).\n")
        for k, p in sorted(clean, key=lambda kp: (kp[1], kp[0])):
            f.write(f"{k} {p}\n")
    if failed:
        print(f"clang-tidy: findings in {len(failed)} files: "
              + " ".join(failed), file=sys.stderr)
        return 1
    print(f"clang-tidy: {len(files)} files clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
