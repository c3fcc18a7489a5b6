"""Snapshots: the screens of a normal review session on the seeds and the council report."""

from __future__ import annotations

import pytest
from app_documents import council_documents, seed_documents
from snap_helpers import SIZES, is_moved, is_nine_to_eight, presses_to

from tui.app.app import DiptychApp
from tui.engine.model import AlignOptions


@pytest.mark.parametrize("size", SIZES)
def test_first_screen_on_the_seeds(snap_compare, size: str) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_stepped_to_the_kremlin_attack_pair_nine_becomes_eight(snap_compare, size: str) -> None:
    """The pair about the strike on Kyiv is selected (▶), with "nine" and "eight" reversed and bold."""
    docs = seed_documents()
    keys = presses_to(*docs, is_nine_to_eight)
    assert snap_compare(DiptychApp(*docs), terminal_size=SIZES[size], press=keys)


@pytest.mark.parametrize("size", SIZES)
def test_first_changed_pair_of_the_council_report(snap_compare, size: str) -> None:
    """63 -> 70 million; equal passages marked =, the typographic-only one ≈."""
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES[size], press=["n"])


def test_moved_passage_selected_at_its_left_position(snap_compare) -> None:
    docs = council_documents()
    keys = presses_to(*docs, is_moved)
    assert snap_compare(DiptychApp(*docs), terminal_size=SIZES["wide"], press=keys)


def test_moved_passage_after_m_shows_its_right_end(snap_compare) -> None:
    docs = council_documents()
    keys = [*presses_to(*docs, is_moved), "m"]
    assert snap_compare(DiptychApp(*docs), terminal_size=SIZES["wide"], press=keys)


def test_wrap_around_notice(snap_compare) -> None:
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES["narrow"], press=["p"])


def test_threshold_raised(snap_compare) -> None:
    """t re-aligns at 0.55: the status bar shows the new threshold and the notice explains it."""
    app = DiptychApp(*seed_documents(), AlignOptions())
    assert snap_compare(app, terminal_size=SIZES["wide"], press=["t"])
