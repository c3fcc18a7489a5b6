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
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
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


def units(lines: Lines) -> list[Unit]:
    if lines.count > MAX_LINES:
        raise TooLarge(f"{lines.count} lines")
    front = _front_matter(lines)
    source = lines.text
    if front:
        # Blank in the parser's copy (the lines keep their numbers): it is not Markdown.
        end = front[-1].last + 1
        source = "\n" * end + source[lines.starts[end] if end < lines.count else len(source):]
    for _ in range(MAX_REPARSES):
        tokens = _parser().parse(source)
        opened = _left_open(tokens, lines)
        if opened is None:
            break
        # Escaped, the opening line is a paragraph's text; the lines keep their numbers.
        start = lines.starts[opened]
        source = source[:start] + "\\" + source[start:]
    return front + _units(tokens, lines)


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
