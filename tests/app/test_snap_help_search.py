"""Snapshots: the help screen and a search."""

from __future__ import annotations

import pytest
from app_documents import council_documents, seed_documents
from snap_helpers import SIZES

from tui.app.app import DiptychApp


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, size: str) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES[size], press=["question_mark"])


def test_search_prompt_open(snap_compare) -> None:
    keys = ["slash", *"pool"]
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES["wide"], press=keys)


@pytest.mark.parametrize("size", SIZES)
def test_search_matches_highlighted_in_both_documents(snap_compare, size: str) -> None:
    keys = ["slash", *"swimming", "space", *"pool", "enter", "n"]
    assert snap_compare(DiptychApp(*council_documents()), terminal_size=SIZES[size], press=keys)
