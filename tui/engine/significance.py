"""Which differences matter most: the change classes of a pair's word runs (a difference's, cached
per alignment: tui/engine/pair_diffs.py), and an order of significance for a reviewer who
wants the changes of meaning first (the app's change list, the review report, the change log).

The order: a difference whose most significant class comes earlier in `ChangeClass` (a number,
an amount, a date, a negation, a modal, a quotation, a name) before one whose comes later; a
changed pair before a passage added or removed with a thing of the same class (a value corrected
in place is what a fact-checker hunts; a removed passage's figures may only have been rotated
out of a live page); then the differences with no class of meaning, those of typography or
punctuation only, and last the passages moved with their text unchanged. Ties keep reading order
(sort stably).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tui.engine.classes import FORM_CLASSES, MEANING_CLASSES, ChangeClass, PairClassifier
from tui.engine.model import BlockKind
from tui.engine.worddiff import WordOp

# Ranks after the meaning classes (each of those is ranked twice: in a pair, then one-sided).
PLAIN = 2 * len(MEANING_CLASSES)  # changed words of no class of meaning
_FORM_ONLY = PLAIN + 1  # typography or punctuation only
_MOVED = PLAIN + 2  # moved, text unchanged


def run_classes(
    left: str, right: str, ops: Sequence[WordOp], normalize: bool = True
) -> list[tuple[ChangeClass, ...]]:
    """The classes of each changed run of a pair, in the order of `ops` (from `diff_words(left,
    right, normalize)`; equal runs are skipped unless typographic)."""
    runs = [op for op in ops if op.tag != "equal" or op.typographic]
    return PairClassifier(left, right, normalize).classes_of(runs)


def significance(
    kind: BlockKind | str, classes: Iterable[ChangeClass | str], form_only: bool = False
) -> int:
    """A difference's rank: lower is more significant (see the module's docstring). `form_only`:
    every changed run of the pair is typographic or punctuation only (see `is_form_only`); a
    block's classes alone cannot tell, as a reworded run has no class."""
    present = {ChangeClass(cls) for cls in classes}
    one_sided = kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY)
    for rank, cls in enumerate(MEANING_CLASSES):
        if cls in present:
            return 2 * rank + (1 if one_sided else 0)
    if kind == BlockKind.EQUAL:
        return _MOVED
    return _FORM_ONLY if form_only else PLAIN


def is_form_only(run_classes: Iterable[tuple[ChangeClass, ...]]) -> bool:
    """Whether the classes of each changed run of a pair say typography or punctuation only."""
    runs = list(run_classes)
    return bool(runs) and all(classes and set(classes) <= set(FORM_CLASSES) for classes in runs)


def is_significant(kind: BlockKind | str, classes: Iterable[ChangeClass | str]) -> bool:
    """Whether a difference changes a thing of meaning (a number, a date, a name...)."""
    return significance(kind, classes) < PLAIN
