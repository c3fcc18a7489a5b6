"""Splits and merges are one block (1→2, 2→1, 1→3), even when a piece is short or reworded."""

from __future__ import annotations

from tui.engine.model import BlockKind

from .helpers import PARAS, align_paragraphs, block_with, shape

LONG = (
    "The committee met for six hours on Monday. It heard from residents, traders and the police. "
    "Most speakers opposed the plan to close the market on Sundays. The chair said a decision "
    "would be published within a fortnight, after legal advice."
)


def test_paragraph_split_in_three_is_one_block() -> None:
    parts = [
        "The committee met for six hours on Monday. It heard from residents, traders and the police.",
        "Most speakers opposed the plan to close the market on Sundays.",
        "The chair said a decision would be published within a fortnight, after legal advice.",
    ]
    result = align_paragraphs([PARAS[0], LONG, PARAS[1]], [PARAS[0], *parts, PARAS[1]])
    assert shape(block_with(result, 1)) == ("equal", (1,), (1, 2, 3), False)


def test_edited_merge_is_one_changed_block() -> None:
    merged = (PARAS[3] + " " + PARAS[4]).replace("in spring", "next April").replace("unusual", "record")
    result = align_paragraphs(PARAS[2:6], [PARAS[2], merged, PARAS[5]])
    assert [shape(b) for b in result.blocks] == [
        ("equal", (0,), (0,), False),
        ("changed", (1, 2), (1,), False),
        ("equal", (3,), (2,), False),
    ]


def test_short_reworded_piece_of_a_split_joins_its_block() -> None:
    # The heading-like first sentence was split off and reworded: on its own it adds little to
    # the score, but it is the counterpart of what the left paragraph has left over.
    body = LONG + " " + PARAS[5]
    left = [PARAS[0], "8. Limitation of Liability. " + body, PARAS[1]]
    right = [PARAS[0], "8. Limitation of Damages.", body, PARAS[1]]
    result = align_paragraphs(left, right)
    assert shape(block_with(result, 1)) == ("changed", (1,), (1, 2), False)


def test_a_neighbour_that_belongs_elsewhere_is_not_absorbed() -> None:
    # Right 1 is a shortened left 1; right 2 is left 6 moved next to it. The split search must
    # not swallow right 2 into left 1's block: it pairs with left 6.
    short = "The council approved the new budget on Tuesday after a long debate."
    left = [PARAS[9], PARAS[0], *PARAS[1:5], PARAS[6]]
    right = [PARAS[9], short, PARAS[6], *PARAS[1:5]]
    result = align_paragraphs(left, right)
    assert shape(block_with(result, 1))[1:3] == ((1,), (1,))
    assert block_with(result, 6).right[0].text == PARAS[6]


def test_unrelated_neighbour_is_not_glued_to_a_pair() -> None:
    reworded = PARAS[0].replace("approved", "passed").replace("long debate", "heated debate")
    result = align_paragraphs([PARAS[0], PARAS[2]], [reworded, PARAS[8], PARAS[2]])
    assert shape(result.blocks[0]) == ("changed", (0,), (0,), False)
    assert shape(result.blocks[1]) == ("right_only", (), (1,), False)


def test_merged_block_reports_one_kind_for_the_whole_unit() -> None:
    result = align_paragraphs([PARAS[0], PARAS[1]], [PARAS[0] + " " + PARAS[1]])
    assert len(result.blocks) == 1 and result.blocks[0].kind is BlockKind.EQUAL
