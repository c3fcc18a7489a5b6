"""A reviewer's corrections of the alignment (tui/review/corrections.py): applied as a pure
function, saved in the review store, carried to a newer version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_inputs import (
    ADDED,
    BUDGET_NEW,
    BUDGET_OLD,
    CLOSING,
    MAYOR,
    REMOVED,
    RESIDENTS_OLD,
    RESIDENTS_V2,
    TITLE,
    V1,
    V2,
    story,
)

from tui.engine.compare import compare_documents, compute_stats
from tui.engine.model import Alignment, BlockKind
from tui.engine.reading import read_document
from tui.review import ReviewStore
from tui.review.corrections import (
    CorrectionKind,
    apply_corrections,
    candidates,
    correct,
    in_reading_order,
    mark_moved,
    pair,
    unpair,
)


def aligned(
    tmp_path: Path, left: str, right: str, names: tuple[str, str] = ("old.txt", "new.txt")
) -> Alignment:
    paths = []
    for name, text in zip(names, (left, right), strict=True):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return compare_documents(read_document(str(paths[0])), read_document(str(paths[1])))


def block_with(alignment: Alignment, needle: str) -> int:
    hits = [i for i, b in enumerate(alignment.blocks) if any(needle in p.text for p in b.left + b.right)]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def unpair_at(session, needle: str):
    """The session after unpairing the pair holding `needle` (as the app does)."""
    return session.add_correction(unpair(session.alignment, block_with(session.alignment, needle)))


def pair_at(session, first: str, second: str):
    shown = session.alignment
    return session.add_correction(pair(shown, block_with(shown, first), block_with(shown, second)))


def kinds(alignment: Alignment) -> list[tuple[str, str]]:
    """Each block's kind and the first words of its first passage: the alignment as read."""
    return [(str(b.kind), " ".join((b.left + b.right)[0].text.split()[:3])) for b in alignment.blocks]


# -- the pure function ------------------------------------------------------------------------------


def test_unpairing_a_pair_makes_a_removed_and_an_added_passage(tmp_path: Path) -> None:
    alignment = aligned(tmp_path, V1, V2)
    budget = block_with(alignment, "budget of 63")
    assert alignment.blocks[budget].kind is BlockKind.CHANGED
    result = correct(alignment, [unpair(alignment, budget)])
    corrected = result.alignment
    old, new = block_with(corrected, "budget of 63"), block_with(corrected, "budget of 70")
    assert corrected.blocks[old].kind is BlockKind.LEFT_ONLY
    assert corrected.blocks[new].kind is BlockKind.RIGHT_ONLY
    texts = corrected.blocks[old].left[0].text, corrected.blocks[new].right[0].text
    assert texts == (BUDGET_OLD, BUDGET_NEW)
    assert {i: str(c.kind) for i, c in result.marks.items()} == {old: "unpaired", new: "unpaired"}
    # The counts follow: one pair fewer, one passage more on each side.
    before, after = compute_stats(alignment), compute_stats(corrected)
    assert (after.changed, after.left_only, after.right_only) == (
        before.changed - 1, before.left_only + 1, before.right_only + 1)
    assert alignment.blocks[budget].kind is BlockKind.CHANGED  # the engine's alignment is untouched


def test_pairing_a_removed_and_an_added_passage_makes_a_changed_pair_in_place(tmp_path: Path) -> None:
    alignment = aligned(tmp_path, V1, V2)
    removed, added = block_with(alignment, "walked out"), block_with(alignment, "Critics")
    assert alignment.blocks[removed].kind is BlockKind.LEFT_ONLY
    assert alignment.blocks[added].kind is BlockKind.RIGHT_ONLY
    corrected = apply_corrections(alignment, [pair(alignment, added, removed)])
    index = block_with(corrected, "walked out")
    block = corrected.blocks[index]
    assert block.kind is BlockKind.CHANGED and not block.moved
    assert (block.left[0].text, block.right[0].text) == (REMOVED, ADDED)
    assert 0 < block.score < 0.5  # the aligner's own score: too low for it to pair them
    assert kinds(corrected) == [
        ("equal", "City budget passes"), ("changed", "The council approved"),
        ("changed", "Residents of the"), ("equal", "The mayor said"),
        ("changed", "An opposition member"), ("equal", "The next council"),
    ]


