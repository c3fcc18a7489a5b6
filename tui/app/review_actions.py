"""The review keys: r reviewed, R reviewed and next, x flag, c note, u / U unreviewed, e export.

A mixin of the comparison screen (its bindings are listed there with the screen's own): each
key acts on the current difference, and without one on the first difference on screen (as `n`
would select it). Every mark is saved at once; a store that fails says why in the bottom line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from tui.app.display_text import make_safe
from tui.app.keys import REVIEW
from tui.app.navigation import Stop, step, stop_of_block
from tui.app.note import NoteScreen
from tui.review import MarkField, ReviewStoreError
from tui.review.report import ReportError, export_report

if TYPE_CHECKING:
    from tui.app.comparison import ComparisonScreen


class ReviewActions:
    """Review keys for the comparison screen."""

    REVIEW_BINDINGS: ClassVar[list[Binding]] = [
        Binding("r", "review", "Mark the current difference reviewed / not reviewed",
                id="diptych.review", group=REVIEW),
        Binding("R", "review_next", "Mark it reviewed and go to the next unreviewed difference",
                id="diptych.review_next", group=REVIEW),
        Binding("x", "flag", "Flag the current difference / remove the flag", id="diptych.flag",
                group=REVIEW),
        Binding("c", "note", "Write or edit the note of the current difference",
                id="diptych.note", group=REVIEW),
        Binding("u", "next_unreviewed", "Next unreviewed difference", id="diptych.next_unreviewed",
                group=REVIEW),
        Binding("U", "prev_unreviewed", "Previous unreviewed difference",
                id="diptych.prev_unreviewed", group=REVIEW),
        Binding("e", "export", "Export the review report (HTML, in the current directory)",
                id="diptych.export", group=REVIEW),
    ]

    def _review_stop(self: ComparisonScreen) -> Stop | None:
        """The current stop; without one, the first below the top of the screen (selected)."""
        if self.alignment is None or self.review is None:
            return None
        if not self.state.stops:
            self.say("The documents have no differences to review.")
            return None
        if self.state.current is None:
            index, _ = step(None, len(self.state.stops), True, self.first_stop_below_top())
            self.go_to_stop(index)
        return self.state.current_stop

    def _mark(self: ComparisonScreen, field: MarkField, on: bool | None, stop: Stop) -> bool:
        """Set reviewed or flagged on every block of the stop (None: toggle); False when the store
        failed."""
        assert self.review is not None
        blocks = range(stop.first, stop.last + 1)
        if on is None:
            on = not self.review.combined_state(blocks).is_set(field)
        try:
            self.review.set_all(blocks, field, on)
        except ReviewStoreError as exc:
            self.say(f"Not saved: {exc}")
            return False
        self.marks_changed()
        return True

    def _toggle(self: ComparisonScreen, field: MarkField, when_on: str, when_off: str) -> None:
        """Toggle `field` on the current stop and say which way it went."""
        stop = self._review_stop()
        if stop is not None and self._mark(field, None, stop):
            assert self.review is not None
            on = self.review.combined_state(range(stop.first, stop.last + 1)).is_set(field)
            self.say(when_on if on else when_off)

    def action_review(self: ComparisonScreen) -> None:
        self._toggle(MarkField.REVIEWED, "Reviewed (r again undoes it).", "Marked not reviewed.")

    def action_review_next(self: ComparisonScreen) -> None:
        stop = self._review_stop()
        if stop is not None and self._mark(MarkField.REVIEWED, True, stop):
            self._step_unreviewed(True)

    def action_flag(self: ComparisonScreen) -> None:
        self._toggle(MarkField.FLAGGED, "Flagged (x again removes the flag).", "Flag removed.")

    def action_note(self: ComparisonScreen) -> None:
        stop = self._review_stop()
        if stop is None or self.state.current is None:
            return
        session = self.review
        assert session is not None
        number, total = self.state.current + 1, len(self.state.stops)
        title = f"Note on difference {number} of {total} (ctrl+s save, Esc cancel)"

        def save(text: str | None) -> None:
            if text is None:
                return
            try:
                state = session.set_note(stop.first, text)
            except ReviewStoreError as exc:
                self.say(f"Note not saved: {exc}")
                return
            self.marks_changed()
            self.say("Note saved." if state.note else "Note removed.")

        self.app.push_screen(NoteScreen(title, session.state(stop.first).note), save)

    def _step_unreviewed(self: ComparisonScreen, forward: bool) -> None:
        review, alignment = self.review, self.alignment
        if review is None or alignment is None:
            return
        stops = self.state.stops
        if not stops:
            self.say("The documents have no differences to review.")
            return
        review.refresh()  # another diptych process may have marked some
        stop = self.state.current_stop
        if stop is not None:
            before, after = stop.first, stop.last
        else:
            hint = self.first_stop_below_top() or 0
            before = stops[hint].first if hint < len(stops) else len(alignment.blocks)
            after = before - 1
        if forward:
            target = review.next_unreviewed(after if after >= 0 else None)
        else:
            target = review.previous_unreviewed(before if before < len(alignment.blocks) else None)
        if target is None:
            total = review.counts().total
            self.say(f"All {total} {'difference is' if total == 1 else 'differences are'} reviewed.")
            self.marks_changed()
            return
        stop_index = stop_of_block(stops, target)
        if stop_index is not None:
            self.go_to_stop(stop_index)
        self.refresh_bars()

    def action_next_unreviewed(self: ComparisonScreen) -> None:
        self._step_unreviewed(True)

    def action_prev_unreviewed(self: ComparisonScreen) -> None:
        self._step_unreviewed(False)

    def action_export(self: ComparisonScreen) -> None:
        if self.review is None:
            return
        try:
            path = export_report(self.review, "html")
        except (ReportError, ReviewStoreError) as exc:
            self.say(f"No report written: {exc}")
            return
        self.say(f"Report written to {make_safe(str(path))}")
