"""A PDF's lines back into paragraphs (pure: tested without a PDF).

A PDF holds lines placed on pages, not paragraphs. Lines are joined into a paragraph unless
something a reader sees separates them: more space above than between the lines around, another
font size, a list marker, an indented first line, the previous line ending short of the column.
A word hyphenated at a line end is joined back. Running headers and footers — the top and bottom
lines that come back on many pages, page numbers included — are left out, so they are never
paired as text; a paragraph that goes on over a page or column break is joined across it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

# A line whose text fills less than this share of a full line ends its paragraph.
SHORT_LINE = 0.75
# More space above a line than this many times the usual line distance starts a paragraph.
PARAGRAPH_GAP = 1.6
# A running header or footer comes back on at least this share of the pages (and on two).
RUNNING_SHARE = 0.3
ZONE_LINES = 2  # lines at the top and at the bottom of a page that can be headers or footers

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|·•]*(?:(?:page|p\.|seite|página|pagina)\s*)?(?:\d{1,5}|[ivxlcdm]{1,8})"
    r"(?:\s*(?:of|/|de|von|sur)\s*\d{1,5})?[\s\-–—|·•]*$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^(?:[•◦▪‣·*–-]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s|\(?[ivxIVX]{1,5}[.)]\s)")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Line:
    page: int  # 1-based
    number: int  # the line's number on its page, 1-based, in reading order
    text: str
    x: float
    y: float  # PDF coordinates: larger is higher up the page
    size: float  # font size in points


def running_lines(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, number) of the lines that are page numbers, running headers or running footers:
    among the top and bottom lines of the pages, those that come back (numbers aside) on enough
    pages; on a one-page document, a page number as its topmost or bottommost line."""
    zones: list[list[tuple[str, Line]]] = []
    for lines in pages:
        by_height = sorted(lines, key=lambda line: -line.y)
        top, bottom = by_height[:ZONE_LINES], by_height[-ZONE_LINES:]
        zone = [("top", line) for line in top] + [("bottom", line) for line in bottom if line not in top]
        zones.append(zone)
    if len(pages) == 1:
        lines = sorted(pages[0], key=lambda line: -line.y)
        ends = lines[:1] + lines[-1:] if lines else []
        return {(line.page, line.number) for line in ends if _PAGE_NUMBER.match(line.text)}
    counts: Counter[tuple[str, str]] = Counter()
    for zone in zones:
        counts.update({(where, _key(line.text)) for where, line in zone})
    needed = max(2, RUNNING_SHARE * len(pages))
    return {
        (line.page, line.number) for zone in zones for where, line in zone
        if counts[(where, _key(line.text))] >= needed
    }


def _key(text: str) -> str:
    """Lines that differ only in their numbers ("Page 3 of 9", "Chapter 2 · 14") are the same."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def paragraphs(pages: list[list[Line]]) -> list[list[Line]]:
    """The body lines (running headers and footers left out) grouped into paragraphs."""
    running = running_lines(pages)
    body = [[line for line in lines if (line.page, line.number) not in running] for lines in pages]
    all_lines = [line for lines in body for line in lines]
    if not all_lines:
        return []
    full = _full_length(all_lines)
    gap = _usual_gap(body)
    out: list[list[Line]] = []
    for lines in body:
        for line in lines:
            if out and not _starts_paragraph(out[-1], line, full, gap):
                out[-1].append(line)
            else:
                out.append([line])
    return out


def _full_length(lines: list[Line]) -> float:
    """The length, in characters, of a full line of the body (the 90th percentile)."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _usual_gap(pages: list[list[Line]]) -> float | None:
    """The distance between two lines of a paragraph: the first quartile of the distances between
    consecutive lines (short paragraphs make the gaps between paragraphs nearly as many)."""
    gaps = sorted(
        prev.y - cur.y
        for lines in pages
        for prev, cur in pairwise(lines)
        if 0 < prev.y - cur.y < 3 * max(prev.size, 1) and abs(prev.size - cur.size) < 0.5
    )
    return gaps[len(gaps) // 4] if gaps else None


def _starts_paragraph(paragraph: list[Line], line: Line, full: float, gap: float | None) -> bool:
    prev = paragraph[-1]
    if abs(prev.size - line.size) > 0.1 * max(prev.size, line.size, 1):
        return True
    if _LIST_MARKER.match(line.text):
        return True
    if len(prev.text) < SHORT_LINE * full:
        return True
    tolerance = 0.8 * max(line.size, 1)
    same_column = line.page == prev.page and 0 < prev.y - line.y < 3 * max(prev.size, 1)
    if not same_column:
        # A page or column break: the paragraph goes on, unless the line before ends a sentence
        # and this one starts another (a break falling exactly between two sentences of one
        # paragraph is rarer than between two paragraphs). Positions across the break say
        # nothing (another column, another page).
        return bool(_SENTENCE_END.search(prev.text)) and line.text[:1].isupper()
    if gap is not None and prev.y - line.y > PARAGRAPH_GAP * gap:
        return True
    if line.x > prev.x + tolerance:
        return True  # an indented first line, or a block quote starting
    # Back to the margin after the first line: that line was indented; after later lines, an
    # indented block ended.
    return line.x < prev.x - tolerance and len(paragraph) > 1


def vocabulary(paragraphs: list[list[Line]]) -> set[str]:
    """The words of the document, lower case, hyphenated compounds included: whether "pre-"
    + "war" at a line end is "pre-war" or "prewar" is best told by how the document writes it
    where it is not broken."""
    return {word.lower() for lines in paragraphs for line in lines for word in _WORD.findall(line.text)}


def joined(paragraph: list[Line], words: set[str] | None = None) -> list[tuple[Line, str, str]]:
    """Each line of a paragraph as (line, its text, what joins it to the line before): a space,
    or nothing after a word hyphenated at the end of the line before — its hyphen removed, unless
    the document writes that word with a hyphen elsewhere (a compound broken at its own hyphen)."""
    out: list[tuple[Line, str, str]] = []
    for index, line in enumerate(paragraph):
        text = line.text.strip()
        joint = " "
        if index and out:
            prev_line, prev_text, prev_joint = out[-1]
            if prev_text.endswith("\N{SOFT HYPHEN}"):
                out[-1] = (prev_line, prev_text[:-1], prev_joint)
                joint = ""
            elif _HYPHENATED.search(prev_text) and text[:1].islower():
                joint = ""
                head = _WORD.findall(prev_text[:-1])
                tail = _WORD.findall(text)
                compound = f"{head[-1]}-{tail[0]}".lower() if head and tail else ""
                if compound not in (words or ()):
                    out[-1] = (prev_line, prev_text[:-1], prev_joint)
        out.append((line, text, joint if index else ""))
    return out
