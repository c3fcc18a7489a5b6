"""A plain difflib-based aligner: the peer diptych is measured against.

It is what a careful person would write with the standard library: `SequenceMatcher` over the
passages (whitespace-collapsed, so rewrapping is equal), then inside each replaced region the
pairing `difflib.Differ` uses — repeatedly pair the most similar two passages (character
`ratio()`), at or above a cutoff, and recurse on the parts before and after. It cannot see moves
or splits: a passage pairs only inside the region where it was replaced.

`python -m tui.evaluation.peers LEFT RIGHT` prints its pairs as JSON (used by the benchmark).
"""

from __future__ import annotations

import json
import sys
from difflib import SequenceMatcher

from tui.engine.normalize import collapse_whitespace

CUTOFF = 0.5  # the same default threshold as diptych's


def difflib_align(left: list[str], right: list[str], cutoff: float = CUTOFF) -> list[tuple[int, int]]:
    """Pairs (left index, right index) of passages."""
    a = [collapse_whitespace(t) for t in left]
    b = [collapse_whitespace(t) for t in right]
    pairs: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "replace":
            pairs.extend(_fancy_pairs(a, i1, i2, b, j1, j2, cutoff))
    pairs.sort()
    return pairs


def _fancy_pairs(
    a: list[str], i1: int, i2: int, b: list[str], j1: int, j2: int, cutoff: float
) -> list[tuple[int, int]]:
    """Differ._fancy_replace's pairing, iterative (regions can be long)."""
    out: list[tuple[int, int]] = []
    stack = [(i1, i2, j1, j2)]
    sm = SequenceMatcher(None, autojunk=False)
    while stack:
        lo_i, hi_i, lo_j, hi_j = stack.pop()
        if lo_i >= hi_i or lo_j >= hi_j:
            continue
        best, best_i, best_j = cutoff - 1e-9, -1, -1
        for j in range(lo_j, hi_j):
            sm.set_seq2(b[j])
            for i in range(lo_i, hi_i):
                sm.set_seq1(a[i])
                if sm.real_quick_ratio() > best and sm.quick_ratio() > best and (r := sm.ratio()) > best:
                    best, best_i, best_j = r, i, j
        if best_i < 0:
            continue
        out.append((best_i, best_j))
        stack.append((lo_i, best_i, lo_j, best_j))
        stack.append((best_i + 1, hi_i, best_j + 1, hi_j))
    return out


def main(argv: list[str] | None = None) -> int:
    from tui.engine.reading import read_document
    from tui.engine.segment import segment

    args = sys.argv[1:] if argv is None else argv
    unit = "paragraph"
    if args and args[0].startswith("--unit="):
        unit = args.pop(0).split("=", 1)[1]
    left_units = segment(read_document(args[0]), unit)
    right_units = segment(read_document(args[1]), unit)
    pairs = difflib_align([u.text for u in left_units], [u.text for u in right_units])
    json.dump([[left_units[i].start_line, right_units[j].start_line] for i, j in pairs], sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
