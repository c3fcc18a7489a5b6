"""Search both documents: matches in the displayed text of every passage, in display order (block
by block, left side before right). Pure Python (no Textual).

By default a query matches as alignment compares: case, quotes (' ’ ‘), double quotes (" “ ” « »),
dashes (- – — and "--"; spaced or not), "..." and "…", and runs of spaces all fold — the engine's own
table (tui/engine/normalize.py), read the other way round: the query is folded, and each folded
character matches any of its variants in the original text, so a match's offsets are those of the
text on screen. A query that starts with EXACT ("=Trump’s") matches case and typography exactly as
typed (runs of spaces still match any spacing: the panes show a line break as a space).

The right side of an equal pair holds the same words as its left side: its matches are marked but
not stepped through (n/N would visit the same words twice, and the stacked view shows such a
pair once)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.app.layout import LEFT, RIGHT, TextStore
from tui.engine.model import Block, BlockKind
from tui.engine.normalize import typographic_variants, typography_key

EXACT = "="
MAX_MATCHES = 100_000  # a one-letter query in a 2 MB file should not build millions of marks


@dataclass(frozen=True, slots=True)
class Match:
    block: int
    side: int
    pos: int  # passage position within the block's side
    start: int  # display offsets in that passage
    end: int
    navigable: bool = True  # False: the right side of an equal pair (marked, not stepped to)


def _alternatives() -> dict[str, str]:
    """Folded text -> a regular expression for it and each of its typographic variants."""
    found = {}
    for folded, variants in typographic_variants().items():
        singles = "".join(re.escape(v) for v in variants if len(v) == 1)
        longer = [re.escape(v) for v in variants if len(v) > 1]
        found[folded] = "(?:" + "|".join([*longer, f"[{singles}]"]) + ")" if longer else f"[{singles}]"
    return found


_ALTERNATIVES = _alternatives()
# Pieces of a folded query: a run of dashes with the spaces around it ("word - word", "word-word"
# and "word — word" are one dash to alignment), an ellipsis, a run of spaces, a character.
_PIECE = re.compile(r"\s*-+\s*|\.\.\.|\s+|.", re.DOTALL)


def search_pattern(query: str) -> re.Pattern[str] | None:
    """The expression that finds `query` (see the module's docstring); None for a blank query."""
    exact = query.startswith(EXACT)
    words = (query[len(EXACT):] if exact else query).split()
    if not words:
        return None
    if exact:
        return re.compile(r"\s+".join(map(re.escape, words)))
    folded = typography_key(" ".join(words))
    parts = []
    for piece in _PIECE.finditer(folded):
        text = piece.group()
        if "-" in text:
            before = r"\s*" if piece.start() > 0 else ""
            after = r"\s*" if piece.end() < len(folded) else ""
            parts.append(f"{before}{_ALTERNATIVES['-']}{{1,3}}{after}")
        elif text.isspace():
            parts.append(r"\s+")
        else:
            parts.append(_ALTERNATIVES.get(text) or re.escape(text))
    return re.compile("".join(parts), re.IGNORECASE)


def find_matches(blocks: Sequence[Block], texts: TextStore, query: str) -> list[Match]:
    pattern = search_pattern(query)
    if pattern is None:
        return []
    matches: list[Match] = []
    for index, block in enumerate(blocks):
        plain_equal = block.kind is BlockKind.EQUAL and not block.moved and not block.typographic_only
        for side, passages in ((LEFT, block.left), (RIGHT, block.right)):
            navigable = not (plain_equal and side == RIGHT)
            for pos, passage in enumerate(passages):
                for found in pattern.finditer(texts.get(side, passage).text):
                    matches.append(Match(index, side, pos, found.start(), found.end(), navigable))
                    if len(matches) >= MAX_MATCHES:
                        return matches
    return matches


def match_marks(matches: Sequence[Match]) -> dict[tuple[int, int, int], list[tuple[int, int]]]:
    marks: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for m in matches:
        marks.setdefault((m.block, m.side, m.pos), []).append((m.start, m.end))
    return marks
