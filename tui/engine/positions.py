"""Positions a reader can find in the original of a converted document (Document.source):
"paragraph 12" in a Word file, "page 3, line 14" in a PDF. Plain text files have none: their
line numbers are the positions."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from tui.engine.model import Document, Passage, Place

_SHORT_PREFIX = {"paragraph": "¶", "table": "T", "footnote": "fn", "endnote": "en", "page": "p"}
_SUB_NAME = {"table": "row", "page": "line"}


def place_at(doc: Document, offset: int) -> Place | None:
    """The place of the character at `offset` of a converted document; None for a text file."""
    source = doc.source
    if source is None or not source.starts:
        return None
    index = bisect_right(source.starts, offset) - 1
    return source.places[max(index, 0)]


def passage_place(doc: Document, passage: Passage) -> Place | None:
    return place_at(doc, passage.start_offset)


def passage_end_place(doc: Document, passage: Passage) -> Place | None:
    return place_at(doc, max(passage.start_offset, passage.end_offset - 1))


def short_label(place: Place) -> str:
    """For the gutter: "¶12", "T2r3", "fn4", "en1", "p3:14"."""
    prefix = _SHORT_PREFIX.get(place.kind, "")
    if place.sub is None:
        return f"{prefix}{place.number}"
    separator = "r" if place.kind == "table" else ":"
    return f"{prefix}{place.number}{separator}{place.sub}"


def long_label(place: Place) -> str:
    """For sentences: "paragraph 12", "table 2, row 3", "footnote 4", "page 3, line 14"."""
    text = f"{place.kind} {place.number}"
    if place.sub is not None:
        text += f", {_SUB_NAME.get(place.kind, 'part')} {place.sub}"
    return text


def place_json(place: Place) -> dict[str, int]:
    """{"paragraph": 12}, {"table": 2, "row": 3}, {"footnote": 4}, {"page": 3, "line": 14}."""
    out = {place.kind: place.number}
    if place.sub is not None:
        out[_SUB_NAME.get(place.kind, "part")] = place.sub
    return out


def span_label(doc: Document, first: Passage, last: Passage) -> str | None:
    """Where passages first..last are, in words ("paragraphs 3–5", "page 2, line 4 – page 3,
    line 1"); None for a text file (its line numbers say it)."""
    start, end = passage_place(doc, first), passage_end_place(doc, last)
    if start is None or end is None:
        return None
    if start == end:
        return long_label(start)
    if start.kind == end.kind == "paragraph":
        return f"paragraphs {start.number}–{end.number}"
    if start.kind == end.kind == "page" and start.number == end.number:
        return f"page {start.number}, lines {start.sub}–{end.sub}"
    return f"{long_label(start)} – {long_label(end)}"


def span_json(doc: Document, first: Passage, last: Passage) -> dict[str, Any]:
    """The JSON keys a converted document adds to a span: "position" and "end_position" (the
    places of its first and last characters); nothing for a text file."""
    start, end = passage_place(doc, first), passage_end_place(doc, last)
    if start is None or end is None:
        return {}
    return {"position": place_json(start), "end_position": place_json(end)}


def gutter_label(doc: Document, passage: Passage) -> str:
    """What the gutter shows by a passage: its line number, or its place in the original."""
    place = passage_place(doc, passage)
    return str(passage.start_line) if place is None else short_label(place)


def gutter_width(doc: Document) -> int:
    """The widest gutter label of `doc` (its last line number, or its widest place)."""
    source = doc.source
    if source is None or not source.places:
        return len(str(max(1, doc.line_count)))
    return max(len(short_label(place)) for place in source.places)


def where(doc: Document, passage: Passage) -> str:
    """"line 12" for a text file, the place in words for a converted document."""
    place = passage_place(doc, passage)
    return f"line {passage.start_line}" if place is None else long_label(place)


_VIEW_WORDS = {"accepted": "changes accepted", "original": "original, changes rejected",
               "article": "main text", "page": "whole page"}


def format_label(doc: Document) -> str | None:
    """"Word", "PDF", "Word, changes accepted", "HTML, whole page"...: None for a text file."""
    source = doc.source
    if source is None:
        return None
    if source.view is None:
        return source.name
    return f"{source.name}, {_VIEW_WORDS.get(source.view, source.view)}"
