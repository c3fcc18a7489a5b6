"""Carrying a reviewer's corrections to a newer version of the documents, whose passages may have
changed a little (a typo fixed, a figure updated).

A correction is applied as it was made where its passages are still there, word for word
(corrections.py, by their keys). Failing that, each of its passages is looked for by its text
(similar_text.py, the same measure as for review marks): a side whose key matches still counts as
exact; otherwise the passage must be at least `MIN_RATIO` similar, and the best by a clear margin
(`MARGIN`) over any other candidate. For a pair (unpaired, moved, not moved) both of its sides are
scored together, by the weaker of the two, so one pair must be the clear best.

Precision comes first: a correction carried to the wrong passages would silently undo the
aligner where it was right, while one not carried is kept, reported and can be made again. So a
short passage, a rewritten one, or two candidates about as close are no match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.engine.model import Alignment, Block
from tui.review import similar_text
from tui.review.corrections import Corrected, Correction, CorrectionKind, about, candidates_of, correct
from tui.review.identity import side_key, side_text

MIN_RATIO = 90.0  # similar_text's ratio (0-100) of each side to the passage it was made on
MARGIN = 3.0  # how far ahead of the second candidate the best must be
_EXACT = 100.0


def carry(alignment: Alignment, earlier: Sequence[Correction]) -> tuple[Corrected, list[Correction]]:
    """`alignment` with the corrections of an earlier version's review applied (see the module's
    docstring), and the corrections to keep with this version's review, in their order: each as
    applied here (about its passages here) or, when it found no passages, marked lost."""
    fixes = correct(alignment, earlier, _Finder())
    missing = {c.target for c in fixes.missing}  # as they were: one that is not found stays so
    # `applied` is in the order of `earlier`: the n-th correction found is the n-th applied one
    # (itself, or the same correction about the passages it was carried to).
    found = iter(fixes.applied)
    kept = [replace(c, lost=True) if c.lost or c.target in missing else next(found) for c in earlier]
    return fixes, kept


class _Finder:
    """Finds a correction's passages by their text (`correct`'s retarget): the same correction
    about the passages of the blocks whose text is clearly the nearest to those it was made on,
    or None (see the module's docstring).

    Each side's key and text are computed once per block for all the corrections of a carry (a
    block holds on to its entry, so its id is not reused meanwhile): on the Rust book pair, every
    side read again for each correction took 0.25 s a correction."""

    def __init__(self) -> None:
        self._sides: dict[tuple[int, str], tuple[Block, str | None, str]] = {}

    def __call__(self, alignment: Alignment, blocks: Sequence[Block], c: Correction) -> Correction | None:
        left_text, right_text = _text(c.left_text, c.left_excerpt), _text(c.right_text, c.right_excerpt)
        if not left_text or not right_text:
            return None
        lefts, rights = candidates_of(c.kind, blocks)
        left_scores = self._scores(blocks, lefts, "left", c.left_key, left_text)
        right_scores = self._scores(blocks, rights, "right", c.right_key, right_text)
        if c.kind is CorrectionKind.PAIRED:
            left = similar_text.unique_best(left_scores, MARGIN)
            right = similar_text.unique_best(right_scores, MARGIN)
        else:  # one pair, both of whose sides are near: scored by the weaker side
            both = {
                i: min(score, right_scores[i]) for i, score in left_scores.items()
                if i in right_scores and not self._became_equal(c, blocks[i])
            }
            left = right = similar_text.unique_best(both, MARGIN)
        if left is None or right is None:
            return None
        return about(c.kind, blocks, left, right, carried=True)

    def _side(self, block: Block, side: str) -> tuple[str | None, str]:
        """The side's key (identity.side_key) and its text as similar_text compares it."""
        entry = self._sides.get((id(block), side))
        if entry is None:
            passages = block.left if side == "left" else block.right
            entry = self._sides[(id(block), side)] = (
                block, side_key(passages), similar_text.comparable(side_text(passages)))
        return entry[1], entry[2]

    def _scores(
        self, blocks: Sequence[Block], candidates: Sequence[int], side: str, key: str, text: str
    ) -> dict[int, float]:
        """Each candidate whose `side` is the passage of `key` (100) or at least MIN_RATIO similar
        to `text`, with its score."""
        query = similar_text.comparable(text)
        fuzzy = len(query) >= similar_text.MIN_CHARS
        exact: dict[int, float] = {}
        texts: dict[int, str] = {}
        for index in candidates:
            found_key, found_text = self._side(blocks[index], side)
            if found_key == key:
                exact[index] = _EXACT
            elif fuzzy:
                texts[index] = found_text
        return {**(similar_text.ratios(query, texts, MIN_RATIO) if texts else {}), **exact}

    def _became_equal(self, c: Correction, block: Block) -> bool:
        """A pair the reviewer parted whose two sides now say the same: the reason to part them
        is gone (the newer text went back to the older one)."""
        same_now = self._side(block, "left")[0] == self._side(block, "right")[0]
        return c.kind is CorrectionKind.UNPAIRED and same_now and c.left_key != c.right_key


def _text(text: str, excerpt: str) -> str:
    """A side's text; for a correction saved before the texts were, its excerpt when it is whole."""
    if text or excerpt.endswith("…"):
        return text
    return excerpt
