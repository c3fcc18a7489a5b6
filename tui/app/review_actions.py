"""The review keys: r reviewed, R reviewed and next, x flag, c note, u / U unreviewed, y / Y copy,
e export; and the gutter marks and notes the panes draw. A mixin of DiptychApp: each key acts
on the current difference, and without one on the first difference on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.app.export import ExportChoice, ExportScreen, Written, write_export
from tui.app.layout import NO_MARKS, RIGHT, RowMarks
from tui.app.navigation import Stop, stop_of_block
from tui.app.note import NoteScreen
from tui.app.report_jobs import EXPORT, in_background
from tui.app.sections import REVIEW, Keys
from tui.engine.safe_text import for_terminal
from tui.review import Mark, ReviewStoreError

if TYPE_CHECKING:
    from tui.app.app import DiptychApp
    from tui.engine.model import Alignment


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (REVIEW, Binding("r", "review", "Mark the current difference reviewed / not reviewed",
                     id="diptych.review")),
    (REVIEW, Binding("R", "review_next", "Mark it reviewed and go to the next unreviewed difference",
                     id="diptych.review_next")),
    (REVIEW, Binding("x", "flag", "Flag the current difference / remove the flag", id="diptych.flag")),
    (REVIEW, Binding("c", "note", "Write or edit the note of the current difference",
                     id="diptych.note")),
    (REVIEW, Binding("u", "next_unreviewed", "Next unreviewed difference", id="diptych.next_unreviewed")),
    (REVIEW, Binding("U", "prev_unreviewed", "Previous unreviewed difference",
                     id="diptych.prev_unreviewed")),
    (REVIEW, Binding("y", "copy(1)", "Copy the selected passage, newer version (terminal clipboard: OSC 52)",
                     id="diptych.copy_right")),
    (REVIEW, Binding("Y", "copy(0)", "Copy the selected passage, older version", id="diptych.copy_left")),
    (REVIEW, Binding("e", "export", "Export the review report or a redline (Word, HTML, Markdown)",
                     id="diptych.export")),
]


class ReviewActions:
    """Review keys for DiptychApp."""

    # -- review --------------------------------------------------------------------------------

    def _review_stop(self: DiptychApp) -> Stop | None:
        """The current stop; without one, the first below the top of the screen (as n picks)."""
        if self.alignment is None or self.review is None:
            return None
        if not self.stops:
            self._say("The documents have no differences to review.")
            return None
        if self.current is None:
            moved = self.view_state.step(True, self._on_screen())  # as n picks
            assert moved is not None
            self._show_state(moved.state)
        assert self.current is not None
        return self.stops[self.current]

    def _marks_changed(self: DiptychApp) -> None:
        self.view.repaint()
        self._refresh_bars()

    def _mark(self: DiptychApp, mark: Mark, value: bool | None, stop: Stop) -> bool:
        """Set reviewed/flagged on every block of the stop (None: toggle); False on a store error."""
        assert self.review is not None
        blocks = range(stop.first, stop.last + 1)
        if value is None:
            value = not self.review.combined_state(blocks).has(mark)
        try:
            if mark is Mark.REVIEWED:
                self.review.set_reviewed_all(blocks, value)
            else:
                self.review.set_flagged_all(blocks, value)
        except ReviewStoreError as exc:
            self._say(f"Not saved: {exc}")
            return False
        self._marks_changed()
        return True

    def _toggle_mark(self: DiptychApp, mark: Mark, when_on: str, when_off: str) -> None:
        """Toggle reviewed or flagged on the current stop and say which way it went."""
        stop = self._review_stop()
        if stop is not None and self._mark(mark, None, stop):
            assert self.review is not None
            on = self.review.combined_state(range(stop.first, stop.last + 1)).has(mark)
            said = when_on if on else when_off
            if stop.count > 1:  # knowingly: a run is many differences
                said = f"All {stop.count} passages of this run: {said[0].lower()}{said[1:]}"
                said += " Enter: one at a time."
            self._say(said)

    def action_review(self: DiptychApp) -> None:
        self._toggle_mark(Mark.REVIEWED, "Reviewed (r again undoes it).", "Marked not reviewed.")

    def action_review_next(self: DiptychApp) -> None:
        stop = self._review_stop()
        if stop is not None and self._mark(Mark.REVIEWED, True, stop):
            self._step_unreviewed(True)

    def action_flag(self: DiptychApp) -> None:
        self._toggle_mark(Mark.FLAGGED, "Flagged (x again removes the flag).", "Flag removed.")

    def _position_words(self: DiptychApp) -> str:
        """"difference 3 of 92", or "differences 11–52 of 92" for a run: as the status counts."""
        assert self.current is not None
        total = sum(stop.count for stop in self.stops)
        first = sum(stop.count for stop in self.stops[: self.current]) + 1
        count = self.stops[self.current].count
        if count == 1:
            return f"difference {first} of {total}"
        return f"differences {first}–{first + count - 1} of {total}"

    def action_note(self: DiptychApp) -> None:
        stop = self._review_stop()
        if stop is None or self.current is None:
            return
        session = self.review
        assert session is not None
        title = f"Note on {self._position_words()} (ctrl+s save, Esc cancel)"

        def save(text: str | None) -> None:
            if text is None:
                return
            try:
                state = session.set_note(stop.first, text)
            except ReviewStoreError as exc:
                self._say(f"Note not saved: {exc}")
                return
            self.view.rebuild()  # the note's row under its passage comes or goes
            self._marks_changed()
            self._say("Note saved." if state.note else "Note removed.")

        note = session.state(stop.first).note
        self.push_screen(NoteScreen(title, note, at_top=self._selection_in_lower_half()), save)

    def _selection_in_lower_half(self: DiptychApp) -> bool:
        """Is the selected difference in the lower half of the view (so the editor goes above it)?"""
        layout = self.view.diff_layout
        if layout is None or self.current is None:
            return False
        rows = layout.block_rows(self.stops[self.current].first)
        if not rows:
            return False
        return rows[0] - self.view.top_row() >= self.view.size.height // 2

    def _step_unreviewed(self: DiptychApp, forward: bool) -> None:
        review = self.review
        if review is None or self.alignment is None:
            return
        if not self.stops:
            self._say("The documents have no differences to review.")
            return
        review.refresh()  # another diptych process may have marked some
        if self.current is not None:
            stop = self.stops[self.current]
            before, after = stop.first, stop.last
        else:
            hint = self._first_stop_below_top() or 0
            before = self.stops[hint].first if hint < len(self.stops) else len(self.alignment.blocks)
            after = before - 1
        keep = self.view_state.keep  # with a filter set (F, z): only the differences it keeps
        if forward:
            target = review.next_unreviewed(after if after >= 0 else None, among=keep)
        else:
            target = review.previous_unreviewed(
                before if before < len(self.alignment.blocks) else None, among=keep
            )
        if target is None:
            total = review.counts().total if keep is None else len(keep)
            kept = "" if keep is None else " the filter keeps"
            self._say(f"All {total} {'difference' if total == 1 else 'differences'}{kept} "
                      f"{'is' if total == 1 else 'are'} reviewed.")
            self._marks_changed()
            return
        stop_index = stop_of_block(self.stops, target)
        if stop_index is not None:
            self._go_to_stop(stop_index)
        if (target <= after) if forward else (target >= before):  # as n and p say it
            self._say(f"Wrapped around to the {'first' if forward else 'last'} unreviewed difference.")
        self._refresh_bars()

    def action_next_unreviewed(self: DiptychApp) -> None:
        self._step_unreviewed(True)

    def action_prev_unreviewed(self: DiptychApp) -> None:
        self._step_unreviewed(False)

    def action_copy(self: DiptychApp, side: int) -> None:
        """Copy the selected difference's text of one version to the clipboard. Over SSH the
        terminal on the reader's desk receives it (OSC 52); a terminal that ignores OSC 52
        receives nothing, which no program can detect, so the message says what to check."""
        if self.alignment is None or self.current is None:
            self._say("Select a difference first (n / p), then y copies its newer text, Y its older.")
            return
        stop = self.stops[self.current]
        blocks = self.alignment.blocks[stop.first : stop.last + 1]
        passages = [p for block in blocks for p in (block.right if side == RIGHT else block.left)]
        version = "newer" if side == RIGHT else "older"
        if not passages:
            self._say(f"The selected difference has no {version} text (it is only in the other version).")
            return
        text = "\n\n".join(p.text for p in passages)
        self.copy_to_clipboard(text)
        # Short enough for 80 columns: what was copied, how, and the usual reason it did not arrive.
        self._say(f"Copied the {version} text, {len(text)} chars (OSC 52; tmux: set -g set-clipboard on).")

    def action_export(self: DiptychApp) -> None:
        """The export chooser: the review report or a redline (Word, HTML, CriticMarkup)."""
        if self.review is None or self.job_running(EXPORT):
            return
        self.push_screen(ExportScreen(for_terminal(str(Path.cwd()))), self._export)

    def _export(self: DiptychApp, choice: ExportChoice | None) -> None:
        if choice is None or self.review is None:
            return
        session = self.review
        try:
            # Here, not in the worker: a refresh replaces the marks held in memory, and would
            # drop one this thread saved while it read them.
            session.refresh()
        except ReviewStoreError as exc:
            self._say(f"No {choice.name.lower()} written: {exc}")
            return
        if not in_background(session.alignment):
            self._exported(choice, session.alignment, write_export(session, choice))
            return
        self.start_job(
            EXPORT, f"writing the {choice.name.lower()}…", lambda: write_export(session, choice),
            lambda alignment, written: self._exported(choice, alignment, written),
        )

    def _exported(self: DiptychApp, choice: ExportChoice, alignment: Alignment, written: Written) -> None:
        what = choice.name
        if written.path is None:
            self._say(f"No {what.lower()} written: {written.problem}")
            return
        path = written.path
        # Written all the same when the alignment changed meanwhile: it is the export asked for.
        when = "" if alignment is self.alignment else " (of the alignment when it was asked for)"
        if self.is_web:  # a `diptych --serve` session: the file is on the server, send a copy
            self.deliver_binary(path, mime_type=choice.mime_type)
            where = for_terminal(str(path))
            self._say(f"{what} written to {where} on the server{when}; the browser downloads it")
            return
        self._say(f"{what} written to {for_terminal(str(path))}{when}")

    def _review_notes(self: DiptychApp) -> dict[int, str]:
        review = self.review
        if review is None or review.alignment is not self.alignment:
            return {}
        return {index: state.note for index, state in review.states() if state.note}

    def _review_marks(self: DiptychApp, block: int) -> RowMarks:
        review, layout = self.review, self.view.diff_layout
        if review is None or layout is None or layout.alignment is not review.alignment:
            return NO_MARKS  # a layout of another alignment is still on screen
        state = review.state(block)
        corrected = block in review.corrected.marks
        return RowMarks(state.reviewed, state.carried == "fuzzy", state.flagged, bool(state.note), corrected)
