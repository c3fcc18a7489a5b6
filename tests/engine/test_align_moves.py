"""Moved passages: found wherever they went, edited or not, and marked as moved."""

from __future__ import annotations

from tui.engine.model import BlockKind

from .helpers import PARAS, align_paragraphs, block_with, shape


def test_far_move_is_paired_and_marked_moved() -> None:
    right = PARAS[1:] + PARAS[:1]  # the first paragraph became the last
    result = align_paragraphs(PARAS, right)
    moved = [b for b in result.blocks if b.moved]
    assert [shape(b) for b in moved] == [("equal", (0,), (9,), True)]
    # Everything else is equal and in order; nothing is one-sided.
    assert all(b.kind is BlockKind.EQUAL for b in result.blocks)
    assert len(result.blocks) == 10


def test_moved_and_edited_passage_is_found() -> None:
    edited = PARAS[7].replace("Police are asking", "Officers have appealed").replace("a van", "a white van")
    right = [PARAS[0], edited, *PARAS[1:7], *PARAS[8:]]
    result = align_paragraphs(PARAS, right)
    block = block_with(result, 7)
    assert block.kind is BlockKind.CHANGED and block.moved
    assert block.right[0].text == edited


def test_moved_block_sits_at_its_left_position() -> None:
    right = [*PARAS[:2], *PARAS[3:], PARAS[2]]
    result = align_paragraphs(PARAS, right)
    left_order = [b.left[0].index for b in result.blocks if b.left]
    assert left_order == sorted(left_order)  # blocks come in left reading order
    assert block_with(result, 2).moved


def test_difference_between_reordered_lines_is_not_invented() -> None:
    # A swap of two neighbours: one of them moved, the other is equal in place; no one-sided blocks.
    right = [PARAS[1], PARAS[0], *PARAS[2:]]
    result = align_paragraphs(PARAS, right)
    assert sum(b.moved for b in result.blocks) == 1
    assert not any(b.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY) for b in result.blocks)
