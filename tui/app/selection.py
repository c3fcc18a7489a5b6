"""The current difference: stepping with n / p, runs one by one, m along moved passages and
sentences, scrolling; the marks that show the selection. A mixin of DiptychApp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.layout import LEFT
from tui.app.navigation import Stop, build_stops, step, stop_of_block
from tui.engine.positions import where as position_words

if TYPE_CHECKING:
    from tui.app.app import DiptychApp


class Selection:
    """Selection and scrolling keys for DiptychApp."""

    # -- selection -----------------------------------------------------------------------------

    def _sync_marks(self: DiptychApp) -> None:
        """Copy selection and search marks to the layout and repaint (no rebuild)."""
        layout = self.view.diff_layout
        if layout is None:
            return
        selection: tuple[int, int] | None = None
        selected_stub: int | None = None
        if self.current is not None:
            stop = self.stops[self.current]
            selection = (stop.first, stop.last)
            moved = self.alignment is not None and self.alignment.blocks[stop.first].moved
            selected_stub = stop.first if moved else None
        current_match: tuple[int, int, int, int] | None = None
        if self.match_index is not None:
            m = self.matches[self.match_index]
            current_match = (m.block, m.side, m.pos, m.start)
        self.view.set_marks(selection, selected_stub, self._marks, current_match)
        self._refresh_bars()

    def _scroll_to_current(self: DiptychApp) -> None:
        layout = self.view.diff_layout
        if layout is None:
            return
        if self.match_index is not None and self.search_query:
            m = self.matches[self.match_index]
            row = layout.row_of_text(m.block, m.side, m.pos, m.start)
            if row is not None:
                self.view.scroll_rows_into_view(row, row + 1, context=max(2, self.view.size.height // 3))
            return
        if self.current is None:
            return
        stop = self.stops[self.current]
        if self.at_stub:
            rows = layout.stub_rows(stop.first)
        else:
            first = layout.block_rows(stop.first)
            last = layout.block_rows(stop.last)
            rows = (first[0], last[1]) if first and last else None
        if rows:
            self.view.scroll_rows_into_view(*rows)

    def _go_to_stop(self: DiptychApp, index: int) -> None:
        self.current = index
        self.at_stub = False
        self._sync_marks()
        self._scroll_to_current()

    def _first_stop_below_top(self: DiptychApp) -> int | None:
        return self._first_stop_from_row(self.view.top_row())

    def _selection_in_view(self: DiptychApp) -> bool:
        layout = self.view.diff_layout
        if layout is None or self.current is None:
            return False
        stop = self.stops[self.current]
        first, last = layout.block_rows(stop.first), layout.block_rows(stop.last)
        if not first or not last:
            return False
        top = self.view.top_row()
        return first[0] < top + self.view.size.height and last[1] > top

    def _stops_to_bottom(self: DiptychApp) -> int | None:
        """How many stops start above the bottom of the view (so that stepping back from there
        reaches the last of them)."""
        layout = self.view.diff_layout
        if layout is None:
            return None
        block = layout.block_at(self.view.top_row() + self.view.size.height - 1)
        if block is None:
            return None
        return sum(1 for stop in self.stops if stop.first <= block)

    def _first_stop_from_row(self: DiptychApp, row: int) -> int | None:
        """The first stop that ends at or after the passage at `row` of the layout."""
        layout = self.view.diff_layout
        if layout is None:
            return None
        block = layout.block_at(row)
        if block is None:
            return None
        for k, stop in enumerate(self.stops):
            if stop.last >= block:
                return k
        return len(self.stops)

    def _step_diff(self: DiptychApp, forward: bool) -> None:
        if self.alignment is None:
            return
        if not self.stops:
            self._say("The documents have no differences.")
            return
        current, hint = self.current, None
        if current is None:
            hint = self._first_stop_below_top()
        elif not self._selection_in_view():
            # Scrolled away from the selection (g, G, the page keys): step from what is on
            # screen, not from a selection the reader no longer sees.
            current = None
            hint = self._first_stop_below_top() if forward else self._stops_to_bottom()
        index, wrapped = step(current, len(self.stops), forward, hint)
        self._go_to_stop(index)
        if wrapped:
            self._say(
                "Wrapped around to the first difference." if forward
                else "Wrapped around to the last difference."
            )

    def action_next_diff(self: DiptychApp) -> None:
        if self.search_query and self.matches:
            self._step_match(True)
        else:
            self._step_diff(True)

    def action_prev_diff(self: DiptychApp) -> None:
        self._step_diff(False)

    def action_prev_match(self: DiptychApp) -> None:
        if self.search_query and self.matches:
            self._step_match(False)
        else:
            self._step_diff(False)

    def action_toggle_runs(self: DiptychApp) -> None:
        if self.alignment is None:
            return
        block = self.stops[self.current].first if self.current is not None else None
        self.one_by_one = not self.one_by_one
        self.stops = build_stops(self.alignment.blocks, self.one_by_one)
        self.current = stop_of_block(self.stops, block) if block is not None else None
        self._sentence_jump = None
        self._sync_marks()
        self._scroll_to_current()
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
        self.at_stub = not self.at_stub
        self._sync_marks()
        self._scroll_to_current()
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
        if self._sentence_jump is not None and self._sentence_jump[1] == self.current:
            back = self.stops[self._sentence_jump[0]]
            ends.sort(key=lambda end: not back.first <= end[2] <= back.last)  # stable: first links first
        if not ends:
            self._say("The selected difference is not a moved passage and has no moved sentence.")
            return
        side, link, other_block = ends[0]
        origin, target = self.current, stop_of_block(self.stops, other_block)
        if target is not None:
            self._go_to_stop(target)
            self._sentence_jump = (origin, target) if origin is not None else None
        # The paragraph itself in view (a stop can be a long run of one-sided blocks), even when
        # it is not a difference.
        rows = layout.block_rows(other_block) if layout else None
        if rows:
            self.view.scroll_rows_into_view(*rows)
        sentence = link.right if side == LEFT else link.left
        where = "right" if side == LEFT else "left"
        place = position_words(self.right_doc if side == LEFT else self.left_doc, sentence)
        self._say(f"Moved sentence: {where} end, {where} {place}. m jumps back.")

    # -- scrolling -----------------------------------------------------------------------------

    def action_scroll_lines(self: DiptychApp, delta: int) -> None:
        self.view.scroll_to(y=self.view.scroll_y + delta, animate=False, immediate=True)

    def action_scroll_pages(self: DiptychApp, delta: int) -> None:
        page = max(1, self.view.scrollable_content_region.height - 1)
        self.view.scroll_to(y=self.view.scroll_y + delta * page, animate=False, immediate=True)

    def action_scroll_edge(self: DiptychApp, end: int) -> None:
        target = self.view.max_scroll_y if end else 0
        self.view.scroll_to(y=target, animate=False, immediate=True)
