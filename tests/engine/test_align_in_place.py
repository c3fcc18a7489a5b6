"""Pairs by position: short passages changed in place (a date, a renamed heading), paragraphs
expanded or cut down, the uneven piece of a split, clauses rewritten in a redraft — and what
position alone must not pair (a paragraph replaced by another, passages on one topic)."""

from __future__ import annotations

from tui.engine.model import BlockKind

from .helpers import PARAS, align_paragraphs, block_with, shape


def _pair_of(left: list[str], right: list[str], left_index: int) -> tuple[int, ...]:
    """The right passages paired with a left passage (empty when it is one-sided)."""
    return tuple(p.index for p in block_with(align_paragraphs(left, right), left_index).right)


def test_a_date_changed_in_place_pairs() -> None:
    left = [*PARAS[:3], "Effective date: May 22, 2017", *PARAS[3:6]]
    right = [*PARAS[:3], "Effective date: November 16, 2020", *PARAS[3:6]]
    assert _pair_of(left, right, 3) == (3,)


def test_a_renumbered_and_renamed_heading_pairs_in_place() -> None:
    left = [*PARAS[:3], "7. Termination", *PARAS[3:6]]
    right = [*PARAS[:3], "Section 6 – Term and Termination", *PARAS[3:6]]
    assert _pair_of(left, right, 3) == (3,)


def test_a_renamed_heading_of_the_same_markup_pairs_in_place() -> None:
    # QUIC invariants: "# Introduction" became "# Fixed Properties of All QUIC Versions", its
    # section's text unchanged around it.
    left = [*PARAS[:3], "# Introduction", *PARAS[3:6]]
    right = [*PARAS[:3], "# Fixed Properties of All QUIC Versions", *PARAS[3:6]]
    assert _pair_of(left, right, 3) == (3,)


def test_short_passages_of_different_shape_with_nothing_in_common_stay_apart() -> None:
    left = [*PARAS[:3], "# Introduction", *PARAS[3:6]]
    right = [*PARAS[:3], "Last updated 2021", *PARAS[3:6]]
    assert _pair_of(left, right, 3) == ()


def test_a_paragraph_replaced_by_another_in_place_stays_apart() -> None:
    # Position alone is no evidence: the new paragraph shares only common words with the old.
    replaced = (
        "The school will close for the holidays on Friday, and the new term starts in the first "
        "week of January after the building work on the hall is finished."
    )
    left = [*PARAS[:3], PARAS[8], *PARAS[3:6]]
    right = [*PARAS[:3], replaced, *PARAS[3:6]]
    assert _pair_of(left, right, 3) == ()


EXPANDED = (
    PARAS[5] + " Three wards have already closed to new patients, and the trust has asked retired "
    "nurses to return for the winter months. A spokesperson said extra funding had been requested "
    "from the health department but no reply had been received by Friday, and the board will meet "
    "again next month to review the plans."
)


def test_an_expanded_paragraph_pairs_with_what_it_became() -> None:
    left = [*PARAS[:5], PARAS[5], *PARAS[6:9]]
    right = [*PARAS[:5], EXPANDED, *PARAS[6:9]]
    block = block_with(align_paragraphs(left, right), 5)
    assert shape(block) == ("changed", (5,), (5,), False)
    assert block.score < 0.5  # below the threshold: paired by containment in place


def test_a_cut_down_paragraph_pairs_with_what_is_left_of_it() -> None:
    long = (
        "You may charge a fee for the physical act of transferring a copy, and you may at your "
        "option offer warranty protection in exchange for a fee. Any such warranty is offered by "
        "you alone, and not by the original authors, who accept no liability for it, and you must "
        "make this clear to every recipient in writing before the transfer takes place."
    )
    short = "You may charge a fee for the physical act of transferring a copy."
    left = [*PARAS[:3], long, *PARAS[3:6]]
    right = [*PARAS[:3], short, *PARAS[3:6]]
    assert _pair_of(left, right, 3) == (3,)


