"""The review store: marks survive reopening, follow a newer version, and bad files are refused."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from review_inputs import ADDED, RESIDENTS_V2, align, find_block, story

from tui.engine.compare import compare_documents
from tui.engine.reading import make_document
from tui.review import ReviewStore, ReviewStoreError


def test_marks_and_notes_survive_closing_and_reopening(versions: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite3"
    first = align(versions["v1"], versions["v2"])
    budget, added = find_block(first, "63 million"), find_block(first, "Critics")
    with ReviewStore.open(db) as store:
        session = store.session(first)
        assert session.counts() == (0, 0, 4)
        session.set_reviewed(budget)
        session.set_flagged(budget)
        session.set_note(budget, "Checked against the council minutes: 70 is right.\nSecond line.")
        session.set_reviewed(added)
        session.set_reviewed(added, False)  # un-marking is remembered too

    # A second sitting: the documents are read and aligned again, the store opened again.
    second = align(versions["v1"], versions["v2"])
    with ReviewStore.open(db) as store:
        session = store.session(second)
        budget_state = session.state(find_block(second, "63 million"))
        assert budget_state.reviewed and budget_state.flagged
        assert budget_state.note == "Checked against the council minutes: 70 is right.\nSecond line."
        assert not session.state(find_block(second, "Critics")).reviewed
        assert session.counts() == (1, 1, 4)
        assert session.carried_over == 0 and session.lost == ()


def test_the_review_follows_the_contents_not_the_paths(versions: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite3"
    alignment = align(versions["v1"], versions["v2"])
    with ReviewStore.open(db) as store:
        store.session(alignment).set_flagged(find_block(alignment, "63 million"))
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(versions["v2"].read_bytes().replace(b"\n", b"\r\n"))  # same text, other line ends
    moved = align(versions["v1"], copy)
    with ReviewStore.open(db) as store:
        session = store.session(moved)
        assert session.state(find_block(moved, "63 million")).flagged
        assert session.carried_over == 0  # the same review, not a carry-over


def test_a_newer_version_keeps_marks_of_unchanged_differences(
    versions: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "review.sqlite3"
    old = align(versions["v1"], versions["v2"])
    with ReviewStore.open(db) as store:
        session = store.session(old)
        for needle in ("63 million", "walked out", "Critics", "complained"):
            session.set_reviewed(find_block(old, needle))
        session.set_note(find_block(old, "63 million"), "figure confirmed")
        session.set_flagged(find_block(old, "complained"))
        session.set_note(find_block(old, "complained"), "ask the reporter about 'loudly'")
        session.set_note(find_block(old, "Critics"), "needs a named critic")

    # v3 rewords the residents paragraph again and drops the added paragraph.
    new = align(versions["v1"], versions["v3"])
    with ReviewStore.open(db) as store:
        session = store.session(new)
        budget = session.state(find_block(new, "63 million"))
        assert (budget.reviewed, budget.note, budget.carried) == (True, "figure confirmed", "exact")
        assert session.state(find_block(new, "walked out")).reviewed
        # The residents difference changed on the right: its flag and note follow it, but it is
        # no longer "reviewed", because the reviewer has not seen the new wording.
        residents = session.state(find_block(new, "complained"))
        assert residents.flagged and residents.note == "ask the reporter about 'loudly'"
        assert not residents.reviewed and residents.carried == "fuzzy"
        assert (session.carry.exact, session.carry.fuzzy) == (2, 1)
        assert session.counts() == (2, 1, 3)
        # The added paragraph is gone from v3: its mark and note are reported, not dropped silently.
        assert len(session.lost) == 1
        lost = session.lost[0]
        assert lost.kind == "right_only" and lost.note == "needs a named critic" and lost.reviewed
        assert lost.right_excerpt == ADDED and lost.left_excerpt == ""
        assert session.carry.source_right_path == str(versions["v2"].resolve())
        # Reviewing the residents difference again clears its "carried" status.
        assert session.set_reviewed(find_block(new, "complained")).carried is None

    # Reopening v1/v3 restores that review; the carry-over report is kept, not repeated.
    with ReviewStore.open(db) as store:
        session = store.session(align(versions["v1"], versions["v3"]))
        assert session.counts() == (3, 1, 3)
        assert (session.carry.exact, session.carry.fuzzy, len(session.lost)) == (2, 1, 1)


def test_a_new_version_of_the_left_document_carries_over_too(
    versions: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "review.sqlite3"
    old = align(versions["v1"], versions["v2"])
    with ReviewStore.open(db) as store:
        store.session(old).set_note(find_block(old, "Critics"), "kept")
    # Same right document, a left document with a typo fixed in an equal paragraph.
    left = versions["v1"].with_name("v1b.txt")
    left.write_text(versions["v1"].read_text().replace("engineers", "engineers and planners"))
    new = align(left, versions["v2"])
    with ReviewStore.open(db) as store:
        session = store.session(new)
        assert session.state(find_block(new, "Critics")).note == "kept"
        assert session.lost == ()


def test_identical_differences_are_marked_separately(tmp_path: Path) -> None:
    left = make_document("a.txt", story("Intro paragraph that is the same on both sides."))
    intro, breaking = "Intro paragraph that is the same on both sides.", "Breaking: more to follow."
    right = make_document("b.txt", story(intro, breaking, breaking))
    alignment = compare_documents(left, right)
    first, second = (i for i, b in enumerate(alignment.blocks) if b.is_difference)
    with ReviewStore.open(tmp_path / "r.db") as store:
        session = store.session(alignment)
        session.set_flagged(second)
        assert not session.state(first).flagged and session.state(second).flagged
        assert session.identity(first).content == session.identity(second).content


def test_only_differences_can_be_marked(tmp_path: Path, versions: dict[str, Path]) -> None:
    alignment = align(versions["v1"], versions["v2"])
    equal = next(i for i, b in enumerate(alignment.blocks) if not b.is_difference)
    with ReviewStore.open(tmp_path / "r.db") as store:
        session = store.session(alignment)
        assert session.state(equal).blank
        with pytest.raises(ValueError):
            session.set_reviewed(equal)


def test_next_unreviewed_wraps_around_and_ends(tmp_path: Path, versions: dict[str, Path]) -> None:
    alignment = align(versions["v1"], versions["v2"])
    with ReviewStore.open(tmp_path / "r.db") as store:
        session = store.session(alignment)
        diffs = session.differences
        assert session.next_unreviewed() == diffs[0]
        session.set_reviewed(diffs[1])
        assert session.next_unreviewed(diffs[0]) == diffs[2]
        assert session.next_unreviewed(diffs[-1]) == diffs[0]  # wraps
        for index in diffs:
            session.set_reviewed(index)
        assert session.next_unreviewed(diffs[0]) is None


def test_previous_unreviewed_wraps_around_and_ends(tmp_path: Path, versions: dict[str, Path]) -> None:
    alignment = align(versions["v1"], versions["v2"])
    with ReviewStore.open(tmp_path / "r.db") as store:
        session = store.session(alignment)
        diffs = session.differences
        assert len(diffs) >= 3
        assert session.previous_unreviewed() == diffs[-1]
        session.set_reviewed(diffs[1])
        assert session.previous_unreviewed(diffs[2]) == diffs[0]  # over the reviewed one
        assert session.previous_unreviewed(diffs[0]) == diffs[-1]  # wraps
        for index in diffs:
            session.set_reviewed(index)
        assert session.previous_unreviewed(diffs[-1]) is None


def test_a_second_store_on_the_same_file_sees_changes_without_overwriting_them(
    tmp_path: Path, versions: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    alignment = align(versions["v1"], versions["v2"])
    budget = find_block(alignment, "63 million")
    with ReviewStore.open(db) as a, ReviewStore.open(db) as b:
        one, two = a.session(alignment), b.session(alignment)
        one.set_flagged(budget)
        # `two` has not refreshed, yet marking reviewed must not clear the flag set by `one`.
        state = two.set_reviewed(budget)
        assert state.reviewed and state.flagged
        one.refresh()
        assert one.state(budget).reviewed


def test_the_store_file_is_private(tmp_path: Path, versions: dict[str, Path]) -> None:
    db = tmp_path / "r.db"
    ReviewStore.open(db).close()
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_default_store_lives_in_the_state_directory(
    tmp_path: Path, versions: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    with ReviewStore.open() as store:
        store.session(align(versions["v1"], versions["v2"])).set_reviewed(
            find_block(align(versions["v1"], versions["v2"]), RESIDENTS_V2[:20])
        )
    assert (tmp_path / "state" / "diptych" / "reviews.sqlite3").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is a text file, not a database\n" * 100, "not a usable review file"),
        (None, "no such review file"),
    ],
)
def test_unusable_files_are_refused_with_one_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "notes.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReviewStoreError, match=message) as caught:
        ReviewStore.open(path, create=False)
    assert "\n" not in str(caught.value)
    if content is not None:
        assert path.read_bytes() == content  # never written to


def test_other_sqlite_databases_and_newer_formats_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(ReviewStoreError, match="not a diptych review file"):
        ReviewStore.open(foreign)
    newer = tmp_path / "newer.db"
    ReviewStore.open(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ReviewStoreError, match="newer diptych"):
        ReviewStore.open(newer)
    with pytest.raises(ReviewStoreError, match="is a directory"):
        ReviewStore.open(tmp_path)



def test_a_run_of_differences_is_marked_at_once_and_read_as_one(
    tmp_path: Path, versions: dict[str, Path]
) -> None:
    alignment = align(versions["v1"], versions["v2"])
    with ReviewStore.open(tmp_path / "r.db") as store:
        session = store.session(alignment)
        run = session.differences[:3]
        session.set_note(run[1], "second")
        session.set_note(run[0], "first")
        assert [s.reviewed for s in session.set_reviewed_all(run)] == [True, True, True]
        session.set_reviewed(run[2], False)
        combined = session.combined_state(run)
        assert not combined.reviewed and combined.note == "first\n\nsecond"
        session.set_flagged_all(run[1:2])
        assert session.combined_state(run).flagged
        assert session.counts() == (2, 1, 4)
    with ReviewStore.open(tmp_path / "r.db") as store:
        assert store.session(align(versions["v1"], versions["v2"])).counts() == (2, 1, 4)


def test_an_added_paragraph_edited_again_keeps_its_note(tmp_path: Path, versions: dict[str, Path]) -> None:
    db = tmp_path / "r.db"
    old = align(versions["v1"], versions["v2"])
    with ReviewStore.open(db) as store:
        session = store.session(old)
        session.set_reviewed(find_block(old, "Critics"))
        session.set_note(find_block(old, "Critics"), "needs a named critic")
    # Both "sides" of a one-sided difference changed: no key matches, similar text does.
    fixed = versions["v2"].with_name("v2-fixed.txt")
    fixed.write_text(versions["v2"].read_text().replace("go too far", "go much too far"))
    new = align(versions["v1"], fixed)
    with ReviewStore.open(db) as store:
        session = store.session(new)
        state = session.state(find_block(new, "Critics"))
        assert (state.note, state.reviewed, state.carried) == ("needs a named critic", False, "fuzzy")
        assert session.lost == ()
    # A wholly different added paragraph does not inherit it.
    other = versions["v2"].with_name("v2-other.txt")
    other.write_text(versions["v2"].read_text().replace(ADDED, "The library budget is unchanged this year."))
    third = align(versions["v1"], other)
    with ReviewStore.open(db) as store:
        session = store.session(third)
        assert session.state(find_block(third, "library budget")).blank
        assert [lost.note for lost in session.lost] == ["needs a named critic"]
