"""Markdown units from markdown-it-py's block tokens and their source line maps.

Only the block parser runs (inline parsing is switched off: it is most of the cost and has
nothing to say about units). The units, by construct:
- heading (ATX, or setext with its underline): one HEADING;
- paragraph (hard-wrapped lines and all): one PARAGRAPH;
- list item: its first paragraph, from the marker line on, is one LIST_ITEM (wrapped lines and
  lazy continuations included); a nested list's items and the item's later paragraphs are units
  of their own;
- block quote: each paragraph inside it one PARAGRAPH (the ">" lines between them join the one
  above);
- fenced or indented code, a table, an HTML block or comment, a thematic break: one PREFORMATTED
  each (sentence mode never splits them);
- front matter (YAML between "---" lines at the top; kramdown-rfc ends it with "--- abstract"):
  one PREFORMATTED per top-level key with the lines indented under it;
- link reference definition: one PREFORMATTED per definition; footnote definition: its first
  paragraph one PARAGRAPH, from the "[^1]:" line on.
A fence or an HTML comment left open at the top level would swallow the rest of the document as
code: its opening line is read as text instead, and the document parsed again.

The parser costs 7-30 µs a line, 4-6 times the plain segmentation; most of a book is plain
paragraphs, which it would only confirm. So a plain paragraph between blank lines is a unit
without the parser (see _plain_runs: lines no block construct can start or end, nor continue a
list after) and blank in the parser's copy, which keeps the line numbers. Such lines inside a
fence or an HTML block that spans blank lines are still inside it for the parser (a blank line
does not end either); there the parser's unit wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from tui.engine.markup.units import Lines, TooLarge, Unit
from tui.engine.model import UnitKind

# Tokens that are one unit whole, whatever they hold (tables: a container in the token stream).
_WHOLE = {
    "fence": UnitKind.PREFORMATTED,
    "code_block": UnitKind.PREFORMATTED,
    "html_block": UnitKind.PREFORMATTED,
    "hr": UnitKind.PREFORMATTED,
    "table_open": UnitKind.PREFORMATTED,
    "heading_open": UnitKind.HEADING,
    "paragraph_open": UnitKind.PARAGRAPH,
}
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:")
# Open top-level blocks re-read as text, at most this many times (each costs a parse).
MAX_REPARSES = 3
# Front matter is looked for in this many lines at the top.
MAX_FRONT_MATTER = 2000
# A line that cannot start or interrupt any block: none of the block markers at its start (no
# indentation, "#", ">", "-", "+", "=", "|", ":", "[", "~", a digit, a fence, "* "/"_ " or a
# break "***"; "<" only where no HTML block starts: _HTML_OPENERS), so a run of them after a
# blank line is a paragraph at the top level, or lies inside a fence or an HTML block.
_PLAIN_LINE = re.compile(r"(?![*_]\s|[*_]{3}|```)[^\s\-+<>#|\[~=\d!:.]")
# Where an HTML block that spans blank lines (<!-- -->, <?...?>, <!X...>, CDATA, <pre>, <script>,
# <style>, <textarea>) may start: at a line's start after any container's markers. A superset:
# each one's end (the first line from there holding its closing sequence) is left to the parser.
_SPANNING_OPENER = re.compile(
    r"^[ \t>*+\-\d.)]*(<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?=[\s>]|$)))",
    re.IGNORECASE | re.MULTILINE,
)
# markdown-it-py costs 7-30 µs a line (its block rules are tried line by line in Python): a
# longer document is segmented as plain text, in a fraction of the time (about 2 s at this size
# for short lines or a table, against 0.3 s).
MAX_LINES = 100_000


@cache
def _parser() -> MarkdownIt:
    # CommonMark (its nesting limit of 20 bounds hostile nesting) with HTML blocks, GFM tables
    # and footnote definitions, left where they are in the token stream.
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.disable(["inline", "text_join"])
    return md


def units(lines: Lines, skip_plain: bool = True) -> list[Unit]:
    """The document's units; `skip_plain=False` has the parser read the plain paragraphs too
    (the reference the tests compare the quick way with)."""
    if lines.count > MAX_LINES:
        raise TooLarge(f"{lines.count} lines")
    front = _front_matter(lines)
    # The parser's copy: lines blanked keep the others' numbers.
    source = list(lines.lines)
    if front:
        # Front matter is not Markdown.
        source[: front[-1].last + 1] = [""] * (front[-1].last + 1)
    plain = _plain_runs(source, _html_ends(lines)) if skip_plain else []
    for first, last in plain:
        source[first : last + 1] = [""] * (last + 1 - first)
    for _ in range(MAX_REPARSES):
        tokens = _parser().parse("\n".join(source))
        opened = _left_open(tokens, lines)
        if opened is None:
            break
        # Escaped, the opening line is a paragraph's text.
        source[opened] = "\\" + source[opened]
    if plain and _swallowed(tokens, plain):
        return units(lines, skip_plain=False)
    return _merged(front + _units(tokens, lines), plain)


def _swallowed(tokens: list[Token], plain: list[tuple[int, int]]) -> bool:
    """Does a block inside a list item or quote reach into a plain run? Unclosed there (a fence,
    an HTML block), it would have ended where the run, not indented, ended its container; with
    the run blank, it runs on. Rare: then the parser reads the whole document."""
    firsts = [first for first, _ in plain]
    for token in tokens:
        if token.level and token.map and token.type in _WHOLE:
            k = bisect_right(firsts, token.map[1] - 1)
            if k and plain[k - 1][1] >= token.map[0]:
                return True
    return False


def _plain_runs(source: list[str], html_ends: set[int]) -> list[tuple[int, int]]:
    """(first, last) of every run of non-blank lines between blank lines (or the document's
    ends) that are all plain (_PLAIN_LINE, or an HTML tag no block starts with) and hold no
    end of an HTML block (`html_ends`), followed by a line that is not indented (which could
    continue a list item above them, or an indented code block above them: without them, the
    parser would read the two as one). The last run is left to the parser: a fence or HTML
    block left open before it ends at the last line the parser sees."""
    runs: list[tuple[int, int]] = []
    count = len(source)
    plain_line = _PLAIN_LINE.match
    openers = [opener.match for opener, _, _ in HTML_SEQUENCES]
    line = 0
    while line < count:
        if not source[line].strip():
            line += 1
            continue
        first = line
        plain = True
        while line < count and source[line].strip():
            text = source[line]
            if plain and not (
                plain_line(text) or (text[0] == "<" and not any(match(text) for match in openers))
            ):
                plain = False
            line += 1
        if not plain or (html_ends and not html_ends.isdisjoint(range(first, line))):
            continue
        after = line
        while after < count and not source[after].strip():
            after += 1
        if after == count or source[after][0] in " \t":
            continue
        runs.append((first, line - 1))
    return runs


def _html_ends(lines: Lines) -> set[int]:
    """The lines where an HTML block that spans blank lines may end, if one starts where
    _SPANNING_OPENER finds it: markdown-it-py's closing sequence of its kind, searched from its
    opening "<" on."""
    ends: set[int] = set()
    text = lines.text
    closings = {0: HTML_SEQUENCES[0][1], 1: HTML_SEQUENCES[1][1], 2: HTML_SEQUENCES[2][1],
                3: HTML_SEQUENCES[3][1], 4: HTML_SEQUENCES[4][1]}
    for found in _SPANNING_OPENER.finditer(text):
        tag = found.group(1)
        kind = next(k for k in (4, 1, 2, 3, 0) if HTML_SEQUENCES[k][0].match(tag))
        end = closings[kind].search(text, found.start(1))
        if end is not None:
            ends.add(bisect_right(lines.starts, end.start()) - 1)
    return ends


def _merged(parsed: list[Unit], plain: list[tuple[int, int]]) -> list[Unit]:
    """The parser's units and the plain paragraphs in document order; a plain run inside a unit
    of the parser (a fence, an HTML block) is the parser's."""
    firsts = [unit.first for unit in parsed]
    extra: list[Unit] = []
    for first, last in plain:
        k = bisect_right(firsts, first)
        if k and parsed[k - 1].last >= first:
            continue
        extra.append(Unit(first, last, UnitKind.PARAGRAPH))
    if not extra:
        return parsed
    return sorted([*parsed, *extra], key=lambda unit: unit.first)


