"""Segmentation: a Document becomes a sequence of paragraph units, or of sentence units.

Paragraph detection has to work for three layouts found in real documents:
- one paragraph per line (live blogs, the seeds), where a stray blank line means nothing;
- hard-wrapped text with blank lines between paragraphs (RFCs, PEPs, man pages);
- mixtures, plus headings, list items and indented preformatted blocks, which are units of their own.
Blank lines separate chunks; inside a chunk, each line either continues the previous unit or starts
a new one, decided line by line (see `_continues`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tui.engine.model import Document, Passage, UnitKind

# A line longer than this is never a hard-wrapped line: it is a whole paragraph on its own line.
LONG_LINE = 110
# A chunk whose longest line is narrower than this is not hard-wrapped prose but a list of short
# lines (verse, addresses, tables of names): each line is a unit.
MIN_WRAP = 32
# A hard-wrapped line is "full" when the next line's first word would not have fitted after it.
WRAP_SLACK = 12

_LIST_START = re.compile(r"^\s*(?:[-*+•‣◦▪]|\d{1,3}[.)]|\(?[a-zA-Z0-9]{1,3}\))\s+\S")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_UNDERLINE = re.compile(r"^\s*([=\-~^*#+])\1{2,}\s*$")
_SENTENCE_PUNCT_END = re.compile(r"[.!?:;,]['\"’”)\]]*\s*$")


class _Line:
    """One line of the document, with what segmentation asks about it computed once."""

    __slots__ = ("blank", "end", "indent", "is_list", "is_md_heading", "number", "start", "text", "width")

    def __init__(self, number: int, start: int, text: str):
        self.number = number  # 1-based
        self.start = start
        self.end = start + len(text)  # offset of the end of the line's content (before \n)
        self.text = text
        stripped = text.lstrip(" \t")
        prefix = text[: len(text) - len(stripped)]
        self.indent = len(prefix.expandtabs(8)) if "\t" in prefix else len(prefix)
        self.blank = not stripped.strip()
        # Display width of the content without trailing space (what hard wrapping filled).
        content = text.rstrip()
        self.width = len(content.expandtabs(8)) if "\t" in content else len(content)
        self.is_list = bool(_LIST_START.match(text))
        self.is_md_heading = bool(_MD_HEADING.match(text))


# A line with something other than whitespace on it (`.` stops at the line end).
_NONBLANK_LINE = re.compile(r"^[^\S\n]*\S.*", re.MULTILINE)


def _chunks(doc: Document) -> list[list[_Line]]:
    """Runs of consecutive non-blank lines. Blank lines only separate chunks, so they are
    skipped by one regex scan without becoming objects (a file of millions of blank lines
    costs almost nothing)."""
    text = doc.text
    count = text.count
    chunks: list[list[_Line]] = []
    current: list[_Line] = []
    number, pos = 1, 0  # line number of the line that starts at `pos`
    for match in _NONBLANK_LINE.finditer(text):
        start = match.start()
        newlines = count("\n", pos, start)
        if newlines > 1 and current:  # a blank line lies between this line and the last one
            chunks.append(current)
            current = []
        number += newlines
        pos = start
        current.append(_Line(number, start, match.group()))
    if current:
        chunks.append(current)
    return chunks


def _first_word_len(text: str) -> int:
    word = text.split(None, 1)
    return len(word[0]) if word else 0


def _continues(prev: _Line, cur: _Line, unit_first: _Line, wrap: int) -> bool:
    """Does `cur` continue the unit that `prev` belongs to (a hard-wrapped line)?"""
    if cur.is_list or cur.is_md_heading or prev.is_md_heading:
        return False
    if len(prev.text.rstrip()) > LONG_LINE or len(cur.text.rstrip()) > LONG_LINE:
        return False
    if unit_first.is_list:
        # Hanging indent: continuation lines are indented past the item's marker.
        if cur.indent <= unit_first.indent:
            return False
    elif cur.indent != prev.indent and not (unit_first is prev and cur.indent < prev.indent):
        # Indentation changed (a quoted or code block starts or ends). A first-line indent
        # followed by flush lines is still one paragraph.
        return False
    return prev.width + 1 + _first_word_len(cur.text) > wrap - WRAP_SLACK


def _is_heading(lines: list[_Line]) -> bool:
    if len(lines) == 2 and _UNDERLINE.match(lines[1].text):
        return True
    if len(lines) != 1:
        return False
    text = lines[0].text.strip()
    if lines[0].is_md_heading:
        return True
    if len(text) > 90 or len(text) < 2 or _SENTENCE_PUNCT_END.search(text):
        return False
    if not any(c.isalpha() for c in text):
        return False
    # Title-like: starts with a capital or is all caps; no sentence punctuation at the end.
    return text[0].isupper() or text[0].isdigit() or text.isupper()


def _chunk_units(chunk: list[_Line], body_indent: int) -> list[tuple[list[_Line], UnitKind]]:
    # Setext headings: a text line followed by an underline of = - ~ ^ ... is one heading unit.
    if all(line.indent >= body_indent + 4 for line in chunk) and len(chunk) > 1:
        return [(chunk, UnitKind.PREFORMATTED)]
    if len(chunk) == 1:  # the common case in one-paragraph-per-line text
        line = chunk[0]
        kind = (
            UnitKind.LIST_ITEM
            if line.is_list
            else UnitKind.HEADING
            if _is_heading(chunk)
            else UnitKind.PARAGRAPH
        )
        return [(chunk, kind)]
    wrap = max(line.width for line in chunk)
    # A chunk with any very long line is written one paragraph per line: never join its lines.
    one_per_line = wrap > LONG_LINE or wrap < MIN_WRAP
    units: list[list[_Line]] = []
    for line in chunk:
        if units and _UNDERLINE.match(line.text) and len(units[-1]) >= 1:
            units[-1].append(line)  # underline belongs to the heading above it
            continue
        if (
            units
            and not one_per_line
            and not _UNDERLINE.match(units[-1][-1].text)
            and _continues(units[-1][-1], line, units[-1][0], wrap)
        ):
            units[-1].append(line)
        else:
            units.append([line])
    out: list[tuple[list[_Line], UnitKind]] = []
    for unit in units:
        if unit[0].is_list:
            kind = UnitKind.LIST_ITEM
        elif _is_heading(unit):
            kind = UnitKind.HEADING
        else:
            kind = UnitKind.PARAGRAPH
        out.append((unit, kind))
    return out


def _body_indent(chunks: list[list[_Line]]) -> int:
    """The indentation of ordinary text (PEPs indent everything by four spaces)."""
    counts: dict[int, int] = {}
    for chunk in chunks:
        for line in chunk:
            counts[line.indent] = counts.get(line.indent, 0) + len(line.text)
    return max(counts, key=lambda k: counts[k]) if counts else 0


def paragraphs(doc: Document) -> list[Passage]:
    chunks = _chunks(doc)
    body_indent = _body_indent(chunks)
    passages: list[Passage] = []
    for chunk in chunks:
        for unit, kind in _chunk_units(chunk, body_indent):
            start = unit[0].start + (
                len(unit[0].text) - len(unit[0].text.lstrip()) if kind is not UnitKind.PREFORMATTED else 0
            )
            end = unit[-1].start + len(unit[-1].text.rstrip())
            index = len(passages)
            passages.append(
                Passage(
                    index=index,
                    kind=kind,
                    start_offset=start,
                    end_offset=end,
                    start_line=unit[0].number,
                    end_line=unit[-1].number,
                    text=doc.text[start:end],
                    paragraph=index,
                )
            )
    return passages


# Sentence boundaries: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can start a sentence. Abbreviations are checked separately.
_SENTENCE_END = re.compile(r"([.!?…]+)(['\"’”»)\]]*)(\s+)(?=['\"‘“«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e cf no fig al gen col lt sgt capt gov sen rep "
    "rev hon inc ltd co corp dept est approx vol ch sec p pp u.s u.k a.m p.m jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, relative to it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(2)
        before = text[start : match.start(1)]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        last = last_word.lower().strip("(\"'“‘")
        # "No." is an abbreviation only before a number ("No. 5"); elsewhere it is a word. A
        # quoted letter ("type `show w'.") is not an initial.
        if (
            match.group(1) == "."
            and not last_word.endswith(("'", '"', "’", "”"))
            and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))
            and not (last == "no" and not text[match.end(3) : match.end(3) + 1].isdigit())
        ):
            continue
        label = before.strip()
        if len(label) <= 4 and " " not in label:
            continue  # a section label ("9.", "iv.", "A.") belongs to the sentence it opens
        spans.append((start, end))
        start = match.end(3)
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentences(doc: Document, paragraph_units: list[Passage] | None = None) -> list[Passage]:
    paras = paragraph_units if paragraph_units is not None else paragraphs(doc)
    out: list[Passage] = []
    for para in paras:
        if para.kind is not UnitKind.PARAGRAPH and para.kind is not UnitKind.LIST_ITEM:
            spans = [(0, len(para.text))]
        else:
            spans = _split_sentences(para.text)
        kind = UnitKind.SENTENCE if para.kind in (UnitKind.PARAGRAPH, UnitKind.LIST_ITEM) else para.kind
        one_line = para.start_line == para.end_line  # no line numbers to look up
        for s, e in spans:
            start = para.start_offset + s
            end = para.start_offset + e
            out.append(
                Passage(
                    index=len(out),
                    kind=kind,
                    start_offset=start,
                    end_offset=end,
                    start_line=para.start_line if one_line else line_of(doc, start),
                    end_line=para.end_line if one_line else line_of(doc, max(start, end - 1)),
                    text=doc.text[start:end],
                    paragraph=para.index,
                )
            )
    return out


def line_of(doc: Document, offset: int) -> int:
    """1-based line number of the character at `offset`."""
    return max(1, bisect_right(doc.line_starts, offset))


def segment(doc: Document, unit: str) -> list[Passage]:
    if unit == "sentence":
        return sentences(doc)
    if unit == "paragraph":
        return paragraphs(doc)
    raise ValueError(f"unknown unit {unit!r}")
