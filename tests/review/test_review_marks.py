"""Review state reads without colour: gutter marks and status text."""

from __future__ import annotations

from tui.review.marks import gutter_marks, state_words, status_text
from tui.review.store import MarkState, ReviewCounts


def test_gutter_marks_tell_every_state_apart_in_two_cells() -> None:
    states = {
        "blank": MarkState(),
        "reviewed": MarkState(reviewed=True),
        "flagged": MarkState(flagged=True),
        "noted": MarkState(note="x"),
        "reviewed+flagged": MarkState(reviewed=True, flagged=True, note="x"),
        "recheck": MarkState(flagged=True, carried="fuzzy"),
    }
    marks = {name: gutter_marks(state) for name, state in states.items()}
    assert marks == {
        "blank": "  ", "reviewed": "✓ ", "flagged": " !", "noted": " ✎",
        "reviewed+flagged": "✓!", "recheck": "?!",
    }
    ascii_marks = {gutter_marks(state, ascii_only=True) for state in states.values()}
    assert len(ascii_marks) == len(states) and all(m.isascii() for m in ascii_marks)


def test_a_corrected_pairing_takes_a_free_cell_and_hides_no_review_mark() -> None:
    assert gutter_marks(MarkState(), corrected=True) == " ⇄"
    assert gutter_marks(MarkState(reviewed=True), corrected=True) == "✓⇄"
    assert gutter_marks(MarkState(flagged=True), corrected=True) == "⇄!"
    assert gutter_marks(MarkState(note="x", carried="fuzzy"), corrected=True) == "?✎"  # no cell free
    assert gutter_marks(MarkState(), ascii_only=True, corrected=True) == " c"


def test_status_and_state_in_words() -> None:
    assert status_text(ReviewCounts(3, 1, 92)) == "reviewed 3/92, flagged 1"
    long_note = "Checked with the desk about the toll figure, which went down from nine to eight\nmore"
    words = state_words(MarkState(reviewed=False, flagged=True, note=long_note, carried="fuzzy"))
    assert words.startswith("not reviewed, flagged, note: Checked with the desk")
    assert words.endswith("…, text changed since the earlier review") and "\n" not in words