def _front_matter(lines: Lines) -> list[Unit]:
    """The units of the front matter, if the document opens with some: one per top-level key."""
    if lines.lines[0].rstrip() != "---":
        return []
    for end in range(1, min(lines.count, MAX_FRONT_MATTER)):
        line = lines.lines[end]
        if line.startswith("---") or line.rstrip() == "...":
            break
    else:
        return []
    closing = lines.lines[end].rstrip() in ("---", "...")  # else kramdown-rfc's "--- abstract"
    firsts = [0] + [i for i in range(2, end) if lines.lines[i][:1] not in ("", " ", "\t", "#", "-")]
    out = [Unit(a, b - 1, UnitKind.PREFORMATTED) for a, b in zip(firsts, [*firsts[1:], end], strict=True)]
    # The opening "---" goes with the first key; the closing line with the last, or is a heading.
    out[-1] = Unit(out[-1].first, end if closing else end - 1, UnitKind.PREFORMATTED)
    if not closing:
        out.append(Unit(end, end, UnitKind.HEADING))
    return out


def _left_open(tokens: list[Token], lines: Lines) -> int | None:
    """The first line of a top-level fence or HTML comment that runs to the end of the document
    unclosed, or None."""
    for token in tokens:
        if token.level or token.map is None or token.map[1] < lines.count - 1:
            continue
        first, end = token.map
        last_text = lines.lines[end - 1].strip() if end - 1 > first else ""
        if token.type == "fence":
            marker = token.markup
            if not (last_text.startswith(marker) and not last_text.strip(marker[0])):
                return first
        elif (
            token.type == "html_block"
            and lines.lines[first].lstrip().startswith("<!--")
            and "-->" not in "\n".join(lines.lines[first:end])
        ):
            return first
    return None


def _units(tokens: list[Token], lines: Lines) -> list[Unit]:
    out: list[Unit] = []
    covered_to = 0  # line after the last unit: lines skipped since hold link definitions
    item_pending = False  # a list item opened and its first block not seen yet
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = _WHOLE.get(token.type)
        if token.type == "list_item_open":
            item_pending = True
        elif token.type == "list_item_close":
            item_pending = False
        if kind is None or token.map is None:
            i += 1
            continue
        first, end = token.map
        _add_link_definitions(lines, covered_to, first, out)
        if item_pending and kind is UnitKind.PARAGRAPH:
            kind = UnitKind.LIST_ITEM
        item_pending = False
        out.append(Unit(first, end - 1, kind))
        covered_to = max(covered_to, end)
        i = _after(tokens, i) if token.nesting == 1 else i + 1
    _add_link_definitions(lines, covered_to, lines.count, out)
    return out


def _after(tokens: list[Token], i: int) -> int:
    """The index after the token that closes the one opened at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)


def _add_link_definitions(lines: Lines, start: int, end: int, out: list[Unit]) -> None:
    """Link reference definitions make no token: each line between two blocks that starts one is
    a unit (a title wrapped onto the next line stays a line of its own)."""
    for line in range(start, end):
        if _LINK_DEFINITION.match(lines.lines[line]):
            out.append(Unit(line, line, UnitKind.PREFORMATTED))
