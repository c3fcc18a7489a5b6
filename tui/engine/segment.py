"""Segmentation: a Document becomes a sequence of paragraph units, or of sentence units.

Paragraph detection has to work for three layouts found in real documents:
- one paragraph per line (live blogs, the seeds), where a stray blank line means nothing;
- hard-wrapped text with blank lines between paragraphs (RFCs, PEPs, man pages);
- mixtures, plus headings, list items and indented preformatted blocks, which are units of their own.
Blank lines separate chunks; inside a chunk, each line either continues the previous unit or starts
a new one, decided line by line (see `_continues`): a line continues when the one before is full
at the chunk's wrap width, or ends mid-sentence in evidently wrapped prose (an edit left it
short), whatever that width is; a line longer than any wrap (a URL) is a full line of its
paragraph where such lines are rare; numbered clauses continue onto lines not indented past
their number.

The rules are written out on _Line objects (_chunk_units, _continues, _is_heading). Most chunks do
not need all of them — no list item, heading marker, underline or indentation — and paragraphs()
cuts those from their lines as plain strings, by the rules that can apply; the general rules run
on the rest. tests/engine/test_segment_speedpaths.py holds the shortcuts to the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import cache
from itertools import pairwise

from tui.engine.markup import structured_paragraphs
from tui.engine.model import Document, Passage, UnitKind

# A line longer than this is not a hard-wrapped line: in a document whose lines are mostly
# wrapped, it is an unbreakable stretch (a URL, inline markup) inside a wrapped paragraph; where
# such lines are common, each is a whole paragraph on its own line (live blogs, the seeds).
LONG_LINE = 110
# Long lines are "common" in a document above one line in this many.
OVERLONG_SHARE = 4
# A chunk whose longest line is narrower than this is not hard-wrapped prose but a list of short
# lines (verse, addresses, tables of names): each line is a unit.
MIN_WRAP = 32
# A hard-wrapped line is "full" when the next line's first word would not have fitted after it.
WRAP_SLACK = 12
# A line that is not full still continues its paragraph when the paragraph is evidently
# hard-wrapped prose (at least half of its lines full, with words) and the line ends
# mid-sentence: text edited after it was wrapped leaves such short lines ("They may take a little
# time to / use effectively. The authors have provided / a brief introduction ..."). Prose is
# wrapped this wide at least; narrower text is too rarely prose to tell it from lists of short
# lines, code or settings.
RAGGED_MIN_WRAP = 56
# A hanging indent (the lines after the first indented a little more: "[This is ... It is /
# numbered 2 ...") is at most this deep; deeper is a quoted or preformatted block.
HANGING_INDENT = 2

_LIST_START = re.compile(r"^\s*(?:[-*+•‣◦▪]|\d{1,3}[.)]|\(?[a-zA-Z0-9]{1,3}\))\s+\S")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_UNDERLINE = re.compile(r"^\s*([=\-~^*#+])\1{2,}\s*$")
_SENTENCE_PUNCT_END = re.compile(r"[.!?:;,]['\"’”)\]]*\s*$")
_SENTENCE_PUNCT, _CLOSERS = ".!?:;,", "'\"’”)]"  # the two character classes of _SENTENCE_PUNCT_END


class _Line:
    """One line of the document, with what segmentation asks about it computed once."""

    __slots__ = ("indent", "is_list", "is_md_heading", "is_underline", "number", "start", "text", "width")

    def __init__(self, number: int, start: int, text: str, maybe_marked: bool = True):
        self.number = number  # 1-based
        self.start = start
        self.text = text
        stripped = text.lstrip(" \t")
        prefix = text[: len(text) - len(stripped)]
        self.indent = len(prefix.expandtabs(8)) if "\t" in prefix else len(prefix)
        # Display width of the content without trailing space (what hard wrapping filled).
        content = text.rstrip()
        self.width = len(content.expandtabs(8)) if "\t" in content else len(content)
        # maybe_marked=False: the caller knows the line is no list item, heading nor underline.
        self.is_list = maybe_marked and bool(_LIST_START.match(text))
        self.is_md_heading = maybe_marked and bool(_MD_HEADING.match(text))
        self.is_underline = maybe_marked and bool(_UNDERLINE.match(text))


def _first_word_len(text: str) -> int:
    word = text.split(None, 1)
    return len(word[0]) if word else 0


def _continues(prev: _Line, cur: _Line, unit_first: _Line, wrap: int, ragged: bool) -> bool:
    """Does `cur` continue the unit that `prev` belongs to (a hard-wrapped line)? `ragged`: the
    chunk is evidently hard-wrapped, so a short line ending mid-sentence does not end a unit."""
    if cur.is_md_heading or prev.is_md_heading:
        return False
    full = prev.width + 1 + _first_word_len(cur.text) > wrap - WRAP_SLACK
    if cur.is_list:
        # A marker at the start of a line inside a sentence of wrapped prose ("for at least six
        # / (6) months after") is a wrapped word: the line before is full and ends on a word.
        return ragged and full and not unit_first.is_list and prev.text.rstrip()[-1:].isalnum()
    if unit_first.is_list:
        if cur.indent <= unit_first.indent:
            # Not indented past the marker: a lazy continuation when the line before is full
            # ("  0. This License applies to any program which / contains a notice ..."), and
            # not a line of markup alone ("+").
            return full and any(c.isalnum() for c in cur.text)
    elif cur.indent != prev.indent:
        if unit_first is not prev:
            return False  # indentation changed (a quoted or code block starts or ends)
        if cur.indent > prev.indent:
            # A hanging indent, shallow and not after a lead-in to an indented block.
            hanging = cur.indent <= prev.indent + HANGING_INDENT and not prev.text.rstrip().endswith(":")
            return hanging and full
        # A first-line indent followed by flush lines is still one paragraph.
    return full or (ragged and _mid_sentence(prev.text, cur.text))


def _mid_sentence(prev: str, cur: str) -> bool:
    """Does a short line break a sentence that the next line goes on with? The short line has
    words (not one token: "ifdef::x[]", "`--quiet`::", a URL) and does not end its unit, and
    the next line has a word (not markup alone: "+", "----")."""
    prev = prev.strip()
    return " " in prev and not _ends_unit(prev) and any(c.isalnum() for c in cur)


def _ends_unit(text: str) -> bool:
    """Does a short line end its unit whatever follows? It ends a sentence or a lead-in, it is
    shaped like a title, or it has no letter or digit at all (markup: "+", "----"). `text` is
    the line stripped."""
    before_closers = text.rstrip(_CLOSERS)
    if before_closers[-1:] in (".", "!", "?", ":", "…") or _title_shaped(text):
        return True
    return not any(c.isalnum() for c in text)


def _title_shaped(text: str) -> bool:
    """A short line in capitals, or whose words of four letters or more are all capitalised
    ("Preamble", "How to Apply These Terms to Your New Programs", "NO WARRANTY")."""
    words = text.split()
    if len(words) > 12 or not any(c.isalpha() for c in text):
        return False
    if text.isupper():
        return True
    lettered = [w for w in words if w[:1].isalpha()]
    return bool(lettered) and lettered[0][0].isupper() and all(
        w[0].isupper() for w in lettered if sum(c.isalpha() for c in w) >= 4
    )


def _wrap_width(lines: list[str], widths: list[int], overlong_allowed: Callable[[], bool]) -> int | None:
    """The width a chunk of several lines was hard-wrapped at, or None when each of its lines is
    a unit of its own. Lines wider than LONG_LINE do not set it: they are the chunk's
    paragraphs, one per line, unless they are full lines of a wrapped paragraph — a minority of
    the chunk, whose other lines are evidently wrapped, in a document where such lines are not
    common (`overlong_allowed`). Nor does a line that sticks out past the others (see
    _common_wrap)."""
    wrap = max(widths)
    overlong = wrap > LONG_LINE
    if overlong:
        fitting = [w for w in widths if w <= LONG_LINE]
        if 2 * len(fitting) < len(widths) or not fitting:
            return None
        wrap = max(fitting)
    wrap = _common_wrap(widths, wrap)
    if overlong and not (_evidently_wrapped(lines, widths, wrap) and overlong_allowed()):
        return None
    return wrap if wrap >= MIN_WRAP else None


def _common_wrap(widths: list[int], widest: int) -> int:
    """The widest width that a third of the lines before the last (of those at least MIN_WRAP
    wide) reach within WRAP_SLACK, if it is at least three quarters of `widest`: a line left
    longer by an edit ("- ``name`` is the *distribution name* of ...", 91 columns among lines
    of 78) does not set the wrap; it is a full line."""
    if len(widths) < 3:
        return widest  # one line before the last is no common width
    body = sorted(widths[:-1])
    if body[0] >= widest - WRAP_SLACK:
        return widest  # (usually) every line is close to the widest
    start = bisect_left(body, MIN_WRAP)
    need = (len(body) - start) / 3
    lowest = widest * 3 / 4
    # Candidate widths from the widest down, each counted by bisection in the sorted widths.
    k = bisect_right(body, widest) - 1
    while k >= start and body[k] >= lowest:
        wrap = body[k]
        low = bisect_left(body, wrap - WRAP_SLACK, start)
        if k + 1 - low >= need:
            return wrap
        k = bisect_left(body, wrap, start) - 1  # the next smaller width
    return widest


def _evidently_wrapped(lines: list[str], widths: list[int], wrap: int) -> bool:
    """Prose wrapped at a usual width (RAGGED_MIN_WRAP or more): at least half of the lines
    before the last are full (within WRAP_SLACK of the wrap) and have words (four or more; not
    link definitions, code or settings, whose lines can be as long)."""
    if wrap < RAGGED_MIN_WRAP:
        return False
    near = wrap - WRAP_SLACK
    body = range(len(lines) - 1)
    half = len(body) / 2
    return (
        sum(widths[k] >= near for k in body) >= half
        and sum(lines[k].strip().count(" ") >= 3 for k in body) >= half
    )


def _is_heading(lines: list[_Line]) -> bool:
    if len(lines) == 2 and lines[1].is_underline:
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


def _chunk_units(
    chunk: list[_Line], overlong_allowed: Callable[[], bool]
) -> list[tuple[list[_Line], UnitKind]]:
    """The units of a chunk of several lines that is not preformatted, by the general rules."""
    widths = [line.width for line in chunk]
    texts = [line.text for line in chunk]
    wrap = _wrap_width(texts, widths, overlong_allowed)
    ragged = wrap is not None and _evidently_wrapped(texts, widths, wrap)
    units: list[list[_Line]] = []
    for line in chunk:
        if units and line.is_underline and len(units[-1]) >= 1:
            units[-1].append(line)  # underline belongs to the heading above it
            continue
        if (
            units
            and wrap is not None
            and not units[-1][-1].is_underline
            and _continues(units[-1][-1], line, units[-1][0], wrap, ragged)
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


# A line longer than LONG_LINE, found from the line end before it (a literal the regex engine
# finds fast; the first line is tested apart).
_OVERLONG_LINE = re.compile(rf"\n[^\n]{{{LONG_LINE + 1}}}")


def overlong_lines_are_rare(text: str) -> bool:
    """Are lines longer than LONG_LINE (counting any indentation and trailing space) at most one
    line in OVERLONG_SHARE? (Where they are more, they are paragraphs on a line each.)"""
    allowed = (text.count("\n") + 1) // OVERLONG_SHARE
    first = len(_line_at(text, 0)) > LONG_LINE
    for count, _ in enumerate(_OVERLONG_LINE.finditer(text), start=1 + first):
        if count > allowed:
            return False
    return first <= allowed


# A run of consecutive non-blank lines: a chunk (`.` stops at the line end). Blank lines only
# separate chunks, so one regex scan skips them without making them objects (a file of millions
# of blank lines costs almost nothing).
_CHUNK = re.compile(r"^[^\S\n]*\S.*(?:\n[^\S\n]*\S.*)*", re.MULTILINE)

# The lines paragraphs() looks at before its main scan, each found from the line end before it
# (a literal the regex engine finds fast; line 1 is tested apart), empty lines skipped at once:
# - `marker`: a line that might be a list item, a Markdown heading or a setext underline: its first
#   non-space character is one of their markers, or it opens with one to three word characters
#   and "." or ")" ("12.", "iv)"). Every line _LIST_START, _MD_HEADING or _UNDERLINE matches,
#   matches this (\d and [a-zA-Z0-9] are both inside \w), so the lines it skips need no other test.
# - otherwise a non-blank line that starts with a space or a tab: an indented line.
# (Possessive quantifiers: a run of spaces is read once, not once per way to split it.)
_SPECIAL_LINE = re.compile(
    r"\n(?=[^\n])(?:(?P<marker>[^\S\n]*+(?:[-*+•‣◦▪(#=~^]|\w{1,3}+[.)]))|[ \t][^\S\n]*+\S)"
)
# A blank line that is not empty (spaces, tabs, a form feed...), after the line end before it.
_BLANK_NOT_EMPTY = re.compile(r"\n[^\S\n]+(?=\n|\Z)")
# The first non-blank line that does not start with a space or a tab.
_FLUSH_LINE = re.compile(r"(?:\A|(?<=\n))(?![ \t])[^\S\n]*\S")


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _special_lines(text: str) -> tuple[list[int], set[int]]:
    """The offsets of the lines that are marked (list items, Markdown headings, underlines) or
    indented (they start with a space or a tab) and not blank, in order, then a sentinel past
    the end of the text; and the set of the offsets of the marked lines."""
    special: list[int] = []
    marked: set[int] = set()
    first_line = _line_at(text, 0)
    if _is_marked(first_line):
        marked.add(0)
        special.append(0)
    elif first_line[:1] in (" ", "\t") and not first_line.isspace():
        special.append(0)
    for match in _SPECIAL_LINE.finditer(text):
        start = match.start() + 1
        if match.lastgroup == "marker":
            if _is_marked(_line_at(text, start)):
                marked.add(start)
                special.append(start)
            elif text[start] in " \t":  # not marked after all, but indented (and not blank)
                special.append(start)
        else:  # indented and not blank, as the pattern found it
            special.append(start)
    special.append(len(text) + 1)
    return special, marked


def _body_indent(text: str, special: list[int]) -> int:
    """The indentation of ordinary text (PEPs indent everything by four spaces): the one with the
    most characters on its non-blank lines; of equals, the first seen. `special` is what
    _special_lines found: its indented lines are all the non-blank lines not at indentation 0."""
    counts: dict[int, int] = {}  # keys in the order first seen, for the ties
    # Characters on the non-blank lines at indentation 0: the characters of all lines, less those
    # of the blank lines and of the indented lines (taken away below).
    flush_chars = len(text) - text.count("\n")
    # (Removing the blank lines and measuring what went makes no string per blank line.)
    without_blank, blank_lines = _BLANK_NOT_EMPTY.subn("", text)
    flush_chars -= len(text) - len(without_blank) - blank_lines  # each went with its line end
    first_line = _line_at(text, 0)
    if first_line.isspace():
        flush_chars -= len(first_line)
    first_flush = _FLUSH_LINE.search(text)
    zero_seen_at = first_flush.start() if first_flush else len(text) + 1
    for start in special[:-1]:
        if text[start] not in " \t":
            continue  # a marked line at indentation 0
        if zero_seen_at < start and 0 not in counts:
            counts[0] = 0
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        indent = len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(8))  # _Line.indent
        counts[indent] = counts.get(indent, 0) + len(line)
        flush_chars -= len(line)
    if first_flush:
        counts[0] = flush_chars  # inserted here if no indented line comes after the first flush one
    return max(counts, key=counts.__getitem__) if counts else 0


def _width(line: str) -> int:
    """_Line.width of a line."""
    content = line.rstrip()
    return len(content.expandtabs(8)) if "\t" in content else len(content)


def _is_marked(line: str) -> bool:
    return bool(_LIST_START.match(line) or _MD_HEADING.match(line) or _UNDERLINE.match(line))


def _is_title(text: str) -> bool:
    """_is_heading of a one-line unit that is not a Markdown heading; `text` is the line stripped.
    The same tests in a cheaper order (they are all required, so the order does not change the
    answer): a lower-case first letter fails the capital test, which comes before the scan for
    a letter."""
    if text[:1].islower() or len(text) > 90 or len(text) < 2:
        return False
    # What _SENTENCE_PUNCT_END finds in a stripped line, without a regex search: sentence
    # punctuation followed only by closing quotes and brackets.
    before_closers = text.rstrip(_CLOSERS)
    if before_closers and before_closers[-1] in _SENTENCE_PUNCT:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text.isupper()):
        return False
    return text[0].isalpha() or any(c.isalpha() for c in text)


# Passage is a frozen dataclass: its generated __init__ sets each of the eight fields through
# object.__setattr__ (to get past the frozen __setattr__), a lookup of the field by name each time.
# Segmenting a 1 MB pair makes some 30,000 passages, and setting their slots through the slots'
# own descriptors does the same assignments in about half the time.
_SET_PASSAGE_FIELDS = tuple(getattr(Passage, field.name).__set__ for field in fields(Passage))


def _passage(
    index: int, kind: UnitKind, start: int, end: int, start_line: int, end_line: int, text: str,
    paragraph: int,
) -> Passage:
    """Passage(index, kind, start, end, start_line, end_line, text, paragraph), faster."""
    passage = object.__new__(Passage)
    set_index, set_kind, set_start, set_end, set_start_line, set_end_line, set_text, set_paragraph = (
        _SET_PASSAGE_FIELDS
    )
    set_index(passage, index)
    set_kind(passage, kind)
    set_start(passage, start)
    set_end(passage, end)
    set_start_line(passage, start_line)
    set_end_line(passage, end_line)
    set_text(passage, text)
    set_paragraph(passage, paragraph)
    return passage


def _add_line_passages(
    passages: list[Passage], doc: Document, number: int, lines: list[str], firsts: list[int]
) -> None:
    """The units of a chunk with no marked line (_chunk_units without _Line objects), given the
    index of each unit's first line, then len(lines). Without a list item, a Markdown heading or
    an underline, a unit of several lines is a paragraph and one of one line a paragraph or a
    title-like heading."""
    text, line_starts = doc.text, doc.line_starts
    base = number - 1  # line i of the chunk starts at line_starts[base + i]
    append = passages.append
    for first, after in pairwise(firsts):
        line = lines[first]
        start = line_starts[base + first] + len(line) - len(line.lstrip())
        index = len(passages)
        if after - first == 1:
            stripped = line.strip()
            # (Most lines start with a lower-case letter, which _is_title rejects first: the
            # test here spares the call.)
            is_title = not stripped[0].islower() and _is_title(stripped)
            kind = UnitKind.HEADING if is_title else UnitKind.PARAGRAPH
            line_number = number + first
            end = start + len(stripped)
            append(_passage(index, kind, start, end, line_number, line_number, stripped, index))
        else:
            last = after - 1
            end = line_starts[base + last] + len(lines[last].rstrip())
            append(_passage(index, UnitKind.PARAGRAPH, start, end, number + first, number + last,
                            text[start:end], index))


def _add_plain_passages(
    passages: list[Passage], doc: Document, number: int, chunk_start: int, chunk: str,
    overlong_allowed: Callable[[], bool],
) -> None:
    """The units of a chunk of several lines, none indented or marked: with no list item, Markdown
    heading, underline nor change of indentation, _continues reduces to its fill test, or a
    line ending mid-sentence in an evidently wrapped chunk."""
    lines = chunk.split("\n")
    widths = [len(line.rstrip()) for line in lines] if "\t" not in chunk else [_width(line) for line in lines]
    wrap = _wrap_width(lines, widths, overlong_allowed)
    if wrap is None:  # one paragraph per line
        _add_line_passages(passages, doc, number, lines, list(range(len(lines) + 1)))
        return
    # A line starts a unit when it fails the fill test: its first word would have fitted after
    # the previous line. A first word is at least one character long, so a previous line less
    # than two characters short of the limit passes without the word being looked at.
    limit = wrap - WRAP_SLACK
    if min(widths[:-1]) + 2 > limit:
        # Every line continues the one before: the chunk is one paragraph. It starts and ends
        # with a non-blank line, so stripping it strips its first and last lines.
        stripped = chunk.strip()
        # (Leading space is rare: lstrip copies the whole chunk, so only when there is some.)
        start = chunk_start + (len(chunk) - len(chunk.lstrip()) if chunk[0].isspace() else 0)
        index = len(passages)
        passages.append(_passage(index, UnitKind.PARAGRAPH, start, start + len(stripped), number,
                                 number + len(lines) - 1, stripped, index))
        return
    short = [
        i
        for i in range(1, len(lines))
        if widths[i - 1] + 2 <= limit and widths[i - 1] + 1 + _first_word_len(lines[i]) <= limit
    ]
    if short and _evidently_wrapped(lines, widths, wrap):
        short = [i for i in short if not _mid_sentence(lines[i - 1], lines[i])]
    _add_line_passages(passages, doc, number, lines, [0, *short, len(lines)])


def _add_special_passages(
    passages: list[Passage], doc: Document, number: int, chunk_start: int, chunk: str,
    marked: set[int] | None, body_indent: Callable[[], int], overlong_allowed: Callable[[], bool],
) -> None:
    """The units of a chunk of several lines with an indented line or a marked one (`marked`
    holds the offsets of the marked lines, None when the chunk has none)."""
    text = doc.text
    lines = chunk.split("\n")
    if "\t" in chunk:  # _Line.indent and .width of each line (expandtabs leaves text without tabs as is)
        prefixes = [line[: len(line) - len(line.lstrip(" \t"))] for line in lines]
        indents = [len(prefix.expandtabs(8)) for prefix in prefixes]
        widths = [len(line.rstrip().expandtabs(8)) for line in lines]
    else:  # the same when there is no tab to expand
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines]
        widths = [len(line.rstrip()) for line in lines]
    # A chunk is preformatted when every line is indented four past the body. With a line
    # indented less than four it cannot be, whatever the body indentation, which then need not
    # be found (it takes a scan of the whole text).
    preformatted = min(indents) >= 4 and min(indents) >= body_indent() + 4
    if marked is not None:
        # A list item, a Markdown heading or an underline: the general rules, on _Line objects.
        line_objects = []
        line_start = chunk_start
        for i, line_text in enumerate(lines):
            line_objects.append(_Line(number + i, line_start, line_text, line_start in marked))
            line_start += len(line_text) + 1
        units = (
            [(line_objects, UnitKind.PREFORMATTED)]
            if preformatted
            else _chunk_units(line_objects, overlong_allowed)
        )
        for unit, kind in units:
            first, last = unit[0], unit[-1]
            start = first.start
            if kind is not UnitKind.PREFORMATTED:
                start += len(first.text) - len(first.text.lstrip())
            end = last.start + len(last.text.rstrip())
            index = len(passages)
            unit_text = text[start:end]
            passages.append(_passage(index, kind, start, end, first.number, last.number, unit_text, index))
        return
    if preformatted:
        # The whole chunk, its first line's indentation included.
        end = chunk_start + len(chunk.rstrip())
        index = len(passages)
        last_number = number + len(lines) - 1
        passages.append(_passage(index, UnitKind.PREFORMATTED, chunk_start, end, number, last_number,
                                 text[chunk_start:end], index))
        return
    wrap = _wrap_width(lines, widths, overlong_allowed)
    if wrap is None:  # one paragraph per line
        firsts = list(range(len(lines) + 1))
    else:
        # _continues without list items, Markdown headings and underlines (see _add_plain_passages,
        # and its shortcut for a previous line close to the limit).
        limit = wrap - WRAP_SLACK
        ragged: bool | None = None  # _evidently_wrapped, found when first needed
        firsts = [0]
        for i in range(1, len(lines)):
            prev = i - 1
            cur_indent, prev_indent = indents[i], indents[prev]
            if cur_indent != prev_indent and firsts[-1] != prev:
                firsts.append(i)  # the indentation changed
                continue
            full = widths[prev] + 2 > limit or widths[prev] + 1 + _first_word_len(lines[i]) > limit
            if cur_indent > prev_indent:  # on a unit's second line: a hanging indent?
                if not (
                    full
                    and cur_indent <= prev_indent + HANGING_INDENT
                    and not lines[prev].rstrip().endswith(":")
                ):
                    firsts.append(i)
            elif not full:
                if ragged is None:
                    ragged = _evidently_wrapped(lines, widths, wrap)
                if not (ragged and _mid_sentence(lines[prev], lines[i])):
                    firsts.append(i)  # short, and not a line ending mid-sentence in wrapped text
        firsts.append(len(lines))
    _add_line_passages(passages, doc, number, lines, firsts)


def paragraphs(doc: Document) -> list[Passage]:
    text = doc.text
    count = text.count
    special, marked = _special_lines(text)
    next_special = 0  # index in `special` of the first special line at or after the chunk

    @cache
    def body_indent() -> int:
        return _body_indent(text, special)

    @cache
    def overlong_allowed() -> bool:
        return overlong_lines_are_rare(text)

    passages: list[Passage] = []
    number, pos = 1, 0  # line number of the line that starts at `pos`
    for match in _CHUNK.finditer(text):
        start = match.start()
        number += count("\n", pos, start)
        pos = start
        chunk = match.group()
        end = start + len(chunk)
        while special[next_special] < start:
            next_special += 1
        if "\n" not in chunk:
            # One line, the common case in one-paragraph-per-line text: the unit is the line,
            # stripped (a single line is never preformatted). Only a marked line can be a list
            # item or a Markdown heading.
            stripped = chunk.strip()
            if start in marked and _LIST_START.match(chunk):
                kind = UnitKind.LIST_ITEM
            elif (start in marked and _MD_HEADING.match(chunk)) or (
                not stripped[0].islower() and _is_title(stripped)  # spares the call for most lines
            ):
                kind = UnitKind.HEADING
            else:
                kind = UnitKind.PARAGRAPH
            unit_start = start + (len(chunk) - len(chunk.lstrip()) if chunk[0].isspace() else 0)
            index = len(passages)
            passages.append(_passage(index, kind, unit_start, unit_start + len(stripped), number, number,
                                     stripped, index))
        elif special[next_special] >= end:  # no line of the chunk is indented or marked
            _add_plain_passages(passages, doc, number, start, chunk, overlong_allowed)
        else:
            has_mark = False
            i = next_special  # the chunk's special lines, in place (a slice would copy the rest)
            while special[i] < end:
                if special[i] in marked:
                    has_mark = True
                    break
                i += 1
            chunk_marks = marked if has_mark else None
            _add_special_passages(
                passages, doc, number, start, chunk, chunk_marks, body_indent, overlong_allowed
            )
    return passages


# Sentence boundaries: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can start a sentence. Abbreviations are checked separately.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e cf no fig al gen col lt sgt capt gov sen rep "
    "rev hon inc ltd co corp dept est approx vol ch sec p pp u.s u.k a.m p.m jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
# Group 2 (empty) matches when the characters just before the stop, as many as the longest
# abbreviation has and one more, are neither spaces nor the quotes and brackets the abbreviation
# check strips off: the word before the stop is then longer than any abbreviation and than a
# section label, so the stop ends a sentence with no further check. (The test sits after the
# stop's first character, so the pattern still starts with the stop, which the regex engine
# looks for fast; the characters tested cannot reach back past the sentence's start, as the
# whitespace before it is not among them.)
_LONG_WORD = max(map(len, _ABBREVIATIONS)) + 1
_SENTENCE_END = re.compile(
    r"([.!?…](?:(?<=[^\s(\"'“‘]{LONG}.)()|)[.!?…]*)(['\"’”»)\]]*)(\s+)(?=['\"‘“«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])"
    .replace("LONG", str(_LONG_WORD))
)


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    """Does the stop `match` found end the sentence that begins at `start`?"""
    before = text[start : match.start()]
    if match.group(1) == ".":
        words = before.rsplit(None, 1)
        last_word = words[-1] if words else ""
        last = last_word.lower().strip("(\"'“‘")
        # "No." is an abbreviation only before a number ("No. 5"); elsewhere it is a word. A
        # quoted letter ("type `show w'.") is not an initial.
        if (
            not last_word.endswith(("'", '"', "’", "”"))
            and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))
            and not (last == "no" and not text[match.end() : match.end() + 1].isdigit())
        ):
            return False
    label = before.strip()
    # A section label ("9.", "iv.", "A.") belongs to the sentence it opens.
    return not (len(label) <= 4 and " " not in label)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, relative to it, none blank."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(2) is None and not _ends_sentence(text, start, match):
            continue
        spans.append((start, match.end(3)))
        start = match.end()
    # Each span so far holds its stop, so none is blank; the rest of the text may be.
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def sentences(doc: Document, paragraph_units: list[Passage] | None = None) -> list[Passage]:
    paras = paragraph_units if paragraph_units is not None else paragraphs(doc)
    out: list[Passage] = []
    append = out.append
    for para in paras:
        text, base, line, paragraph = para.text, para.start_offset, para.start_line, para.index
        kind = para.kind
        if kind is UnitKind.PARAGRAPH or kind is UnitKind.LIST_ITEM:
            spans = _split_sentences(text)
            kind = UnitKind.SENTENCE
        else:
            spans = [(0, len(text))]
        if line == para.end_line:  # one line: every sentence is on it
            for s, e in spans:
                index = len(out)
                append(_passage(index, kind, base + s, base + e, line, line, text[s:e], paragraph))
            continue
        # Line numbers by counting line ends from the paragraph's first line (text[0] is on
        # para.start_line, and spans come in order): what a lookup in doc.line_starts gives,
        # without one per offset. A span never ends with a line end (it ends with its stop, a
        # closing mark or the paragraph's last non-blank character), so the line ends inside it
        # are those before its last character.
        counted = 0  # `line` is the line of text[counted]
        for s, e in spans:
            line += text.count("\n", counted, s)
            sentence = text[s:e]
            end_line = line + sentence.count("\n")
            index = len(out)
            append(_passage(index, kind, base + s, base + e, line, end_line, sentence, paragraph))
            line, counted = end_line, e
    return out


def segment(doc: Document, unit: str, markup: bool = True) -> list[Passage]:
    """`markup`: Markdown, reStructuredText and AsciiDoc documents are cut by their structure
    (tui/engine/markup); other documents, or all with markup=False, by the rules above."""
    if unit not in ("paragraph", "sentence"):
        raise ValueError(f"unknown unit {unit!r}")
    structured = structured_paragraphs(doc) if markup else None
    if unit == "sentence":
        return sentences(doc, structured)
    return structured if structured is not None else paragraphs(doc)
