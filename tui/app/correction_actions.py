"""`C`: correct the aligner on the selected passage — unpair, pair with…, moved / not moved, undo.

A correction is saved in the review store at once (tui/review/corrections.py, keyed by the
passages' content), and the alignment on screen is corrected again from the engine's: the
session that comes back holds it, and it is shown like any new alignment (the place is kept, the
counts and word diffs follow). A mixin of DiptychApp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from tui.app.correction_chooser import CorrectionChoice, CorrectionChooser, correction_choices
from tui.app.pair_picker import PairPicker, first_words, pair_entries, picker_title
from tui.app.sections import REVIEW, Keys
from tui.engine.model import BlockKind
from tui.review import ReviewSession, ReviewStoreError
from tui.review.corrections import Correction, candidates, mark_moved, pair, unpair

if TYPE_CHECKING:
    from tui.app.app import DiptychApp

# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (REVIEW, Binding("C", "correct", "Correct the pairing: unpair, pair with…, moved / not moved, undo",
                     id="diptych.correct")),
]

DONE = {
    "unpair": "Unpaired: a removed and an added passage now (C again: undo).",
    "pair": "Paired (C again: undo).",
    "moved": "Marked as moved (C again: undo).",
    "not-moved": "Marked as not moved (C again: undo).",
    "undo": "Correction undone: as the aligner paired it.",
}


class CorrectionActions:
    """The correction key for DiptychApp."""

    def action_correct(self: DiptychApp) -> None:
        stop = self._review_stop()
        if stop is None or self.alignment is None or self.review is None:
            return
        # A run of removed (or added) passages is one stop: C is about the one of them that a
        # correction made (to undo it), else the reviewer picks one first.
        run = range(stop.first, stop.last + 1)
        index = next((i for i in run if i in self.review.corrected.marks), stop.first)
        if stop.count > 1 and index not in self.review.corrected.marks:
            self._say(f"A run of {stop.count} passages: Enter makes each a stop, then C corrects one.")
            return
        block = self.alignment.blocks[index]
        made = [c for c in self.review.corrections() if not c.lost]
        choices = correction_choices(self.review.corrected, index, made[-1] if made else None)
        side = "Removed" if block.kind is BlockKind.LEFT_ONLY else (
            "Added" if block.kind is BlockKind.RIGHT_ONLY else "Pair")
        what = Text(f"{side}: ")
        what.append(first_words((block.left or block.right)[0].text, 10))
        self.push_screen(CorrectionChooser(what, choices), lambda chosen: self._correct(index, chosen))

    def _correct(self: DiptychApp, index: int, chosen: CorrectionChoice | None) -> None:
        review, alignment = self.review, self.alignment
        if chosen is None or review is None or alignment is None:
            return
        if chosen.action == "pair":
            self._pick_partner(index)
            return
        if chosen.action in ("undo", "undo-last"):
            made = [c for c in review.corrections() if not c.lost]
            undone = review.corrected.marks[index] if chosen.action == "undo" else made[-1]
            self._save_correction(undone, "undo", undo=True)
            return
        made = unpair(alignment, index) if chosen.action == "unpair" else (
            mark_moved(alignment, index, chosen.action == "moved"))
        self._save_correction(made, chosen.action)

    def _pick_partner(self: DiptychApp, index: int) -> None:
        assert self.alignment is not None
        block = self.alignment.blocks[index]
        found = candidates(self.alignment, index)
        removed = block.kind is BlockKind.LEFT_ONLY
        if not found:
            other = "added" if removed else "removed"
            self._say(f"No {other} passage to pair it with: every passage of the other side has a partner.")
            return
        title = picker_title((block.left or block.right)[0].text, removed, len(found))
        picker = PairPicker(title, pair_entries(found, "right" if removed else "left"))

        def chosen(partner: int | None) -> None:
            if partner is not None and self.alignment is not None:
                self._save_correction(pair(self.alignment, index, partner), "pair")

        self.push_screen(picker, chosen)

    def _save_correction(self: DiptychApp, correction: Correction, action: str, undo: bool = False) -> None:
        review = self.review
        assert review is not None
        try:
            session = review.remove_correction(correction) if undo else review.add_correction(correction)
        except ReviewStoreError as exc:
            self._say(f"Correction not saved: {exc}")
            return
        self._show_corrected(session)
        self._say(DONE[action])

    def _show_corrected(self: DiptychApp, session: ReviewSession) -> None:
        """Show the alignment corrected again, at the same place (a new alignment, as after t)."""
        self._apply_alignment(session.alignment, session=session)
