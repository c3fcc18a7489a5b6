"""Snapshots of `C` on the seeds: the "Correct…" chooser, the list of candidates to pair a
removed passage with (the added passages, best score first), and the ⇄ mark of a corrected
passage in the gutter, at 80×24."""

from __future__ import annotations

from app_documents import seed_documents
from snap_helpers import SIZES, is_nine_to_eight, presses_to

from tui.app.app import DiptychApp

# Enter: each removed passage a stop of its own; n: the first of them (the seeds' first paragraph).
FIRST_REMOVED = ["enter", "n"]


def test_correct_chooser_on_a_removed_passage(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"],
                        press=[*FIRST_REMOVED, "C"])


def test_pair_candidates_best_score_first(snap_compare) -> None:
    assert snap_compare(DiptychApp(*seed_documents()), terminal_size=SIZES["narrow"],
                        press=[*FIRST_REMOVED, "C", "p"])


def test_corrected_passages_carry_their_mark_in_the_gutter(snap_compare) -> None:
    """The seeds' "nine" → "eight" pair unpaired with C: both passages show ⇄ beside their < and >."""
    left, right = seed_documents()
    assert snap_compare(DiptychApp(left, right), terminal_size=SIZES["narrow"],
                        press=[*presses_to(left, right, is_nine_to_eight), "C", "u"])