def test_marking_a_pair_moved_and_back(tmp_path: Path) -> None:
    alignment = aligned(tmp_path, V1, V2)
    budget = block_with(alignment, "budget of 63")
    moved = correct(alignment, [mark_moved(alignment, budget, True)])
    assert moved.alignment.blocks[budget].moved and str(moved.marks[budget].kind) == "moved"
    assert compute_stats(moved.alignment).moved == 1
    again = apply_corrections(moved.alignment, [mark_moved(moved.alignment, budget, False)])
    assert not again.blocks[budget].moved


def test_a_pair_marked_not_moved_stays_in_place_and_what_it_crosses_moves(tmp_path: Path) -> None:
    # The mayor's paragraph goes to the top: the aligner calls it moved.
    before, after = story(TITLE, BUDGET_OLD, MAYOR, CLOSING), story(MAYOR, TITLE, BUDGET_OLD, CLOSING)
    alignment = aligned(tmp_path, before, after)
    mayor = block_with(alignment, "The mayor said")
    assert alignment.blocks[mayor].moved
    corrected = apply_corrections(alignment, [mark_moved(alignment, mayor, False)])
    moved = [" ".join(b.left[0].text.split()[:2]) for b in corrected.blocks if b.moved]
    assert moved == ["City budget", "The council"]  # the two it crossed are the ones that moved
    assert not corrected.blocks[block_with(corrected, "The mayor said")].moved


def test_a_correction_whose_passages_are_gone_is_skipped_and_reported(tmp_path: Path) -> None:
    alignment = aligned(tmp_path, V1, V2)
    correction = unpair(alignment, block_with(alignment, "northern district"))
    newer = story(TITLE, BUDGET_NEW, RESIDENTS_V2 + " Works end in May.", MAYOR, CLOSING)
    other = aligned(tmp_path, V1, newer, ("old.txt", "newer.txt"))
    result = correct(other, [correction])
    assert result.alignment is other and result.applied == () and result.missing == (correction,)


def test_with_no_correction_the_engines_order_is_kept(tmp_path: Path) -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    alignment = compare_documents(read_document(str(seeds[0])), read_document(str(seeds[1])))
    counts = len(alignment.left_units), len(alignment.right_units)
    rebuilt = in_reading_order(reversed(alignment.blocks), *counts)
    assert rebuilt == alignment.blocks


def test_candidates_are_the_other_sides_one_sided_passages_best_first(tmp_path: Path) -> None:
    left = story(TITLE, "The bridge on Mill Street will close for repairs in March.", CLOSING)
    right = story(TITLE, "Parking fees rise in the city centre.",
                  "Repairs will close the Mill Street bridge from March.", CLOSING)
    alignment = aligned(tmp_path, left, right)
    paired = alignment.blocks[block_with(alignment, "bridge on Mill")]
    assert paired.right[0].text.startswith("Repairs")  # the aligner paired them; the reviewer unpairs
    alignment = apply_corrections(alignment, [unpair(alignment, block_with(alignment, "bridge on Mill"))])
    found = candidates(alignment, block_with(alignment, "bridge on Mill"))
    assert [c.passage.text.split()[0] for c in found] == ["Repairs", "Parking"]
    assert found[0].score > found[1].score
    with pytest.raises(ValueError):
        candidates(alignment, block_with(alignment, "City budget"))  # a pair has no candidates


# -- the store --------------------------------------------------------------------------------------


