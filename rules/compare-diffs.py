#!/usr/bin/env python3
"""Compares two multi-file unified diffs (rcocci's and spatch's) file by file.

Headers differ between the tools (rcocci: a/PATH b/PATH; spatch: PATH and a temporary file),
so files are keyed by the path in the '---' line with a leading 'a/' removed, and only the
hunks are compared.
"""
import sys


def split(path):
    files = {}
    current = None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            name = line[4:].split("\t")[0]
            if name.startswith(("a/", "b/")):
                name = name[2:]
            current = name
            files[current] = []
            i += 2
            continue
        if current is not None and (line.startswith(("@@", " ", "+", "-", "\\")) or line == ""):
            files[current].append(line)
        i += 1
    return {k: "\n".join(v).rstrip("\n") for k, v in files.items()}


def main():
    ours, theirs = split(sys.argv[1]), split(sys.argv[2])
    both = sorted(set(ours) & set(theirs))
    same = [f for f in both if ours[f] == theirs[f]]
    differ = [f for f in both if ours[f] != theirs[f]]
    only_ours = sorted(set(ours) - set(theirs))
    only_theirs = sorted(set(theirs) - set(ours))
    hunks = lambda d: sum(v.count("\n@@") + v.startswith("@@") for v in d.values())
    print(f"files changed: rcocci {len(ours)} ({hunks(ours)} hunks), "
          f"spatch {len(theirs)} ({hunks(theirs)} hunks)")
    print(f"identical file diffs: {len(same)}; both changed, diffs differ: {len(differ)}; "
          f"only rcocci: {len(only_ours)}; only spatch: {len(only_theirs)}")
    for title, names in (("differ", differ), ("only rcocci", only_ours),
                         ("only spatch", only_theirs)):
        for name in names:
            print(f"  {title}: {name}")


if __name__ == "__main__":
    main()
