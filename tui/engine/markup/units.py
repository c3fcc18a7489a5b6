"""From the line ranges a markup reader found to the engine's passages.

Each reader (markdown.py, rst.py, asciidoc.py) says which lines make one unit and what kind of
unit it is; this module makes the passages exactly as segment.py does (offsets into the text,
1-based inclusive lines, prose stripped of its leading and trailing space, preformatted text
keeping its first line's indentation) and guarantees what every segmentation guarantees: every
non-blank line lies in exactly one passage, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from tui.engine.model import Document, Passage, UnitKind


class TooLarge(Exception):
    """The document is too large for this reader to segment in reasonable time."""


@dataclass(frozen=True, slots=True)
class Unit:
    """Lines `first`..`last` (0-based, inclusive) make one passage of kind `kind`."""

    first: int
    last: int
    kind: UnitKind


class Lines:
    """The document's lines, with what the readers ask about them."""

    def __init__(self, doc: Document):
        self.text = doc.text
        self.lines = doc.text.split("\n")  # the last is "" when the text ends with a line end
        self.count = len(self.lines)
        self.starts = list(accumulate(map((1).__add__, map(len, self.lines)), initial=0))

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()


def markup_only(line: str) -> bool:
    """A line of markup alone (">", "+", "____", "|===", "----"): no letter, no digit."""
    return not any(c.isalnum() for c in line)


def build_passages(lines: Lines, units: list[Unit]) -> list[Passage]:
    """The passages of `units` (in order, not overlapping), after every non-blank line that no
    unit holds has been given one: a line of markup alone joins the unit right above it or,
    failing that, right below it (a quote's closing "____", a list continuation "+"); any other
    line is a unit of its own."""
    spans = _trimmed(lines, units)
    spans = _cover(lines, spans)
    return [_passage(lines, index, first, last, kind) for index, (first, last, kind) in enumerate(spans)]


def _trimmed(lines: Lines, units: list[Unit]) -> list[list]:
    """The units as [first, last, kind] without blank lines at either end (a reader's range may
    include the blank line that ended it); units left with no line are dropped."""
    out: list[list] = []
    for unit in units:
        first, last = unit.first, min(unit.last, lines.count - 1)
        while first <= last and lines.blank(first):
            first += 1
        while last >= first and lines.blank(last):
            last -= 1
        if first > last:
            continue
        if out and first <= out[-1][1]:  # a reader's overlap: the earlier unit keeps its lines
            first = out[-1][1] + 1
            if first > last:
                continue
        out.append([first, last, unit.kind])
    return out


def _cover(lines: Lines, spans: list[list]) -> list[list]:
    """`spans` with every non-blank line inside one (see build_passages)."""
    out: list[list] = []
    at = 0  # the next span of `spans` to place
    line = 0
    while line < lines.count:
        if at < len(spans) and spans[at][0] == line:
            out.append(spans[at])
            line = spans[at][1] + 1
            at += 1
            continue
        if lines.blank(line):
            line += 1
            continue
        text = lines.lines[line]
        if markup_only(text):
            if out and out[-1][1] == line - 1:
                out[-1][1] = line  # the unit right above takes it
                line += 1
                continue
            if at < len(spans) and spans[at][0] == line + 1:
                spans[at][0] = line  # the unit right below takes it
                continue
            kind = UnitKind.PREFORMATTED
        else:
            kind = UnitKind.PARAGRAPH
        out.append([line, line, kind])
        line += 1
    return out


def _passage(lines: Lines, index: int, first: int, last: int, kind: UnitKind) -> Passage:
    start = lines.starts[first]
    if kind is not UnitKind.PREFORMATTED:
        first_line = lines.lines[first]
        start += len(first_line) - len(first_line.lstrip())
    end = lines.starts[last] + len(lines.lines[last].rstrip())
    return Passage(index, kind, start, end, first + 1, last + 1, lines.text[start:end], index)
