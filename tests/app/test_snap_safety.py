"""Snapshots: without colour (NO_COLOR), and documents full of escape sequences and markup."""

from __future__ import annotations

import pytest
from app_documents import council_documents, hostile_documents, seed_documents
from snap_helpers import SIZES, is_nine_to_eight, presses_to

from tui.app.app import DiptychApp


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read by Textual when the app is created


@pytest.mark.parametrize("size", SIZES)
def test_monochrome_changed_numbers_still_stand_out(snap_compare, no_color, size: str) -> None:
    """NO_COLOR: gutter marks, strike/underline for changed words, reverse+bold for numbers."""
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES[size], press=["n", "n"])


def test_monochrome_seeds(snap_compare, no_color) -> None:
    docs = seed_documents()
    keys = presses_to(*docs, is_nine_to_eight)
    assert snap_compare(DiptychApp(*docs), terminal_size=SIZES["wide"], press=keys)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_text_is_shown_literally(snap_compare, size: str) -> None:
    """Escape sequences appear as ␛ symbols, [bold] [/] [sic] [link=x] as typed, nothing obeyed."""
    assert snap_compare(DiptychApp(*hostile_documents()), terminal_size=SIZES[size], press=["n"])


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_ansi_themes_use_the_terminal_palette_without_tinted_paragraphs(snap_compare, theme: str) -> None:
    """ANSI colours cannot be blended: no background tints, marks and attributes remain."""
    app = DiptychApp(*council_documents())
    app.theme = theme
    assert snap_compare(app, terminal_size=SIZES["wide"], press=["n", "n"])
