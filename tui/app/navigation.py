"""Navigation stops: what `n` and `p` step through.

A stop is one difference block (changed, moved, left-only, right-only). A run of consecutive
one-sided blocks of the same kind is ONE stop: a live blog that gained forty new posts shows them as
one "right only ×40" stop rather than forty presses of `n`; they are still all shown, with their
gutter markers, and `j`/`k` walk through them. Also where `:` goes (a difference by number, a line
of either document). Pure Python (no Textual).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from tui.engine.model import Block, BlockKind


@dataclass(frozen=True, slots=True)
class Stop:
    first: int  # block indices, inclusive
    last: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1


def build_stops(
    blocks: Sequence[Block], one_by_one: bool = False, keep: Container[int] | None = None
) -> list[Stop]:
    """The stops in reading order; `one_by_one`: every difference a stop of its own, runs too
    (a reviewer who entered a run, to mark its passages one at a time). `keep`: the differences
    a filter keeps (None: all); the others are passed over like equal passages, so a run holds
    only kept passages."""
    stops: list[Stop] = []
    for index, block in enumerate(blocks):
        if not block.is_difference or (keep is not None and index not in keep):
            continue
        one_sided = block.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY) and not one_by_one
        if stops and one_sided and stops[-1].last == index - 1 and blocks[index - 1].kind is block.kind:
            stops[-1] = Stop(stops[-1].first, index)
        else:
            stops.append(Stop(index, index))
    return stops


def stop_of_block(stops: Sequence[Stop], block_index: int) -> int | None:
    """Index of the stop containing `block_index`, if any (binary search: stops are sorted)."""
    lo, hi = 0, len(stops)
    while lo < hi:
        mid = (lo + hi) // 2
        if stops[mid].last < block_index:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(stops) and stops[lo].first <= block_index:
        return lo
    return None


def step(current: int | None, count: int, forward: bool, start_hint: int | None = None) -> tuple[int, bool]:
    """The next stop index from `current` and whether the step wrapped around the ends.

    With no current stop, `start_hint` (the first stop at or after the top of the view) is used.
    """
    if count <= 0:
        raise ValueError("no stops")
    if current is None:
        if start_hint is not None:
            if forward:
                return (start_hint % count), start_hint >= count
            return ((start_hint - 1) % count), start_hint - 1 < 0
        return (0, False) if forward else (count - 1, False)
    target = current + (1 if forward else -1)
    if target >= count:
        return 0, True
    if target < 0:
        return count - 1, True
    return target, False


@dataclass(frozen=True, slots=True)
class GoTo:
    """Where `:` goes: difference `number` (side None), or `number` a line of the left or right
    document (side "left" / "right")."""

    number: int
    side: str | None = None


_GOTO = re.compile(r"\s*(?:(?P<side>[lLrR])\s*)?(?P<number>\d{1,9})\s*")


def parse_goto(text: str) -> GoTo | None:
    """"7": difference 7; "l12" / "r12": line 12 of the left / right document; else None."""
    match = _GOTO.fullmatch(text)
    if match is None:
        return None
    side = match.group("side")
    return GoTo(int(match.group("number")), None if side is None else ("left" if side in "lL" else "right"))


def block_of_line(blocks: Sequence[Block], side: str, line: int) -> int | None:
    """The block showing `line` of the left or right document: the passage that holds it, else
    the first passage after it (a blank line between passages), else None (past the end)."""
    best: tuple[int, int] | None = None  # (start line, block) of the first passage after it
    for index, block in enumerate(blocks):
        for passage in block.left if side == "left" else block.right:
            if passage.start_line <= line <= passage.end_line:
                return index
            if passage.start_line > line and (best is None or passage.start_line < best[0]):
                best = (passage.start_line, index)
    return None if best is None else best[1]
