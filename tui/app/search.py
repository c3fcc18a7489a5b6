"""Search both documents: case-insensitive literal matches in the displayed text of every
passage, in display order (block by block, left side before right). Pure Python (no Textual).

The right side of an equal pair holds the same words as its left side: its matches are marked but
not stepped through (n/N would visit the same words twice, and the stacked view shows such a
pair once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.app.layout import LEFT, RIGHT, TextStore
from tui.engine.model import Block, BlockKind

MAX_MATCHES = 100_000  # a one-letter query in a 2 MB file should not build millions of marks


@dataclass(frozen=True, slots=True)
class Match:
    block: int
    side: int
    pos: int  # passage position within the block's side
    start: int  # display offsets in that passage
    end: int
    navigable: bool = True  # False: the right side of an equal pair (marked, not stepped to)


def find_matches(blocks: Sequence[Block], texts: TextStore, query: str) -> list[Match]:
    needle = " ".join(query.split())  # the display text has single spaces at line breaks
    if not needle:
        return []
    lowered = needle.lower()
    matches: list[Match] = []
    for index, block in enumerate(blocks):
        plain_equal = block.kind is BlockKind.EQUAL and not block.moved and not block.typographic_only
        for side, passages in ((LEFT, block.left), (RIGHT, block.right)):
            navigable = not (plain_equal and side == RIGHT)
            for pos, passage in enumerate(passages):
                text = texts.get(side, passage).text
                hay, wanted = text.lower(), lowered
                if len(hay) != len(text):  # lower-casing changed lengths: offsets would drift
                    hay, wanted = text, needle
                start = hay.find(wanted)
                while start != -1:
                    matches.append(Match(index, side, pos, start, start + len(wanted), navigable))
                    if len(matches) >= MAX_MATCHES:
                        return matches
                    start = hay.find(wanted, start + len(wanted))
    return matches


def match_marks(matches: Sequence[Match]) -> dict[tuple[int, int, int], list[tuple[int, int]]]:
    marks: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for m in matches:
        marks.setdefault((m.block, m.side, m.pos), []).append((m.start, m.end))
    return marks
