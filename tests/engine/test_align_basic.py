"""Alignment on small hand-made texts, one phenomenon each, and the seeds' expected pairs."""

from __future__ import annotations

import textwrap

from tui.engine.compare import compare_documents, compare_files
from tui.engine.model import Alignment, AlignOptions, BlockKind
from tui.engine.reading import make_document

P1 = "The council approved the new budget on Tuesday after a long debate about school funding and roads."
P2 = "Residents of the northern district complained that the bus service had been cut twice this year."
P3 = "The mayor promised a review of the library opening hours before the end of the summer season."
P4 = "A new bridge over the river will open in spring, the transport department said in a statement."
P5 = "Fishermen reported an unusual number of seals in the harbour during the early weeks of October."


def _align(left: list[str], right: list[str], **options) -> Alignment:
    return compare_documents(
        make_document("left", "\n\n".join(left) + "\n"),
        make_document("right", "\n\n".join(right) + "\n"),
        AlignOptions(**options),
    )


def _pairs(alignment: Alignment) -> list[tuple[str, tuple[int, ...], tuple[int, ...], bool]]:
    return [
        (str(b.kind), tuple(p.index for p in b.left), tuple(p.index for p in b.right), b.moved)
        for b in alignment.blocks
    ]


def test_identical_documents_are_all_equal() -> None:
    result = _align([P1, P2, P3], [P1, P2, P3])
    assert _pairs(result) == [("equal", (i,), (i,), False) for i in range(3)]
    assert result.identical


def test_reworded_passage_pairs_as_changed() -> None:
    reworded = P2.replace("complained", "said").replace("twice this year", "two times in 2024")
    result = _align([P1, P2, P3], [P1, reworded, P3])
    assert _pairs(result)[1] == ("changed", (1,), (1,), False)
    assert 0.5 < result.blocks[1].score < 1.0


def test_typographic_only_difference_is_equal_but_visible() -> None:
    left = 'He said "we will review it" -- and left.'
    right = "He said “we will review it” — and left."
    result = _align([P1, left], [P1, right])
    block = result.blocks[1]
    assert block.kind is BlockKind.EQUAL and block.typographic_only
    strict = _align([P1, left], [P1, right], normalize=False)
    assert strict.blocks[1].kind is BlockKind.CHANGED


def test_one_sided_passages() -> None:
    result = _align([P1, P2, P3], [P1, P3, P4])
    assert _pairs(result) == [
        ("equal", (0,), (0,), False),
        ("left_only", (1,), (), False),
        ("equal", (2,), (1,), False),
        ("right_only", (), (2,), False),
    ]


def test_moved_passage_is_paired_and_marked() -> None:
    result = _align([P1, P2, P3, P4, P5], [P1, P3, P4, P5, P2])
    moved = [b for b in result.blocks if b.moved]
    assert len(moved) == 1
    assert moved[0].left[0].text == P2 and moved[0].right[0].text == P2
    assert all(b.kind is BlockKind.EQUAL for b in result.blocks)


def test_rewrapped_paragraph_is_equal() -> None:
    wrapped = textwrap.fill(P1, width=40)  # the same words, hard-wrapped at 40 columns
    assert wrapped.count("\n") >= 2
    result = _align([P1, P2], [wrapped, P2])
    assert _pairs(result)[0] == ("equal", (0,), (0,), False)
    assert not result.blocks[0].typographic_only


def test_distinct_passages_on_the_same_topic_do_not_pair() -> None:
    a = "The council approved the budget on Tuesday, giving more money to schools across the city."
    b = "Teachers' unions criticised the council on Friday for cutting the schools maintenance fund."
    result = _align([P1, a, P3], [P1, b, P3])
    assert ("left_only", (1,), (), False) in _pairs(result)
    assert ("right_only", (), (1,), False) in _pairs(result)


def test_split_paragraph_is_one_block() -> None:
    result = _align([P1 + " " + P2, P3], [P1, P2, P3])
    assert _pairs(result) == [("equal", (0,), (0, 1), False), ("equal", (1,), (2,), False)]


def test_merged_paragraphs_are_one_block() -> None:
    edited = (P1 + " " + P2).replace("Tuesday", "Wednesday")
    result = _align([P1, P2, P3], [edited, P3])
    assert _pairs(result) == [("changed", (0, 1), (0,), False), ("equal", (2,), (1,), False)]


def test_seeds_pair_the_shared_opening_and_not_the_crimea_backgrounds(seed_paths) -> None:
    result = compare_files(str(seed_paths[0]), str(seed_paths[1]))
    by_left_line = {b.left[0].start_line: b for b in result.blocks if b.left and b.right}
    # Kremlin echoes Trump, "Crimea was lost", the US president's "harder" claim, the casualty paragraph.
    for left_line, right_line in [(3, 1), (4, 2), (5, 3), (7, 5)]:
        block = by_left_line[left_line]
        assert block.kind is BlockKind.CHANGED and not block.moved
        assert block.right[0].start_line == right_line
    casualty = by_left_line[7]
    assert "nine" in casualty.left[0].text and "eight" in casualty.right[0].text
    # "Why is Crimea so militarily significant?" (left 24-30) and "What is the history of Crimea"
    # (right 30-36) are different background sections: none of their passages pair.
    for block in result.blocks:
        if block.left and block.right:
            assert not (24 <= block.left[0].start_line <= 30 and 30 <= block.right[0].start_line <= 36)
