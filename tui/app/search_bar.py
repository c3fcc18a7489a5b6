"""The `/` search and `:` go-to prompts at the bottom of the screen, and what their input does.
A mixin of DiptychApp (the app wires the prompts' Submitted events to it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.app.navigation import block_of_line, parse_goto, stop_of_block
from tui.app.search import Match, find_matches
from tui.app.sections import NAVIGATION, SEARCH, Keys
from tui.app.view_state import MatchMarks

if TYPE_CHECKING:
    from tui.app.app import DiptychApp


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (NAVIGATION, Binding("colon", "goto", "Go to a difference by number (7) or a line (l12 left, r12 right)",
                         key_display=":", id="diptych.goto")),
    (SEARCH, Binding("slash", "search", "Search both documents (case, quotes, dashes folded; =text: exact)",
                     key_display="/", id="diptych.search")),
    (SEARCH, Binding("N", "prev_match",
                     "Previous match while searching (n: next); otherwise previous difference",
                     id="diptych.prev_match")),
    (SEARCH, Binding("escape", "end_search", "End the search (n and p step through differences again)",
                     key_display="Esc", id="diptych.end_search")),
]


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
    """Search and go-to for DiptychApp: the search is part of its ViewState."""

    # -- the state's fields, as the tests read them ---------------------------------------------

    @property
    def search_query(self: DiptychApp) -> str:
        return self.view_state.query

    @property
    def matches(self: DiptychApp) -> list[Match]:
        return self.view_state.matches

    @property
    def match_index(self: DiptychApp) -> int | None:
        return self.view_state.match_index

    @property
    def _marks(self: DiptychApp) -> MatchMarks:
        return self.view_state.marks

    # -- search --------------------------------------------------------------------------------

    def action_search(self: DiptychApp) -> None:
        bar = self.query_one(SearchBar)
        bar.add_class("visible")
        bar.value = self.view_state.query
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
        self._reveal(block)
        layout = self.view.diff_layout
        stop = stop_of_block(self.stops, block)
        if stop is not None:
            self._go_to_stop(stop)  # a difference: selected
        else:
            self.view_state = self.view_state.select(None)
            self._sync_marks()
        rows = layout.block_rows(block) if layout is not None else None
        if rows:
            self.view.scroll_to(y=rows[0], animate=False, immediate=True)
        self._say(f"{side.capitalize()} line {line}" + ("." if stop is not None else ": an equal passage."))

    def _reveal(self: DiptychApp, block: int) -> bool:
        """Unfold the equal passages when `block` is hidden in a fold; True when it was."""
        layout = self.view.diff_layout
        state = self.view_state.revealing(layout is not None and layout.is_folded(block))
        if state.folded == self.view_state.folded:
            return False
        self.view_state = state
        self.view.fold_equal = state.folded
        self.view.rebuild()
        return True

    def _submit_search(self: DiptychApp, event: Input.Submitted) -> None:
        self.action_close_search_bar()
        query = " ".join(event.value.split())
        if not query:
            self.action_end_search()
            return
        self._run_search(query, jump=True)

    def _run_search(self: DiptychApp, query: str, jump: bool) -> None:
        if self.alignment is None:
            self.view_state = self.view_state.asked(query)  # searched when the alignment is in
            return
        found = find_matches(self.alignment.blocks, self.view.texts, query)
        self.view_state = self.view_state.searched(query, found)
        if not self.view_state.matches:
            self._sync_marks()
            self._say(f"“{query}” is not in either document.")
            return
        if jump:
            self._go_to_match(self.view_state.first_match_from(self._on_screen().top_block))
            count = len(self.view_state.matches)
            self._say(f"{count} {'match' if count == 1 else 'matches'} of “{query}”: n / N next / previous, "
                      "Esc ends the search.")
        else:
            self._sync_marks()

    def _go_to_match(self: DiptychApp, index: int) -> None:
        if self._reveal(self.view_state.matches[index].block):
            self._say("Unfolded equal passages to show the match.")
        self._show_state(self.view_state.at_match(index))

    def _step_match(self: DiptychApp, forward: bool) -> None:
        moved = self.view_state.step_match(forward)
        self._go_to_match(moved.state.match_index)
        if moved.wrapped:
            self._say("Search wrapped around.")

    def action_prev_match(self: DiptychApp) -> None:
        if self.view_state.searching:
            self._step_match(False)
        else:
            self._step_diff(False)

    def action_end_search(self: DiptychApp) -> None:
        if not self.view_state.query:
            return
        self.view_state = self.view_state.search_ended()
        self._sync_marks()
        self._say("Search ended: n and p step through differences.")