def test_corrections_are_saved_and_applied_when_the_review_is_opened_again(tmp_path: Path) -> None:
    alignment = aligned(tmp_path, V1, V2)
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        session = store.session(alignment)
        session = unpair_at(session, "budget of 63")
        shown = session.alignment
        session.set_flagged(block_with(shown, "budget of 70"))
        session = pair_at(session, "walked out", "Critics")
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, V2))
        blocks = session.alignment.blocks
        assert blocks[block_with(session.alignment, "budget of 70")].kind is BlockKind.RIGHT_ONLY
        assert session.state(block_with(session.alignment, "budget of 70")).flagged
        assert blocks[block_with(session.alignment, "walked out")].kind is BlockKind.CHANGED
        assert [c.kind for c in session.corrections()] == [CorrectionKind.UNPAIRED, CorrectionKind.PAIRED]
        # Undone: the aligner's pair again.
        budget = block_with(session.alignment, "budget of 63")
        session = session.remove_correction(session.corrected.marks[budget])
        shown = session.alignment
        assert shown.blocks[block_with(shown, "budget of 63")].kind is BlockKind.CHANGED
        assert [c.kind for c in session.corrections()] == [CorrectionKind.PAIRED]


def test_the_opposite_correction_cancels_one_instead_of_piling_up(tmp_path: Path) -> None:
    with ReviewStore.open(tmp_path / "review.sqlite3") as store:
        session = store.session(aligned(tmp_path, V1, V2))
        session = pair_at(session, "walked out", "Critics")
        session = unpair_at(session, "walked out")
        assert session.corrections() == [] and session.alignment is session.corrected.source


def test_a_correction_is_carried_to_a_newer_version_with_an_unrelated_edit(tmp_path: Path) -> None:
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, V2))
        unpair_at(session, "budget of 63")
    v3 = V2.replace(CLOSING, "The next council meeting is scheduled for the second week of December.")
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, v3, ("old.txt", "v3.txt")))
        shown = session.alignment
        assert shown.blocks[block_with(shown, "budget of 63")].kind is BlockKind.LEFT_ONLY
        assert shown.blocks[block_with(shown, "budget of 70")].kind is BlockKind.RIGHT_ONLY
        assert [(c.kind, c.carried, c.lost) for c in session.corrections()] == [
            (CorrectionKind.UNPAIRED, True, False)]


def test_a_carried_correction_whose_passages_changed_is_kept_as_not_applied(tmp_path: Path) -> None:
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, V2))
        unpair_at(session, "northern district")
    v3 = V2.replace(RESIDENTS_V2, RESIDENTS_OLD)
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, v3, ("old.txt", "v3.txt")))
        assert session.corrected.applied == () and len(session.corrected.missing) == 1
        assert [(c.carried, c.lost) for c in session.corrections()] == [(True, True)]


def test_a_review_file_made_before_corrections_gets_their_table(tmp_path: Path) -> None:
    import sqlite3

    review = tmp_path / "old.sqlite3"
    with ReviewStore.open(review) as store:
        store.session(aligned(tmp_path, V1, V2)).set_flagged(1)
    with sqlite3.connect(review) as db:
        db.execute("DROP TABLE corrections")
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, V2))
        assert session.state(1).flagged
        session = unpair_at(session, "budget of 63")
        assert len(session.corrections()) == 1


# -- carried to a newer version whose passages changed a little (correction_carry.py) ---------------

BUDGET_TEN_HOURS = BUDGET_NEW.replace("nine hours", "ten hours")
BUDGET_REWRITTEN = "Councillors passed the 70 million budget late on Tuesday, at the end of a long debate."


def newer(tmp_path: Path, review: Path, right: str):
    """The session of v1 → `right` (a newer version of the right side) in the review file (the
    store stays open with the session)."""
    return ReviewStore.open(review).session(aligned(tmp_path, V1, right, ("old.txt", "v3.txt")))


def test_an_unpairing_follows_a_passage_with_a_small_edit_and_is_kept_about_the_new_text(
    tmp_path: Path,
) -> None:
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        unpair_at(store.session(aligned(tmp_path, V1, V2)), "budget of 63")
    v3 = V2.replace(BUDGET_NEW, BUDGET_TEN_HOURS)
    engine = aligned(tmp_path, V1, v3, ("a.txt", "b.txt"))
    assert engine.blocks[block_with(engine, "ten hours")].kind is BlockKind.CHANGED  # the aligner's pair
    session = newer(tmp_path, review, v3)
    shown = session.alignment
    assert shown.blocks[block_with(shown, "budget of 63")].kind is BlockKind.LEFT_ONLY
    assert shown.blocks[block_with(shown, "ten hours")].kind is BlockKind.RIGHT_ONLY
    [kept] = session.corrections()
    assert (kept.kind, kept.carried, kept.lost) == (CorrectionKind.UNPAIRED, True, False)
    assert kept.right_excerpt == BUDGET_TEN_HOURS  # about the newer text now: it applies exactly
    assert session.corrections_not_applied() == []
    assert newer(tmp_path, review, v3).corrected.applied == (kept,)  # reopened: the same


