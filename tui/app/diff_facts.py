"""The facts a filter reads of each difference of an alignment (diff_filter.DiffFacts): its change
classes, as `diptych --json` and the change list give them (tui.engine.pair_diffs), how many
words changed, whether only typography or punctuation did, and its kinds (changed, added,
removed, moved). Pure Python; computed once per alignment, when a filter is first set, from the
alignment's shared word diffs (tui/engine/pair_diffs.py)."""

from __future__ import annotations

from tui.app.diff_filter import ADDED, CHANGED, MOVED, REMOVED, DiffFacts
from tui.engine.model import Alignment, Block, BlockKind
from tui.engine.pair_diffs import pair_diffs, side_text
from tui.engine.significance import is_form_only
from tui.engine.tokens import words

# A passage equal to its partner except in typography (≈): no difference to step to, but a
# change of typography to a reader, which a filter folds away unless it asks for typography.
TYPOGRAPHY_ONLY = DiffFacts(frozenset({"typographic"}), 0, True)


def typography_only_blocks(alignment: Alignment) -> list[int]:
    """The blocks equal to their partner except in typography (marked ≈)."""
    return [
        index for index, block in enumerate(alignment.blocks)
        if block.typographic_only and not block.is_difference
    ]


def changed_pair_characters(alignment: Alignment) -> int:
    """The characters of both sides of the changed pairs: what finding the facts costs (a word
    diff and the classes, about a millisecond per 2,000 characters)."""
    return sum(
        passage.end_offset - passage.start_offset
        for block in alignment.blocks if block.left and block.right and block.is_difference
        for passage in (*block.left, *block.right)
    )


def difference_facts(alignment: Alignment) -> dict[int, DiffFacts]:
    """The facts of every difference, by block index."""
    return {
        index: block_facts(block, alignment)
        for index, block in enumerate(alignment.blocks) if block.is_difference
    }


def block_facts(block: Block, alignment: Alignment) -> DiffFacts:
    diffs = pair_diffs(alignment)  # the word diffs and classes the panes, strip and report share
    classes = frozenset(cls.value for cls in diffs.classes(block))
    if not block.left or not block.right:  # a passage on one side only: all its words changed
        document, passages = (alignment.left, block.left) if block.left else (alignment.right, block.right)
        kind = REMOVED if block.left else ADDED
        return DiffFacts(classes, len(words(side_text(document, passages))), False, frozenset({kind}))
    left, right = diffs.texts(block)
    ops, runs = diffs.ops(block), diffs.runs(block)
    changed = sum(
        len(words(left[op.left_start:op.left_end])) + len(words(right[op.right_start:op.right_end]))
        for op in ops if op.tag != "equal"
    )
    if block.moved and changed == 0:
        # Moved with its text unchanged: the whole passage changed place.
        changed = len(words(left))
    present = ((CHANGED, block.kind is BlockKind.CHANGED), (MOVED, block.moved))
    kinds = frozenset(kind for kind, is_one in present if is_one)
    return DiffFacts(classes, changed, is_form_only(runs), kinds)
