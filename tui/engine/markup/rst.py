"""reStructuredText units from a scanner of its line structure (indentation, adornments,
explicit markup), after docutils' rules but reading nothing, running no directive and never
failing on a directive it does not know.

(docutils was tried: its nodes carry the line a construct starts on, not where it ends, titles
report their underline, a PEP's RFC 2822 header parses as errors, it took 20 times as long as
the plain segmenter on PEP 622, and it overflows the stack on a list nested 200 deep.)

The units, by construct:
- section title, underlined or over- and underlined: one HEADING, adornments included;
- paragraph (hard-wrapped lines and all): one PARAGRAPH; a block quote's paragraphs likewise;
- bullet, enumerated, field or option list item: its first paragraph one LIST_ITEM (from the
  marker on); nested lists and later paragraphs of the item are units of their own;
- definition list item: the term with the first paragraph of its definition, one LIST_ITEM;
- literal block after "::", doctest block, grid or simple table, a transition, a comment, a
  target, a substitution definition, and a directive that is not prose (code, tables, images,
  unknown ones): one PREFORMATTED each, whole;
- a prose directive (note, warning, topic...) or footnote: its markup line goes with the
  first paragraph of its content; the rest of the content is scanned as body text;
- a PEP's header ("PEP: 8", "Title: ..."): one PREFORMATTED per field.
"""

from __future__ import annotations

import re

from tui.engine.markup.units import Lines, Unit
from tui.engine.model import UnitKind

# Nesting deeper than this (quotes in quotes, lists in lists) is cut into blank-line chunks.
MAX_DEPTH = 32
# A simple table's closing border is looked for this many lines down.
MAX_SIMPLE_TABLE = 2000

_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*$")
_EXPLICIT = re.compile(r"\.\.(?:[ \t]|$)")
_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:.+-]+)::(?:[ \t]|$)")
_FOOTNOTE = re.compile(r"\.\.[ \t]+\[[^\]]+\]")
_BULLET = re.compile(r"[-*+•‣⁃](?:[ \t]+|$)")
_ENUMERATOR = r"(?:\d+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)"
_ENUMERATED = re.compile(rf"(?:\(?{_ENUMERATOR}\)|{_ENUMERATOR}\.)(?:[ \t]+|$)")
_FIELD = re.compile(r":(?:[^:\\`]|\\.)+:(?:[ \t]+|$)")
_OPTION_NAME = r"(?:--?\w[\w-]*(?:[ =][\w<>\[\]-]+)?|/\w+)"
_OPTION = re.compile(rf"{_OPTION_NAME}(?:, {_OPTION_NAME})*(?:  +|\t|$)")
_GRID_BORDER = re.compile(r"\+(?:[-=]+\+)+[ \t]*$")
_SIMPLE_BORDER = re.compile(r"=+(?:[ \t]+=+)+[ \t]*$")
_RFC2822_FIELD = re.compile(r"[A-Za-z][\w-]*:(?:[ \t]|$)")

# Directives whose content is prose, scanned as body text like the rest of the document.
PROSE_DIRECTIVES = frozenset(
    "admonition attention caution danger error hint important note tip warning seealso topic sidebar "
    "epigraph pull-quote highlights compound container rubric deprecated versionadded versionchanged "
    "versionremoved only glossary centered hlist tab tabs".split()
)


def units(lines: Lines) -> list[Unit]:
    scanner = _Scanner(lines)
    start = scanner.pep_header()
    scanner.body(start, lines.count, None, 0)
    return scanner.out