def test_a_pairing_follows_an_added_passage_with_a_typo_fixed(tmp_path: Path) -> None:
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        pair_at(store.session(aligned(tmp_path, V1, V2)), "walked out", "Critics")
    session = newer(tmp_path, review, V2.replace("go too far", "go much too far"))
    block = session.alignment.blocks[block_with(session.alignment, "walked out")]
    assert block.kind is BlockKind.CHANGED and "much too far" in block.right[0].text
    assert [(c.carried, c.lost) for c in session.corrections()] == [(True, False)]


def test_a_rewritten_passage_keeps_the_correction_unapplied_and_says_so(tmp_path: Path) -> None:
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        unpair_at(store.session(aligned(tmp_path, V1, V2)), "budget of 63")
    session = newer(tmp_path, review, V2.replace(BUDGET_NEW, BUDGET_REWRITTEN))
    assert session.corrected.applied == ()
    assert [(c.carried, c.lost) for c in session.corrections()] == [(True, True)]
    assert len(session.corrections_not_applied()) == 1
    from tui.review.report_model import build_report

    report = build_report(session.alignment, session)
    assert report.corrections_not_applied == "1 correction could not be applied: its passages changed."


def test_two_passages_equally_close_are_no_match(tmp_path: Path) -> None:
    """The added passage the reviewer paired is there twice in the newer version, each copy with
    another one-letter typo: which one the reviewer meant cannot be told, so neither is paired
    (either copy alone would be)."""
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        pair_at(store.session(aligned(tmp_path, V1, V2)), "walked out", "Critics")
    copies = ADDED.replace("go too far", "go to far"), ADDED.replace("go too far", "go too fr")
    for k, copy in enumerate(copies):
        alone = shutil.copy(review, tmp_path / f"alone{k}.sqlite3")
        assert len(newer(tmp_path, alone, V2.replace(ADDED, copy)).corrected.applied) == 1
    session = newer(tmp_path, review, V2.replace(ADDED, "\n\n".join(copies)))
    shown = session.alignment
    assert shown.blocks[block_with(shown, "walked out")].kind is BlockKind.LEFT_ONLY
    assert session.corrected.applied == () and len(session.corrections_not_applied()) == 1


def test_a_correction_saved_without_its_texts_is_carried_by_its_whole_excerpts(tmp_path: Path) -> None:
    """A review file of the diptych before texts were kept: the excerpts (whole when short) serve."""
    from dataclasses import replace

    from tui.review.correction_carry import carry

    alignment = aligned(tmp_path, V1, V2)
    made = replace(unpair(alignment, block_with(alignment, "budget of 63")), left_text="", right_text="")
    fixes, kept = carry(aligned(tmp_path, V1, V2.replace(BUDGET_NEW, BUDGET_TEN_HOURS)), [made])
    assert len(fixes.applied) == 1 and not kept[0].lost and kept[0].right_text


def test_a_review_file_whose_corrections_have_no_texts_gets_the_columns(tmp_path: Path) -> None:
    """A file of the diptych before corrections kept their texts: opened, its table gains the two
    columns and its corrections still apply."""
    import sqlite3

    review = tmp_path / "old.sqlite3"
    with ReviewStore.open(review) as store:
        unpair_at(store.session(aligned(tmp_path, V1, V2)), "budget of 63")
    with sqlite3.connect(review) as db:
        db.execute("ALTER TABLE corrections DROP COLUMN left_text")
        db.execute("ALTER TABLE corrections DROP COLUMN right_text")
    with ReviewStore.open(review) as store:
        session = store.session(aligned(tmp_path, V1, V2))
        assert [(c.kind, c.left_text) for c in session.corrections()] == [(CorrectionKind.UNPAIRED, "")]
        assert len(session.corrected.applied) == 1
