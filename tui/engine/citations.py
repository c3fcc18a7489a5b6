"""Cited links merged or split in place: a list of links that became one sentence citing them,
or a sentence whose links became a list.

A reviser who turns "- For details about the change, see [docs.rs#632](…)" and two more such
items into "You can learn more about the change in [the issue proposing it][docs.rs#343] and
[the PR with the implementation][docs.rs#632]. …" keeps almost none of the items' wording (the
similarity is 0.1 to 0.25), so neither the threshold nor the in-place rules pair them. What a
reader sees is that the sentence cites the very links the items cited, and in the same place.
Both are required here:

- **Place**: the pieces and the passage lie between the same two unchanged (equal) pairs, in
  a stretch of at most WINDOW passages a side — a section rewritten where it stands.
- **Content**: two or more adjacent small pieces (at most PIECE_WORDS words a reader reads), each
  citing links, every one of which the passage cites under the same name (the link's text or
  its reference label). A name counts only where it names one link of the stretch: cited by one
  piece and by the passage, by no other passage left unpaired there. Only links count, written
  `[text](target)` or `[text][label]`: a bracketed word ("[1]", "[sic]") is no citation, nor is
  a shared topic word, nor an address (a link's target is not compared at all).

One piece alone is not paired here: a single item and a sentence sharing one link are the
in-place rules' concern (tui.engine.in_place), which need shared words as well.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from tui.engine.model import Passage, UnitKind
from tui.engine.tokens import prose_words

# A stretch between two equal pairs of at most this many passages a side is "the same place".
WINDOW = 16
# A piece is small: a link item, not a paragraph that happens to cite something.
PIECE_WORDS = 30
# A merge or split has this many pieces at least.
MIN_PIECES = 2

# An inline link [text](target) or a reference link [text][label] / [text][] (images too). A
# definition "[label]: address" is neither: it is followed by a colon.
_LINK = re.compile(r"\[([^\[\]\n]+)\](?:\(([^()\n]*)\)|\[([^\[\]\n]*)\])")
# Code spans hold code, not links ("m[i][j]").
_CODE_SPAN = re.compile(r"(`+)[^`]+?\1")
_LETTER_OR_DIGIT = re.compile(r"\w")

Pair = tuple[list[int], list[int]]


def link_names(text: str) -> frozenset[str]:
    """The names under which a passage cites links: an inline link's text, a reference link's
    text and label; case and spacing folded, as Markdown folds labels."""
    if "[" not in text:
        return frozenset()
    names: set[str] = set()
    for match in _LINK.finditer(_CODE_SPAN.sub(" ", text)):
        shown, _, label = match.groups()
        for name in (shown, label):
            if name and _LETTER_OR_DIGIT.search(name):
                names.add(" ".join(name.casefold().split()))
    return frozenset(names)


def windows(
    equal_pairs: Sequence[tuple[int, int]], used_l: set[int], used_r: set[int], n_left: int, n_right: int
) -> list[tuple[list[int], list[int]]]:
    """The unpaired passages between each two consecutive equal pairs (`equal_pairs`: (left,
    right) indices in order), where the stretch is short on both sides and each has some."""
    bounds = [(-1, -1), *equal_pairs, (n_left, n_right)]
    out: list[tuple[list[int], list[int]]] = []
    for (i0, j0), (i1, j1) in pairwise(bounds):
        if not (0 < i1 - i0 - 1 <= WINDOW and 0 < j1 - j0 - 1 <= WINDOW):
            continue
        lefts = [i for i in range(i0 + 1, i1) if i not in used_l]
        rights = [j for j in range(j0 + 1, j1) if j not in used_r]
        if lefts and rights:
            out.append((lefts, rights))
    return out


def _names_of(indices: list[int], units: Sequence[Passage]) -> dict[int, frozenset[str]]:
    return {
        k: names
        for k in indices
        if units[k].kind is not UnitKind.PREFORMATTED and (names := link_names(units[k].text))
    }


def _merges(
    pieces_side: list[int],
    whole_side: list[int],
    piece_units: Sequence[Passage],
    whole_units: Sequence[Passage],
) -> list[tuple[list[int], int]]:
    """(adjacent pieces, the one passage citing all their links) within one window."""
    piece_names = _names_of(pieces_side, piece_units)
    whole_names = _names_of(whole_side, whole_units)
    if len(piece_names) < MIN_PIECES or not whole_names:
        return []
    # A name that names more than one passage's link on either side says nothing about which.
    seen = Counter(n for names in piece_names.values() for n in names)
    seen.update(n for names in whole_names.values() for n in names)
    cited_by: dict[str, int] = {n: k for k, names in whole_names.items() for n in names if seen[n] == 2}
    owner: dict[int, int] = {}  # piece → the passage citing every one of its links
    for k, names in piece_names.items():
        wholes = {cited_by.get(n) for n in names}
        if len(wholes) == 1 and None not in wholes and len(prose_words(piece_units[k].text)) <= PIECE_WORDS:
            owner[k] = wholes.pop()
    found: list[tuple[list[int], int]] = []
    run: list[int] = []
    for k in sorted(owner):
        if run and (k != run[-1] + 1 or owner[k] != owner[run[-1]]):
            if len(run) >= MIN_PIECES:
                found.append((run, owner[run[0]]))
            run = []
        run.append(k)
    if len(run) >= MIN_PIECES:
        found.append((run, owner[run[0]]))
    return found


def citation_pairs(
    gaps: list[tuple[list[int], list[int]]], left_units: Sequence[Passage], right_units: Sequence[Passage]
) -> list[Pair]:
    """The merges (several left pieces, one right passage) and splits (one left passage, several
    right pieces) of cited links in these windows (see the module docstring), as (lefts,
    rights)."""
    found: list[Pair] = []
    for lefts, rights in gaps:
        used: set[tuple[str, int]] = set()
        for pieces, whole in _merges(lefts, rights, left_units, right_units):
            found.append((pieces, [whole]))
            used.update(("L", k) for k in pieces)
            used.add(("R", whole))
        for pieces, whole in _merges(rights, lefts, right_units, left_units):
            if ("L", whole) not in used and not any(("R", k) in used for k in pieces):
                found.append(([whole], pieces))
    return found
