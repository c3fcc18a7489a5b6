"""Snapshots of the filter (F) at 80×24 on the seeds: the chooser with numbers chosen, the change
list filtered to numbers, and the main view filtered to numbers with only the differences shown
(f): n has stopped at the revised death toll, the other differences fold with the equal passages
under "-", the status bar names the filter and counts."""

from __future__ import annotations

from app_documents import seed_documents
from snap_helpers import SIZES

from tui.app.app import DiptychApp


def test_filter_chooser_with_numbers_chosen(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=["F", "n", "2"])


def test_main_view_filtered_to_numbers_only_differences(snap_compare) -> None:
    assert snap_compare(
        DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=["F", "n", "escape", "f", "n"]
    )


def test_change_list_filtered_to_numbers(snap_compare) -> None:
    """"21 of 92 differences (filter: number)" over the rows with a number, nine → eight first."""
    keys = ["F", "n", "escape", "l"]
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"], press=keys)