def test_the_pieces_of_a_split_pair_though_none_is_similar_enough_alone() -> None:
    # Pro Git, 1st → 2nd edition: one long paragraph became four, its opening question alone
    # and each sentence after it expanded; every piece is contained in the old paragraph, none
    # is half of it.
    whole = (
        "So, what is Git in a nutshell? This is an important section to absorb, because if you "
        "understand what Git is and the fundamentals of how it works, then using Git effectively "
        "will probably be much easier for you. As you learn Git, try to clear your mind of the "
        "things you may know about other VCSs, such as Subversion and Perforce; doing so will help "
        "you avoid subtle confusion when using the tool. Git stores and thinks about information "
        "much differently than these other systems, even though the user interface is fairly "
        "similar; understanding those differences will help prevent you from becoming confused."
    )
    pieces = [
        "So, what is Git in a nutshell?",
        "This is an important section to absorb, because if you understand what Git is and the "
        "fundamentals of how it works, then using Git effectively will probably be much easier for "
        "you.",
        "As you learn Git, try to clear your mind of the things you may know about other VCSs, "
        "such as CVS, Subversion or Perforce — doing so will help you avoid subtle confusion when "
        "using the tool.",
        "Git stores and thinks about information in a very different way from these other "
        "systems, even though its user interface is fairly similar, and understanding those "
        "differences will help you avoid becoming confused while using it.",
    ]
    left = [*PARAS[:3], whole, *PARAS[3:6]]
    right = [*PARAS[:3], *pieces, *PARAS[3:6]]
    assert _pair_of(left, right, 3) == (3, 4, 5, 6)


def test_clauses_rewritten_in_a_redraft_pair_in_order() -> None:
    # GPL-2 → GPL-3, the preamble: two paragraphs redrafted where they stood, each sharing
    # its own wording with its counterpart.
    left = [
        *PARAS[:2],
        "Also, for each author's protection and ours, we want to make certain that everyone "
        "understands that there is no warranty for this free software. If the software is "
        "modified by someone else and passed on, we want its recipients to know that what they "
        "have is not the original, so that any problems introduced by others will not reflect on "
        "the original authors' reputations.",
        "Finally, any free program is threatened constantly by software patents. We wish to avoid "
        "the danger that redistributors of a free program will individually obtain patent "
        "licenses, in effect making the program proprietary.",
        *PARAS[2:5],
    ]
    right = [
        *PARAS[:2],
        "For the developers' and authors' protection, the GPL clearly explains that there is no "
        "warranty for this free software. For both users' and authors' sake, the GPL requires "
        "that modified versions be marked as changed, so that their problems will not be "
        "attributed erroneously to authors of previous versions.",
        "Finally, every program is threatened constantly by software patents. States should not "
        "allow patents to restrict development and use of software on general-purpose computers, "
        "but in those that do, we wish to avoid the special danger that patents applied to a free "
        "program could make it effectively proprietary.",
        *PARAS[2:5],
    ]
    result = align_paragraphs(left, right)
    assert shape(block_with(result, 2))[1:3] == ((2,), (2,))
    assert shape(block_with(result, 3))[1:3] == ((3,), (3,))
    assert all(block_with(result, k).score < 0.5 for k in (2, 3))


def test_passages_that_only_share_a_topic_stay_apart() -> None:
    # Two accounts of one subject in the same place, in different words: the seeds' "Why is
    # Crimea so militarily significant?" against "What is the history of Crimea?".
    left = [
        *PARAS[:2],
        "After its full-scale invasion in 2022, Russia enforced a de facto blockade of Ukraine's "
        "Black Sea ports, which sent world food prices up and raised the threat of famine.",
        "Russia has frequently used Crimea as a launchpad for missile and drone attacks on the "
        "south of Ukraine since the invasion began.",
        *PARAS[2:5],
    ]
    right = [
        *PARAS[:2],
        "Jutting out into the Black Sea off southern Ukraine, Crimea has been fought over for "
        "centuries by empires from the Greeks to the Ottomans.",
        "In 1921, the peninsula, then populated mainly by Muslim Tatars, became part of the Soviet "
        "Union, and its people were later deported en masse by Stalin.",
        *PARAS[2:5],
    ]
    result = align_paragraphs(left, right)
    assert [b.kind for b in result.blocks[2:6]] == [BlockKind.LEFT_ONLY] * 2 + [BlockKind.RIGHT_ONLY] * 2


