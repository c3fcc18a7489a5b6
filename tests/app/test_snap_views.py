"""Snapshots: filtered view, sentence units, stacked narrow view, terminal too small."""

from __future__ import annotations

import pytest
from app_documents import council_documents, seed_documents
from snap_helpers import SIZES

from tui.app.app import DiptychApp


@pytest.mark.parametrize("size", SIZES)
def test_only_differences_with_equal_passages_folded(snap_compare, size: str) -> None:
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES[size], press=["f"])


@pytest.mark.parametrize("size", SIZES)
def test_sentence_units(snap_compare, size: str) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size], press=["s", "n", "n"])


def test_stacked_view_on_a_narrow_terminal(snap_compare) -> None:
    """80 columns: left passage above its right partner, labelled L / R; the header says stacked."""
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=(80, 24), press=["n", "n"])


def test_stacked_view_forced_on_a_wide_terminal(snap_compare) -> None:
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=(120, 40), press=["v", "n"])


def test_terminal_too_small(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=(36, 8))
