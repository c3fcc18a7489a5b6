"""Snapshots of the review marks: reviewed (✓), flagged (!) and noted (✎) differences in the
gutter and the status bar, and the note editor, on the seeds at both sizes."""

from __future__ import annotations

import pytest
from app_documents import seed_documents
from snap_helpers import SIZES

from tui.app.app import DiptychApp

# Stop 1 reviewed, stop 2 flagged, stop 3 noted with text that looks like markup, stop 4 reviewed
# and flagged; the selection ends on stop 4.
MARKING = ["n", "r", "n", "x", "n", "c", *"Checked [sic] with the desk", "ctrl+s", "n", "r", "x"]


@pytest.mark.parametrize("size", SIZES)
def test_reviewed_flagged_and_noted_differences(snap_compare, size: str) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size], press=MARKING)


@pytest.mark.parametrize("size", SIZES)
def test_note_editor_open_on_a_difference(snap_compare, size: str) -> None:
    keys = ["n", "n", "c", *"Two sources confirm [the] figure.", "enter", *"Ask the desk [/] first."]
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size], press=keys)


def test_review_marks_without_colour(snap_compare, monkeypatch) -> None:
    """NO_COLOR: ✓ ! ✎ and the status words carry the marks; no colour is sent at all."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=MARKING)


@pytest.mark.parametrize("size", SIZES)
def test_export_chooser(snap_compare, size: str, monkeypatch) -> None:
    """`e`: the review report and the three redlines, each with its key, and where they go."""
    monkeypatch.chdir("/")  # the chooser names the current directory: one that is the same everywhere
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size], press=["n", "e"])
