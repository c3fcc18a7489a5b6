"""Snapshots of the overview strip (the right edge, where the scrollbar was) at 80×24."""

from __future__ import annotations

import pytest
from app_documents import council_documents
from snap_helpers import SIZES, is_moved, presses_to

from tui.app.app import DiptychApp


def test_strip_with_the_moved_passage_selected(snap_compare) -> None:
    """The council report at 80×24: ◆ where figures changed, ≈ typography only, ↕ the moved passage
    (▶ twice: where it is drawn and where it went), < and > the passages removed and added; the
    rows in view reversed."""
    docs = council_documents()
    assert snap_compare(DiptychApp(*docs), terminal_size=SIZES["narrow"], press=presses_to(*docs, is_moved))


def test_strip_without_colour(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: the glyphs tell the kinds apart, reverse video the rows in view."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES["narrow"], press=["n", "n"])


def test_strip_hidden_with_o_gives_the_scrollbar_back(snap_compare) -> None:
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES["narrow"], press=["o"])