def test_a_stricter_threshold_relaxes_pairing_in_place_less() -> None:
    # The relaxation is for the default threshold; a reader who asks for closer pairs gets less
    # of it, and none at 1.0, where only equal passages pair.
    date_left = [*PARAS[:3], "Effective date: May 22, 2017", *PARAS[3:6]]
    date_right = [*PARAS[:3], "Effective date: November 16, 2020", *PARAS[3:6]]
    assert block_with(align_paragraphs(date_left, date_right, threshold=0.55), 3).kind is BlockKind.LEFT_ONLY
    left = [*PARAS[:5], PARAS[5], *PARAS[6:9]]
    right = [*PARAS[:5], EXPANDED, *PARAS[6:9]]
    assert block_with(align_paragraphs(left, right, threshold=0.6), 5).kind is BlockKind.CHANGED
    assert block_with(align_paragraphs(left, right, threshold=1.0), 5).kind is BlockKind.LEFT_ONLY


def test_a_paragraph_rewritten_alone_in_its_place_pairs_with_less_similarity() -> None:
    # LGPL 2.0 → 2.1: the patents paragraph, rewritten almost entirely (similarity 0.27) but the
    # only passage between two pairs on each side, sharing "free program", "software patents",
    # "patent", "license"...
    left = [
        *PARAS[:3],
        "Finally, any free program is threatened constantly by software patents. We wish to avoid "
        "the danger that companies distributing free software will individually obtain patent "
        "licenses, thus in effect transforming the program into proprietary software. To prevent "
        "this, we have made it clear that any patent must be licensed for everyone's free use or "
        "not licensed at all.",
        *PARAS[3:6],
    ]
    right = [
        *PARAS[:3],
        "Finally, software patents pose a constant threat to the existence of any free program. "
        "We wish to make sure that a company cannot effectively restrict the users of a free "
        "program by obtaining a restrictive license from a patent holder. Therefore, we insist "
        "that any patent license obtained for a version of the library must be consistent with "
        "the full freedom of use specified in this license.",
        *PARAS[3:6],
    ]
    block = block_with(align_paragraphs(left, right), 3)
    assert shape(block)[1:3] == ((3,), (3,)) and block.score < 0.3


MEETINGS = (
    "Members of the public may attend council meetings in person or watch them online. Questions "
    "must be submitted in writing two days before the meeting."
)
MEETINGS_REVISED = (
    "Anyone may attend council meetings in the town hall, and every meeting is streamed online. "
    "Written questions from members of the public are due two working days before the meeting."
)
SCHEDULE = (
    "Spring meetings: the budget meeting on 4 March, at which members of the public may attend "
    "council meetings in person or watch them online; the planning meeting on 11 March, whose "
    "agenda is published a week before; the licensing hearings on 18 March, which may be held in "
    "private where the law allows it; and the annual meeting on 25 March, when the mayor is chosen."
)


def test_a_long_list_that_repeats_one_sentence_does_not_take_the_revised_paragraph_s_place() -> None:
    # The schedule contains the old paragraph's first sentence word for word; the paragraph was
    # revised next to it.
    left = [*PARAS[:3], MEETINGS, *PARAS[3:6]]
    right = [*PARAS[:3], MEETINGS_REVISED, SCHEDULE, *PARAS[3:6]]
    result = align_paragraphs(left, right)
    block = block_with(result, 3)
    assert [p.text for p in block.right] == [MEETINGS_REVISED]

