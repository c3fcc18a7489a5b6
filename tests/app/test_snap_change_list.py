"""Snapshots of the change list (`l`) on the seeds at 80×24: most significant first (the
revised death toll on top), and in reading order after `s`."""

from __future__ import annotations

from app_documents import seed_documents
from snap_helpers import SIZES

from tui.app.app import DiptychApp


def test_change_list_most_significant_first(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=["l"])


def test_change_list_in_reading_order(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=["l", "s"])
