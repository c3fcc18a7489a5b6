"""The current difference: stepping with n / p, runs one by one, m along moved passages and
sentences; the marks that show the selection (the scrolling keys are the panes', panes.py). A
mixin of DiptychApp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.app.layout import LEFT
from tui.app.navigation import Stop, stop_of_block
from tui.app.report_jobs import CHANGE_LIST, in_background
from tui.app.sections import NAVIGATION, Keys
from tui.app.view_state import OnScreen, ViewState
from tui.engine.positions import where as position_words

if TYPE_CHECKING:
    from tui.app.app import DiptychApp
    from tui.app.change_list import ChangeEntry
    from tui.engine.model import Alignment
    from tui.review.report_model import ReviewReport


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (NAVIGATION, Binding("n,right_square_bracket", "next_diff", "Next difference", key_display="n ]",
                         id="diptych.next_diff")),
    (NAVIGATION, Binding("p,left_square_bracket", "prev_diff", "Previous difference", key_display="p [",
                         id="diptych.prev_diff")),
    (NAVIGATION, Binding("enter", "toggle_runs", "Runs of one-sided passages: one stop, or a stop each",
                         key_display="Enter", id="diptych.runs")),
    (NAVIGATION, Binding("m", "jump_moved", "Moved passage or sentence (↪ ↩): jump to its other end and back",
                         id="diptych.jump_moved")),
    (NAVIGATION, Binding("l", "change_list", "Change list: every difference, most significant first",
                         id="diptych.change_list")),
]


class Selection:
    """Selection and scrolling keys for DiptychApp: each asks the ViewState for the next state
    (tui/app/view_state.py), keeps it, then paints and scrolls."""

    def action_change_list(self: DiptychApp) -> None:
        if self.alignment is None:
            self._say("The documents are still being aligned.")
            return
        if self.job_running(CHANGE_LIST):
            return
        from tui.app.change_list import change_entries
        from tui.review.report_model import build_report

        alignment = self.alignment
        session = self.review if self.review is not None and self.review.alignment is alignment else None

        def build() -> tuple[ReviewReport, list[ChangeEntry]]:
            report = build_report(alignment, session)
            return report, change_entries(report)

        if not in_background(alignment):
            self._show_change_list(alignment, build())
            return
        self.start_job(CHANGE_LIST, "building the change list…", build, self._show_change_list)

    def _show_change_list(
        self: DiptychApp, alignment: Alignment, built: tuple[ReviewReport, list[ChangeEntry]]
    ) -> None:
        if alignment is not self.alignment:  # its rows would lead to another alignment's blocks
            self._say("The alignment changed while the change list was being built: press l again.")
            return
        from tui.app.change_list import ChangeListScreen
        from tui.review.report_model import with_marks_of

        report, made = built
        entries: list[ChangeEntry] | None = made
        if self.review is not None and self.review.alignment is alignment:
            marked = with_marks_of(report, self.review)  # marks made while it was being built
            if marked is not report:
                report, entries = marked, None  # the rows show the marks: made again
        if not report.items:
            self._say("No differences: the list would be empty.")
            return
        self.push_screen(ChangeListScreen(report, entries, self), self._jump_to_block)

    def _jump_to_block(self: DiptychApp, block: int | None) -> None:
        """Select the difference of `block` (chosen in the change list) and bring it into view."""
        if block is None:
            return
        self._reveal(block)
        stop = stop_of_block(self.stops, block)
        if stop is not None:
            self._go_to_stop(stop)

    # -- the state's fields, as the other mixins and the tests read them ------------------------

    @property
    def stops(self: DiptychApp) -> list[Stop]:
        return self.view_state.stops

    @property
    def current(self: DiptychApp) -> int | None:
        return self.view_state.current

    @current.setter
    def current(self: DiptychApp, index: int | None) -> None:
        self.view_state = self.view_state.select(index, self.view_state.at_stub)

    @property
    def at_stub(self: DiptychApp) -> bool:
        return self.view_state.at_stub

    @property
    def one_by_one(self: DiptychApp) -> bool:
        return self.view_state.one_by_one

    # -- selection -----------------------------------------------------------------------------

    def _sync_marks(self: DiptychApp) -> None:
        """Copy selection and search marks to the layout and repaint (no rebuild)."""
        if self.view.diff_layout is None:
            return
        state = self.view_state
        selection, selected_stub = (
            state.selection_marks(self.alignment.blocks) if self.alignment is not None else (None, None)
        )
        m = state.match
        current_match = (m.block, m.side, m.pos, m.start) if m is not None else None
        self.view.set_marks(selection, selected_stub, state.marks, current_match)
        self._refresh_bars()

    def _scroll_to_current(self: DiptychApp) -> None:
        layout = self.view.diff_layout
        if layout is None:
            return
        state = self.view_state
        m = state.match
        if m is not None and state.query:
            row = layout.row_of_text(m.block, m.side, m.pos, m.start)
            if row is not None:
                self.view.scroll_rows_into_view(row, row + 1, context=max(2, self.view.size.height // 3))
            return
        stop = state.stop
        if stop is None:
            return
        if state.at_stub:
            rows = layout.stub_rows(stop.first)
        else:
            first = layout.block_rows(stop.first)
            last = layout.block_rows(stop.last)
            rows = (first[0], last[1]) if first and last else None
        if rows:
            self.view.scroll_rows_into_view(*rows)

    def _show_state(self: DiptychApp, state: ViewState) -> None:
        """Keep `state`, paint its marks and bring its selection into view."""
        self.view_state = state
        self._sync_marks()
        self._scroll_to_current()

    def _go_to_stop(self: DiptychApp, index: int) -> None:
        self._show_state(self.view_state.select(index))

    def _on_screen(self: DiptychApp) -> OnScreen:
        """The blocks at the top and bottom rows of the view, and whether the selection shows."""
        layout = self.view.diff_layout
        if layout is None:
            return OnScreen(None, None, False)
        top = self.view.top_row()
        return OnScreen(
            layout.block_at(top), layout.block_at(top + self.view.size.height - 1), self._selection_in_view()
        )

    def _first_stop_below_top(self: DiptychApp) -> int | None:
        return self.view_state.first_stop_from(self._on_screen().top_block)

    def _selection_in_view(self: DiptychApp) -> bool:
        layout = self.view.diff_layout
        stop = self.view_state.stop
        if layout is None or stop is None:
            return False
        first, last = layout.block_rows(stop.first), layout.block_rows(stop.last)
        if not first or not last:
            return False
        top = self.view.top_row()
        return first[0] < top + self.view.size.height and last[1] > top

    def _step_diff(self: DiptychApp, forward: bool) -> None:
        if self.alignment is None:
            return
        moved = self.view_state.step(forward, self._on_screen())
        if moved is None:
            self._say(
                self._filter_message() if self.view_state.keep is not None
                else "The documents have no differences."
            )
            return
        self._show_state(moved.state)
        if moved.wrapped:
            self._say(
                "Wrapped around to the first difference." if forward
                else "Wrapped around to the last difference."
            )

    def action_next_diff(self: DiptychApp) -> None:
        if self.view_state.searching:
            self._step_match(True)
        else:
            self._step_diff(True)

    def action_prev_diff(self: DiptychApp) -> None:
        self._step_diff(False)

    def action_toggle_runs(self: DiptychApp) -> None:
        if self.alignment is None:
            return
        self._show_state(self.view_state.toggle_runs(self.alignment.blocks))
        self._say(
            "One difference at a time: n/p step through each passage of a run, r marks one"
            " (Enter: runs as one stop)." if self.one_by_one
            else "Runs of one-sided passages are one stop again: r marks a whole run (Enter: one at a time)."
        )

    def action_jump_moved(self: DiptychApp) -> None:
        if self.alignment is None or self.current is None:
            self._say("m jumps between the ends of a moved passage or sentence: select one with n/p first.")
            return
        stop = self.stops[self.current]
        block = self.alignment.blocks[stop.first]
        if not block.moved:
            self._jump_sentence_link(stop)
            return
        self._show_state(self.view_state.toggle_stub())
        doc = self.right_doc if self.at_stub else self.left_doc
        place = position_words(doc, (block.right if self.at_stub else block.left)[0])
        where = "right" if self.at_stub else "left"
        self._say(f"Moved passage: {where} end, {where} {place}. m jumps back.")

    def _jump_sentence_link(self: DiptychApp, stop: Stop) -> None:
        """Go to the other end of a sentence link of the selected difference: the paragraph a
        sentence moved to, or the one it came from. Back where the last `m` came from when it
        came here (a stop may hold several moved sentences); else along the first link."""
        layout = self.view.diff_layout
        links = layout.links_of_block if layout is not None else {}
        ends = [
            (side, link, link.right_block if side == LEFT else link.left_block)
            for block_index in range(stop.first, stop.last + 1)
            for side, link in links.get(block_index, ())
        ]
        back = self.view_state.came_back()
        if back is not None:
            ends.sort(key=lambda end: not back.first <= end[2] <= back.last)  # stable: first links first
        if not ends:
            self._say("The selected difference is not a moved passage and has no moved sentence.")
            return
        side, link, other_block = ends[0]
        target = stop_of_block(self.stops, other_block)
        if target is not None:
            self._show_state(self.view_state.jumped(target))
        # The paragraph itself in view (a stop can be a long run of one-sided blocks), even when
        # it is not a difference.
        rows = layout.block_rows(other_block) if layout else None
        if rows:
            self.view.scroll_rows_into_view(*rows)
        sentence = link.right if side == LEFT else link.left
        where = "right" if side == LEFT else "left"
        place = position_words(self.right_doc if side == LEFT else self.left_doc, sentence)
        self._say(f"Moved sentence: {where} end, {where} {place}. m jumps back.")