class _Scanner:
    def __init__(self, lines: Lines):
        self.lines = lines.lines
        self.count = lines.count
        self.blank = [not line.strip() for line in self.lines]
        self.indents = [_indent(line) for line in self.lines]
        self.out: list[Unit] = []
        self.no_table_before = 0  # simple-table borders before this line close no table

    def add(self, first: int, last: int, kind: UnitKind) -> None:
        self.out.append(Unit(first, last, kind))

    def pep_header(self) -> int:
        """A PEP's RFC 2822 header: each field (with its indented continuation) a unit."""
        end = 0
        while end < self.count and not self.blank[end]:
            end += 1
        starts = [i for i in range(end) if self.indents[i] == 0]
        if len(starts) < 2 or not all(_RFC2822_FIELD.match(self.lines[i]) for i in starts) or starts[0]:
            return 0
        for a, b in zip(starts, [*starts[1:], end], strict=True):
            self.add(a, b - 1, UnitKind.PREFORMATTED)
        return end

    def block_end(self, start: int, end: int, indent: int) -> int:
        """The first line from `start` on that is not blank and indented `indent` or less."""
        i = start
        while i < end and (self.blank[i] or self.indents[i] > indent):
            i += 1
        return i

    def chunk_end(self, start: int, end: int) -> int:
        i = start
        while i < end and not self.blank[i]:
            i += 1
        return i

    def body(
        self, start: int, end: int, first_indent: int | None, depth: int, first_text: str | None = None
    ) -> None:
        """Units of lines start..end-1, a body whose first line is `first_text` indented
        `first_indent` (a list item's text after its marker) or as it stands."""
        if depth > MAX_DEPTH:
            self.flat(start, end)
            return
        base: int | None = None
        i = start
        while i < end:
            if self.blank[i]:
                i += 1
                continue
            indent = first_indent if i == start and first_indent is not None else self.indents[i]
            if base is None or indent < base:
                base = indent
            if indent > base:  # a block quote
                j = self.block_end(i, end, base)
                self.body(i, j, None, depth + 1)
                i = j
                continue
            text = first_text if i == start and first_text is not None else self.lines[i].lstrip()
            i = self.construct(i, end, indent, text, depth)

    def flat(self, start: int, end: int) -> None:
        i = start
        while i < end:
            if self.blank[i]:
                i += 1
                continue
            j = self.chunk_end(i, end)
            self.add(i, j - 1, UnitKind.PARAGRAPH)
            i = j

    def construct(self, i: int, end: int, indent: int, text: str, depth: int) -> int:
        """The unit(s) of the construct starting at line i (`text`, without its indentation or a
        list marker); returns the line after it."""
        following = self.lines[i + 1] if i + 1 < end else ""
        # Section titles and transitions.
        if _ADORNMENT.match(text):
            char = text[0]
            if (i + 2 < end and not self.blank[i + 1] and self.lines[i + 2].lstrip()[:1] == char
                    and _ADORNMENT.match(self.lines[i + 2].lstrip())):
                self.add(i, i + 2, UnitKind.HEADING)
                return i + 3
            self.add(i, i, UnitKind.PREFORMATTED)
            return i + 1
        if (i + 1 < end and not self.blank[i + 1] and self.indents[i + 1] == self.indents[i]
                and _ADORNMENT.match(following.lstrip()) and (i == 0 or self.blank[i - 1])):
            self.add(i, i + 1, UnitKind.HEADING)
            return i + 2
        if _EXPLICIT.match(text):
            return self.explicit(i, end, indent, depth)
        if _GRID_BORDER.match(text):
            j = i + 1
            while j < end and not self.blank[j] and self.lines[j].lstrip()[:1] in ("+", "|"):
                j += 1
            self.add(i, j - 1, UnitKind.PREFORMATTED)
            return j
        if _SIMPLE_BORDER.match(text) and i >= self.no_table_before:
            j = self.simple_table_end(i, end)
            if j is not None:
                self.add(i, j, UnitKind.PREFORMATTED)
                return j + 1
        if text.startswith(">>>"):
            j = self.chunk_end(i, end)
            self.add(i, j - 1, UnitKind.PREFORMATTED)
            return j
        if text.startswith("|") and (len(text) == 1 or text[1] in " \t"):  # a line block
            j = i + 1
            while j < end and not self.blank[j] and (
                self.indents[j] > indent or self.lines[j].lstrip()[:1] == "|"
            ):
                j += 1
            self.add(i, j - 1, UnitKind.PARAGRAPH)
            return j
        marker = self.list_marker(text, i, end, indent)
        if marker is not None:
            return self.item(i, end, indent, text, marker, depth)
        return self.paragraph(i, end, indent, depth)

    def list_marker(self, text: str, i: int, end: int, indent: int) -> int | None:
        """The width of a list item's marker (up to its text) on line i, or None."""
        for pattern in (_BULLET, _FIELD, _OPTION):
            match = pattern.match(text)
            if match:
                return match.end()
        match = _ENUMERATED.match(text)
        if match is None:
            return None
        # As docutils: an enumerator opens an item only if the next line is blank, indented
        # to the item's text, or another item; "A. Smith wrote" on a line is a paragraph.
        if i + 1 >= end or self.blank[i + 1] or self.indents[i + 1] > indent:
            return match.end()
        nxt = self.lines[i + 1].lstrip()
        return match.end() if self.indents[i + 1] == indent and _ENUMERATED.match(nxt) else None

    def item(self, i: int, end: int, indent: int, text: str, marker: int, depth: int) -> int:
        j = self.block_end(i + 1, end, indent)
        rest = text[marker:]
        if i + 1 < j and not self.blank[i + 1]:
            column = self.indents[i + 1]  # the text continues there (a field body: anywhere right of it)
        else:
            column = indent + marker if rest else indent + 2
        first = len(self.out)
        self.body(i, j, column, depth + 1, rest)
        if len(self.out) > first:
            unit = self.out[first]
            kind = UnitKind.LIST_ITEM if unit.kind is UnitKind.PARAGRAPH else unit.kind
            self.out[first] = Unit(i, unit.last, kind)
        return j

    def paragraph(self, i: int, end: int, indent: int, depth: int) -> int:
        j = i + 1
        while j < end and not self.blank[j] and self.indents[j] == indent:
            j += 1
        if j < end and not self.blank[j] and self.indents[j] > indent and j == i + 1:
            # A definition list item: the term and its definition's first paragraph.
            k = self.block_end(j, end, indent)
            first = len(self.out)
            self.body(j, k, None, depth + 1)
            if len(self.out) > first:
                unit = self.out[first]
                kind = UnitKind.LIST_ITEM if unit.kind is UnitKind.PARAGRAPH else unit.kind
                self.out[first] = Unit(i, unit.last, kind)
            else:
                self.add(i, i, UnitKind.PARAGRAPH)
            return k
        self.add(i, j - 1, UnitKind.PARAGRAPH)
        if self.lines[j - 1].rstrip().endswith("::"):
            # A literal block: the indented lines after it, whole.
            k = j
            while k < end and self.blank[k]:
                k += 1
            if k < end and self.indents[k] > indent:
                last = self.block_end(k, end, indent)
                self.add(k, last - 1, UnitKind.PREFORMATTED)
                return last
        return j

    def explicit(self, i: int, end: int, indent: int, depth: int) -> int:
        """A directive, footnote, citation, target, substitution definition or comment."""
        j = self.block_end(i + 1, end, indent)
        text = self.lines[i].lstrip()
        directive = _DIRECTIVE.match(text)
        prose = directive is not None and directive.group(1).lower() in PROSE_DIRECTIVES
        if not prose and not _FOOTNOTE.match(text):
            self.add(i, j - 1, UnitKind.PREFORMATTED)  # code, tables, unknown: whole
            return j
        if directive is None or text[directive.end():].strip():
            # Text on the marker line: it opens the first paragraph.
            first_end = self.chunk_end(i, j)
            self.add(i, first_end - 1, UnitKind.PARAGRAPH)
            self.body(first_end, j, None, depth + 1)
            return j
        # The directive line and its options go with the first unit of the content.
        content = i + 1
        while content < j and not self.blank[content] and self.lines[content].lstrip()[:1] == ":":
            content += 1
        first = len(self.out)
        self.body(content, j, None, depth + 1)
        if len(self.out) > first:
            unit = self.out[first]
            self.out[first] = Unit(i, unit.last, unit.kind)
        else:
            self.add(i, j - 1, UnitKind.PREFORMATTED)
        return j

    def simple_table_end(self, i: int, end: int) -> int | None:
        """The closing border of the simple table whose top border is line i: a border line
        followed by a blank line or the end. None (and no later border up to where the search
        stopped can open one either) when there is none within MAX_SIMPLE_TABLE lines."""
        limit = min(end, i + MAX_SIMPLE_TABLE)
        for j in range(i + 1, limit):
            if (_SIMPLE_BORDER.match(self.lines[j].lstrip()) and (j + 1 >= end or self.blank[j + 1])
                    and self.indents[j] == self.indents[i]):
                return j
        self.no_table_before = limit
        return None


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    prefix = line[: len(line) - len(stripped)]
    return len(prefix.expandtabs(8)) if "\t" in prefix else len(prefix)
