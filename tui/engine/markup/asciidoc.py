"""AsciiDoc units from a scanner of its block syntax (there is no Python AsciiDoc parser worth
depending on; the block syntax is line-based and small).

The units, by construct:
- section title (== Title, or a title underlined with ===, ---, ~~~, ^^^ or +++): one HEADING;
- paragraph (hard-wrapped lines and all, or a literal paragraph: indented, PREFORMATTED);
- list item (*, -, ., 1., a.) and description list item (term:: with its definition lines):
  one LIST_ITEM each, with the lines that continue it up to a blank line or the next item;
- listing, literal, passthrough, fenced and comment blocks, tables, "//" comment lines, runs of
  attribute entries (:name: value), block macros (image::, include::), breaks: one PREFORMATTED
  each, whole;
- example, sidebar, quote and open blocks: their content is scanned as body text; the opening
  delimiter goes with the first unit of the content and the closing one with the last;
- block attribute lines ([source,sh], [[anchor]], [quote, ...]), block titles (.Title) and
  ifdef::/ifndef:: go with the unit right below them, endif:: and a list continuation (+) with
  the unit right above.
A delimiter that is never closed is read as a line of text, not as a block to the end.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tui.engine.markup.units import Lines, Unit
from tui.engine.model import UnitKind

# Compound blocks nested deeper than this are cut into blank-line chunks.
MAX_DEPTH = 32

_DELIMITER = re.compile(r"(?:-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|\+{4,}|/{4,}|--|```[\w+-]*|[|,:!]={3,})[ \t]*$")
_VERBATIM_CHARS = frozenset("-.+/`|,:!")  # listing, literal, passthrough, comment, fenced, tables
_TITLE = re.compile(r"(?:={1,6}|#{1,6})[ \t]+\S")
_UNDERLINE = re.compile(r"([=\-~^+])\1+[ \t]*$")
_ATTRIBUTE_LINE = re.compile(r"\[[^\]]*\]\]?[ \t]*$|\[\[")  # [source,sh], [[anchor]], [quote, X]
_BLOCK_TITLE = re.compile(r"\.[^\s.]")
_ATTRIBUTE_ENTRY = re.compile(r":!?[\w][\w-]*!?:(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"[ \t]*(?:\*{1,5}|-|\.{1,5}|\d{1,4}\.|[a-zA-Z]\.|[ivxIVX]{1,5}\))[ \t]+\S")
_DLIST_TERM = re.compile(r"[ \t]*\S.*?(?::{2,4}|;;)(?:[ \t]+|$)")
_BLOCK_MACRO = re.compile(r"(?:image|include|toc|video|audio|ifdef|ifndef|ifeval|endif)::\S*\[.*\][ \t]*$")
_OPENING_CONDITION = re.compile(r"(?:ifdef|ifndef|ifeval)::")
_BREAK = re.compile(r"(?:'{3,}|-{3}|\*{3}|<<<)[ \t]*$")


def units(lines: Lines) -> list[Unit]:
    scanner = _Scanner(lines)
    scanner.body(0, lines.count, 0)
    scanner.flush_prefix()
    return scanner.out


class _Scanner:
    def __init__(self, lines: Lines):
        self.lines = lines.lines
        self.count = lines.count
        self.blank = [not line.strip() for line in self.lines]
        self.out: list[Unit] = []
        self.prefix: int | None = None  # first line of attribute lines waiting for their block
        # Where each delimiter line appears, to find a block's closing line by bisection.
        self.delimiters: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            if line[:1] in "-.=*_+/`|,:!" and _DELIMITER.match(line):
                self.delimiters.setdefault(line.rstrip(), []).append(i)

    def add(self, first: int, last: int, kind: UnitKind) -> None:
        if self.prefix is not None:
            first = self.prefix
            self.prefix = None
        self.out.append(Unit(first, last, kind))

    def flush_prefix(self) -> None:
        """Attribute lines with no block right below them: a unit of their own."""
        if self.prefix is not None:
            first = self.prefix
            self.prefix = None
            last = first
            while last + 1 < self.count and not self.blank[last + 1]:
                last += 1
            self.out.append(Unit(first, last, UnitKind.PREFORMATTED))

    def closing(self, i: int, end: int) -> int | None:
        """The line that closes the delimited block opened at line i, before `end`."""
        opener = self.lines[i].rstrip()
        key = "```" if opener.startswith("```") else opener
        positions = self.delimiters.get(key, ())
        k = bisect_right(positions, i)
        if k < len(positions) and positions[k] < end:
            return positions[k]
        return None

    def body(self, start: int, end: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.flat(start, end)
            return
        i = start
        while i < end:
            if self.blank[i]:
                self.flush_prefix()
                i += 1
                continue
            i = self.construct(i, end, depth)

    def flat(self, start: int, end: int) -> None:
        i = start
        while i < end:
            if self.blank[i]:
                i += 1
                continue
            j = i
            while j < end and not self.blank[j]:
                j += 1
            self.add(i, j - 1, UnitKind.PARAGRAPH)
            i = j

    def construct(self, i: int, end: int, depth: int) -> int:
        """The unit(s) of the construct starting at line i; returns the line after it."""
        line = self.lines[i]
        if _DELIMITER.match(line):
            close = self.closing(i, end)
            if close is not None:
                return self.delimited(i, close, depth)
        if line.startswith("//") and not line.startswith("///"):
            j = i + 1
            while j < end and self.lines[j].startswith("//") and not self.lines[j].startswith("///"):
                j += 1
            self.add(i, j - 1, UnitKind.PREFORMATTED)
            return j
        if _ATTRIBUTE_LINE.match(line) or _BLOCK_TITLE.match(line) or _OPENING_CONDITION.match(line):
            if self.prefix is None:
                self.prefix = i
            return i + 1
        if (
            (line.startswith("endif::") or line.rstrip() == "+")
            and self.out and self.out[-1].last == i - 1 and self.prefix is None
        ):
            self.out[-1] = Unit(self.out[-1].first, i, self.out[-1].kind)  # goes with the unit above
            return i + 1
        if _TITLE.match(line):
            self.add(i, i, UnitKind.HEADING)
            return i + 1
        if _ATTRIBUTE_ENTRY.match(line):
            j = i + 1
            while j < end and _ATTRIBUTE_ENTRY.match(self.lines[j]):
                j += 1
            self.add(i, j - 1, UnitKind.PREFORMATTED)
            return j
        if _BLOCK_MACRO.match(line) or _BREAK.match(line):
            self.add(i, i, UnitKind.PREFORMATTED)
            return i + 1
        if self.underlined(i, end):
            self.add(i, i + 1, UnitKind.HEADING)
            return i + 2
        if _LIST_ITEM.match(line) or _DLIST_TERM.match(line):
            j = i + 1
            if not _LIST_ITEM.match(line):  # terms in a row share the definition below them
                while j < end and _DLIST_TERM.match(self.lines[j]) and not self.lines[j][:1].isspace():
                    j += 1
            j = self.text_end(j, end)
            self.add(i, j - 1, UnitKind.LIST_ITEM)
            return j
        if line[:1] in (" ", "\t"):  # a literal paragraph
            j = i + 1
            while j < end and not self.blank[j]:
                j += 1
            self.add(i, j - 1, UnitKind.PREFORMATTED)
            return j
        j = self.text_end(i + 1, end)
        self.add(i, j - 1, UnitKind.PARAGRAPH)
        return j

    def underlined(self, i: int, end: int) -> bool:
        """A two-line section title: the underline as long as the title, give or take two."""
        if i + 1 >= end or (i > 0 and not self.blank[i - 1] and self.prefix is None):
            return False
        underline = self.lines[i + 1].rstrip()
        title = self.lines[i].rstrip()
        return (
            bool(_UNDERLINE.match(underline))
            and abs(len(underline) - len(title)) <= 2
            and len(underline) >= 2
            and title[:1] not in (" ", "\t")
        )

    def text_end(self, j: int, end: int) -> int:
        """The end of a paragraph or item's text from line j: a blank line, the next item, a list
        continuation, a delimiter, attribute line or title."""
        while j < end and not self.blank[j]:
            line = self.lines[j]
            if (
                _LIST_ITEM.match(line)
                or (_DLIST_TERM.match(line) and not line[:1].isspace())
                or line.rstrip() == "+"
                or (_DELIMITER.match(line) and self.closing(j, end) is not None)
                or _ATTRIBUTE_LINE.match(line)
                or _TITLE.match(line)
                or line.startswith("endif::")
            ):
                break
            j += 1
        return j

    def delimited(self, i: int, close: int, depth: int) -> int:
        opener = self.lines[i].rstrip()
        if opener[0] in _VERBATIM_CHARS and opener != "--":
            self.add(i, close, UnitKind.PREFORMATTED)
            return close + 1
        # Example, sidebar, quote or open block: its content is body text.
        prefix = self.prefix if self.prefix is not None else i
        self.prefix = None
        first = len(self.out)
        self.body(i + 1, close, depth + 1)
        self.flush_prefix()
        if len(self.out) == first:
            self.out.append(Unit(prefix, close, UnitKind.PREFORMATTED))
        else:
            opening = self.out[first]
            self.out[first] = Unit(prefix, opening.last, opening.kind)
            last = self.out[-1]
            self.out[-1] = Unit(last.first, close, last.kind)
        return close + 1
