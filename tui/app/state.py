"""What the reader has selected, searched and folded, and how each key changes it. Pure Python.

A ViewState is a value: every transition returns a new one, with the notice to show in the bottom
line ("" for none). The comparison screen applies a new state to the widgets (marks to repaint,
rows to scroll into view, a layout to rebuild when folding or the view mode changed); nothing
here knows about Textual, so the rules of n/p, m, search and folding are tested directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from tui.app.layout import Marks, PassageKey
from tui.app.navigation import Stop, step, stop_of_block
from tui.app.search import Match, match_marks
from tui.engine.model import Block


@dataclass(frozen=True, slots=True)
class Search:
    query: str = ""  # "" when no search is active
    matches: list[Match] = field(default_factory=list)  # what n / N step through
    marks: Mapping[PassageKey, list[tuple[int, int]]] = field(default_factory=dict)  # every match
    index: int | None = None  # the current match

    @property
    def steps_matches(self) -> bool:
        """Whether n / N step through matches (rather than differences)."""
        return bool(self.query and self.matches)


@dataclass(frozen=True, slots=True)
class ViewState:
    stops: list[Stop] = field(default_factory=list)  # the differences n / p step through
    current: int | None = None  # index into stops
    at_stub: bool = False  # `m` went to the right end of the current moved passage
    search: Search = field(default_factory=Search)
    fold_equal: bool = False  # `f`: runs of equal passages folded into one row
    stacked: bool | None = None  # `v`: the view mode the reader chose (None: by width)

    @property
    def current_stop(self) -> Stop | None:
        return self.stops[self.current] if self.current is not None else None


class Transition(NamedTuple):
    state: ViewState
    notice: str = ""  # what to tell the reader ("" for nothing)


NO_DIFFERENCES = "The documents have no differences."


def aligned(state: ViewState, stops: list[Stop]) -> ViewState:
    """A new alignment: nothing selected, no matches yet (the query stays, to search again)."""
    return replace(state, stops=stops, current=None, at_stub=False, search=Search(state.search.query))


def select(state: ViewState, stop: int | None) -> ViewState:
    return replace(state, current=stop, at_stub=False)


def step_difference(state: ViewState, forward: bool, below_top: int | None) -> Transition:
    """n / p: the next or previous difference; with none selected, from the first one at or
    below the top of the view (`below_top`, an index into stops)."""
    if not state.stops:
        return Transition(state, NO_DIFFERENCES)
    hint = None if state.current is not None else below_top
    index, wrapped = step(state.current, len(state.stops), forward, hint)
    notice = ""
    if wrapped:
        notice = f"Wrapped around to the {'first' if forward else 'last'} difference."
    return Transition(select(state, index), notice)


def toggle_stub(state: ViewState) -> ViewState:
    """m on a moved passage: its right end (where it sits in the right document), and back."""
    return replace(state, at_stub=not state.at_stub)


def clicked(state: ViewState, block: int, on_stub: bool) -> ViewState:
    """A click on a difference selects it (on a moved passage's stub: its right end); a click
    elsewhere changes nothing."""
    stop = stop_of_block(state.stops, block)
    if stop is None:
        return state
    return replace(state, current=stop, at_stub=on_stub)


def found(state: ViewState, query: str, matches: Sequence[Match]) -> ViewState:
    """The matches of `query` (all of them, navigable or not), none current yet."""
    navigable = [m for m in matches if m.navigable]
    return replace(state, search=Search(query, navigable, match_marks(matches), None))


def searched(
    state: ViewState, query: str, matches: Sequence[Match], top_block: int | None,
    is_folded: Callable[[int], bool],
) -> Transition:
    """Enter in the search bar: go to the first match at or below the top of the view."""
    state = found(state, query, matches)
    count = len(state.search.matches)
    if not count:
        return Transition(state, _not_found(query))
    first = next(
        (k for k, m in enumerate(state.search.matches) if top_block is None or m.block >= top_block), 0
    )
    state = go_to_match(state, first, is_folded).state
    noun = "match" if count == 1 else "matches"
    return Transition(state, f"{count} {noun} of “{query}”: n / N next / previous, Esc ends the search.")


def searched_again(state: ViewState, query: str, matches: Sequence[Match]) -> Transition:
    """The search kept over a new alignment: its matches marked, none current yet."""
    state = found(state, query, matches)
    return Transition(state, "" if state.search.matches else _not_found(query))


def _not_found(query: str) -> str:
    return f"“{query}” is not in either document."


def go_to_match(state: ViewState, index: int, is_folded: Callable[[int], bool]) -> Transition:
    """Make match `index` current and select its difference; a match inside a folded run of
    equal passages (`is_folded(block)`, as shown now) unfolds them."""
    match = state.search.matches[index]
    notice = ""
    if is_folded(match.block):
        state = replace(state, fold_equal=False)
        notice = "Unfolded equal passages to show the match."
    state = replace(
        state, search=replace(state.search, index=index),
        current=stop_of_block(state.stops, match.block), at_stub=False,
    )
    return Transition(state, notice)


def step_match(state: ViewState, forward: bool, is_folded: Callable[[int], bool]) -> Transition:
    index, wrapped = step(state.search.index, len(state.search.matches), forward)
    moved = go_to_match(state, index, is_folded)
    return Transition(moved.state, "Search wrapped around." if wrapped else moved.notice)


def end_search(state: ViewState) -> Transition:
    if not state.search.query:
        return Transition(state)
    return Transition(replace(state, search=Search()), "Search ended: n and p step through differences.")


def toggle_fold(state: ViewState) -> Transition:
    fold = not state.fold_equal
    notice = (
        "Showing only differences: equal passages folded (f shows all)." if fold else "Showing all passages."
    )
    return Transition(replace(state, fold_equal=fold), notice)


def toggle_stacked(state: ViewState, shown_stacked: bool) -> Transition:
    """v: the other view mode than the one asked for last (or, if never asked, shown now)."""
    stacked = state.stacked if state.stacked is not None else shown_stacked
    notice = "Stacked view." if not stacked else "Side-by-side view."
    return Transition(replace(state, stacked=not stacked), notice)


def marks(state: ViewState, blocks: Sequence[Block]) -> Marks:
    """What the panes draw over their rows for this state."""
    selection = selected_stub = None
    stop = state.current_stop
    if stop is not None:
        selection = (stop.first, stop.last)
        selected_stub = stop.first if blocks[stop.first].moved else None
    current_match = None
    if state.search.index is not None:
        m = state.search.matches[state.search.index]
        current_match = (m.block, m.side, m.pos, m.start)
    return Marks(selection, selected_stub, state.search.marks, current_match)
