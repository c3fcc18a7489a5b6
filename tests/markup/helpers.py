"""Segment a small marked-up document and list its units as (first line, last line, kind)."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from tui.engine.model import Passage
from tui.engine.reading import make_document
from tui.engine.segment import segment

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def units_of(name: str, text: str, unit: str = "paragraph") -> list[tuple[int, int, str]]:
    return [(p.start_line, p.end_line, p.kind.value) for p in segment(make_document(name, text), unit)]


def document(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")


def check_passages(text: str, passages: list[Passage]) -> None:
    """What every segmentation guarantees: exact offsets, document order, no overlap, and every
    non-blank line inside a passage."""
    lines = text.split("\n")
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
    covered: set[int] = set()
    previous_end = -1
    for index, p in enumerate(passages):
        assert p.index == index
        assert text[p.start_offset:p.end_offset] == p.text
        assert p.text.strip(), f"blank passage at line {p.start_line}"
        assert p.start_offset > previous_end or index == 0
        assert 1 <= p.start_line <= p.end_line <= len(lines)
        assert p.start_line == bisect_right(starts, p.start_offset)
        assert p.end_line == bisect_right(starts, p.end_offset)
        covered.update(range(p.start_line, p.end_line + 1))
        previous_end = p.end_offset
    for number, line in enumerate(lines, start=1):
        if line.strip():
            assert number in covered, f"line {number} {line!r} is in no passage"
