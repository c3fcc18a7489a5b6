"""Pairing a reader can trust: repeated passages pair with their best partner, mostly-different
documents stay mostly one-sided, changed numbers keep a pair changed."""

from __future__ import annotations

from tui.engine.compare import compare_documents, compute_stats
from tui.engine.model import AlignOptions, BlockKind
from tui.engine.reading import make_document

from .helpers import PARAS, align_paragraphs, block_with


def test_repeated_passage_pairs_with_its_best_partner() -> None:
    # The same sentence twice on the left; on the right only the second copy's longer version.
    note = "The meeting was adjourned until next week."
    extended = note + " Members will vote on the final text then."
    left = [PARAS[0], note, PARAS[1], PARAS[2], note + " Members will vote then.", PARAS[3]]
    right = [PARAS[0], PARAS[1], PARAS[2], extended, PARAS[3]]
    result = align_paragraphs(left, right)
    assert block_with(result, 4).right and block_with(result, 4).right[0].text == extended
    assert block_with(result, 1).kind is BlockKind.LEFT_ONLY


def test_exact_duplicates_pair_in_order() -> None:
    heading = "OPTIONS"
    left = [heading, PARAS[0], heading, PARAS[1]]
    right = [heading, PARAS[0], heading, PARAS[1]]
    result = align_paragraphs(left, right)
    assert all(b.kind is BlockKind.EQUAL and not b.moved for b in result.blocks)
    assert [(b.left[0].index, b.right[0].index) for b in result.blocks] == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_mostly_different_documents_stay_mostly_one_sided() -> None:
    other = [
        "Photosynthesis converts light energy into chemical energy stored in sugars within plant cells.",
        "The mitochondria release that energy during respiration, producing carbon dioxide and water.",
        "Chlorophyll absorbs mainly red and blue light, which is why most leaves look green to us.",
        "Stomata on the underside of leaves open and close to balance gas exchange against water loss.",
    ]
    result = align_paragraphs(PARAS, [*other, PARAS[4]])
    stats = compute_stats(result)
    assert stats.equal == 1 and stats.changed == 0
    assert stats.left_only == 9 and stats.right_only == 4


def test_a_changed_number_keeps_the_pair_changed() -> None:
    edited = PARAS[6].replace("four hundred", "three hundred")
    result = align_paragraphs(PARAS[5:8], [PARAS[5], edited, PARAS[7]])
    block = block_with(result, 1)
    assert block.kind is BlockKind.CHANGED and 0.8 < block.score < 1.0


def test_rewrapped_and_typographic_document_is_all_equal() -> None:
    import textwrap

    left = "\n\n".join(PARAS) + "\n"
    right = "\n\n".join(textwrap.fill(p.replace("'", "’"), 60) for p in PARAS) + "\n"
    result = compare_documents(make_document("l", left), make_document("r", right), AlignOptions())
    assert len(result.blocks) == len(PARAS)
    assert all(b.kind is BlockKind.EQUAL and not b.moved for b in result.blocks)
