"""The `/` search and `:` go-to prompts at the bottom of the screen, and what their input does.
A mixin of DiptychApp (the app wires the prompts' Submitted events to it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.widgets import Input

from tui.app.navigation import block_of_line, parse_goto, step, stop_of_block
from tui.app.search import find_matches, match_marks

if TYPE_CHECKING:
    from tui.app.app import DiptychApp


class SearchBar(Input):
    """The `/` prompt. Enter searches; Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "cancel", "Cancel search")]

    def action_cancel(self) -> None:
        self.app.call_later(self.app.run_action, "close_search_bar")


class GoToBar(Input):
    """The `:` prompt: a difference by number, or a line of either document. Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.app.call_later(self.app.run_action, "close_goto_bar")


class SearchActions:
    """Search and go-to for DiptychApp."""

    # -- search --------------------------------------------------------------------------------

    def action_search(self: DiptychApp) -> None:
        bar = self.query_one(SearchBar)
        bar.add_class("visible")
        bar.value = self.search_query
        bar.focus()

    def action_close_search_bar(self: DiptychApp) -> None:
        bar = self.query_one(SearchBar)
        bar.remove_class("visible")
        self.view.focus()

    def action_goto(self: DiptychApp) -> None:
        bar = self.query_one(GoToBar)
        bar.add_class("visible")
        bar.value = ""
        bar.focus()

    def action_close_goto_bar(self: DiptychApp) -> None:
        self.query_one(GoToBar).remove_class("visible")
        self.view.focus()

    def _submit_goto(self: DiptychApp, event: Input.Submitted) -> None:
        self.action_close_goto_bar()
        where = parse_goto(event.value)
        if where is None:
            self._say("Go to: a difference number (7), or a line: l12 (left) or r12 (right).")
        elif self.alignment is None:
            self._say("The documents are still being aligned.")
        elif where.side is None:
            if not 1 <= where.number <= len(self.stops):
                self._say(f"There is no difference {where.number}: they are numbered 1 to {len(self.stops)}.")
                return
            self._go_to_stop(where.number - 1)
        else:
            self._go_to_line(where.side, where.number)

    def _go_to_line(self: DiptychApp, side: str, line: int) -> None:
        assert self.alignment is not None
        block = block_of_line(self.alignment.blocks, side, line)
        if block is None:
            self._say(f"The {side} document has no line {line}.")
            return
        layout = self.view.diff_layout
        if layout is not None and layout.is_folded(block):
            self.view.fold_equal = False
            self.view.rebuild()
            layout = self.view.diff_layout
        stop = stop_of_block(self.stops, block)
        if stop is not None:
            self._go_to_stop(stop)  # a difference: selected
        else:
            self.current, self.at_stub = None, False
            self._sync_marks()
        rows = layout.block_rows(block) if layout is not None else None
        if rows:
            self.view.scroll_to(y=rows[0], animate=False, immediate=True)
        self._say(f"{side.capitalize()} line {line}" + ("." if stop is not None else ": an equal passage."))

    def _submit_search(self: DiptychApp, event: Input.Submitted) -> None:
        self.action_close_search_bar()
        query = " ".join(event.value.split())
        if not query:
            self.action_end_search()
            return
        self.search_query = query
        self._run_search(query, jump=True)

    def _run_search(self: DiptychApp, query: str, jump: bool) -> None:
        if self.alignment is None:
            return
        found = find_matches(self.alignment.blocks, self.view.texts, query)
        self._marks = match_marks(found)
        self.matches = [m for m in found if m.navigable]
        self.match_index = None
        if not self.matches:
            self._sync_marks()
            self._say(f"“{query}” is not in either document.")
            return
        if jump:
            layout = self.view.diff_layout
            top_block = layout.block_at(self.view.top_row()) if layout else None
            first = next(
                (k for k, m in enumerate(self.matches) if top_block is None or m.block >= top_block), 0
            )
            self._go_to_match(first)
            count = len(self.matches)
            self._say(f"{count} {'match' if count == 1 else 'matches'} of “{query}”: n / N next / previous, "
                      "Esc ends the search.")
        else:
            self._sync_marks()

    def _go_to_match(self: DiptychApp, index: int) -> None:
        self.match_index = index
        match = self.matches[index]
        view = self.view
        layout = view.diff_layout
        if layout is not None and layout.is_folded(match.block):
            view.fold_equal = False
            view.rebuild()
            self._say("Unfolded equal passages to show the match.")
        self.current = stop_of_block(self.stops, match.block)
        self.at_stub = False
        self._sync_marks()
        self._scroll_to_current()

    def _step_match(self: DiptychApp, forward: bool) -> None:
        index, wrapped = step(self.match_index, len(self.matches), forward)
        self._go_to_match(index)
        if wrapped:
            self._say("Search wrapped around.")

    def action_end_search(self: DiptychApp) -> None:
        if not self.search_query:
            return
        self.search_query = ""
        self.matches, self.match_index, self._marks = [], None, {}
        self._sync_marks()
        self._say("Search ended: n and p step through differences.")
