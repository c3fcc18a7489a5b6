"""What the reader has selected, searched and folded, and how each key changes it.

Pure Python (no Textual, no widget): every transition returns a new frozen `ViewState`, so each
can be tested with a list of stops and a few numbers. The mixins (selection.py, search_bar.py,
view_actions.py) ask for the new state, keep it, and then paint and scroll. Where a transition
depends on the screen, the mixin passes what is on it (`OnScreen`): after g, G or a page key,
n and p step from what the reader sees, not from a selection scrolled out of sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tui.app.navigation import Stop, build_stops, step, stop_of_block
from tui.app.search import Match, match_marks
from tui.engine.model import Block

# Search marks by passage, (block, side, position) -> [(start, end)], as the Layout draws them.
# A new dict means a new search: the panes repaint everything (they compare it by identity).
MatchMarks = dict[tuple[int, int, int], list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class OnScreen:
    """The passages at the edges of the view, and whether the selection shows."""

    top_block: int | None  # the block at the top row (None: no layout, or nothing there)
    bottom_block: int | None  # the block at the last row on screen
    selection_visible: bool


@dataclass(frozen=True, slots=True)
class Moved:
    """A step's result: the new state, and whether it wrapped around an end."""

    state: ViewState
    wrapped: bool


@dataclass(frozen=True, slots=True)
class ViewState:
    """The stops n / p visit, the selected one, the search and the folding.

    Lists and the marks dict are never changed in place: a transition makes new ones."""

    stops: list[Stop] = field(default_factory=list)
    current: int | None = None  # index into stops
    at_stub: bool = False  # `m` took us to the right end of the current moved block
    # `m` along a moved sentence: (the stop it left, the stop it reached), so that `m` on the
    # reached stop goes back, even when that stop's own first link points somewhere else.
    sentence_jump: tuple[int, int] | None = None
    # Enter: every passage of a run of one-sided passages is a stop of its own.
    one_by_one: bool = False
    query: str = ""  # the active search ("" when none)
    matches: list[Match] = field(default_factory=list)  # the navigable ones, in display order
    match_index: int | None = None
    marks: MatchMarks = field(default_factory=dict)  # every match, navigable or not
    folded: bool = False  # equal passages folded (f)
    # The differences the filter keeps (tui/app/diff_filter.py), block indices; None: no filter.
    # The stops hold only these.
    keep: frozenset[int] | None = None

    # -- selection -----------------------------------------------------------------------------

    @property
    def stop(self) -> Stop | None:
        return self.stops[self.current] if self.current is not None else None

    def aligned(self, blocks: Sequence[Block], stops: list[Stop] | None = None) -> ViewState:
        """A new alignment: its stops, nothing selected, no matches yet (the query stays and is
        searched again)."""
        return replace(
            self, stops=stops if stops is not None else build_stops(blocks, self.one_by_one),
            current=None, at_stub=False, sentence_jump=None, matches=[], match_index=None, marks={},
            keep=None,
        )

    def filtered(self, blocks: Sequence[Block], keep: frozenset[int] | None) -> ViewState:
        """Only the differences in `keep` are stops (None: all of them). The selection stays when
        it is kept, else moves to the nearest kept difference (none: nothing selected)."""
        stops = build_stops(blocks, self.one_by_one, keep)
        old = self.stop
        current = None if old is None else nearest_stop(stops, old.first)
        at_stub = self.at_stub and current is not None and stops[current].first == old.first
        return replace(
            self, stops=stops, keep=keep, current=current, at_stub=at_stub, sentence_jump=None,
        )

    def select(self, index: int | None, at_stub: bool = False) -> ViewState:
        return replace(self, current=index, at_stub=at_stub)

    def select_block(self, block: int, at_stub: bool = False) -> ViewState:
        """The difference holding `block` selected (a click); unchanged when it is no difference."""
        index = stop_of_block(self.stops, block)
        return self if index is None else self.select(index, at_stub)

    def first_stop_from(self, block: int | None) -> int | None:
        """The first stop that ends at or after `block` (len(stops) when none does)."""
        if block is None:
            return None
        return next((k for k, stop in enumerate(self.stops) if stop.last >= block), len(self.stops))

    def stops_through(self, block: int | None) -> int | None:
        """How many stops start at or before `block` (stepping back from there reaches the last)."""
        if block is None:
            return None
        return sum(1 for stop in self.stops if stop.first <= block)

    def step(self, forward: bool, screen: OnScreen) -> Moved | None:
        """n / p: the next or previous difference; None when there is none. With nothing
        selected, or the selection scrolled away, from what is on screen."""
        if not self.stops:
            return None
        current, hint = self.current, None
        if current is None:
            hint = self.first_stop_from(screen.top_block)
        elif not screen.selection_visible:
            current = None
            hint = (
                self.first_stop_from(screen.top_block) if forward else self.stops_through(screen.bottom_block)
            )
        index, wrapped = step(current, len(self.stops), forward, hint)
        return Moved(self.select(index), wrapped)

    def toggle_runs(self, blocks: Sequence[Block]) -> ViewState:
        """Enter: runs of one-sided passages one stop, or a stop each; the same passage stays
        selected."""
        block = self.stop.first if self.stop is not None else None
        one_by_one = not self.one_by_one
        stops = build_stops(blocks, one_by_one, self.keep)
        current = stop_of_block(stops, block) if block is not None else None
        return replace(self, stops=stops, current=current, one_by_one=one_by_one, sentence_jump=None)

    def toggle_stub(self) -> ViewState:
        """m on a moved passage: its other end."""
        return replace(self, at_stub=not self.at_stub)

    def came_back(self) -> Stop | None:
        """The stop the last `m` along a sentence left, when it reached the current one."""
        if self.sentence_jump is not None and self.sentence_jump[1] == self.current:
            return self.stops[self.sentence_jump[0]]
        return None

    def jumped(self, target: int | None) -> ViewState:
        """m along a moved sentence reached stop `target` (None: an equal passage)."""
        if target is None:
            return self
        origin = self.current
        return replace(
            self, current=target, at_stub=False,
            sentence_jump=(origin, target) if origin is not None else None,
        )

    def selection_marks(self, blocks: Sequence[Block]) -> tuple[tuple[int, int] | None, int | None]:
        """What the Layout highlights: the selected blocks (first, last), and the moved block
        whose stub is selected with it."""
        stop = self.stop
        if stop is None:
            return None, None
        return (stop.first, stop.last), (stop.first if blocks[stop.first].moved else None)

    # -- search --------------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        """A search with matches: n and N step through them instead of the differences."""
        return bool(self.query and self.matches)

    @property
    def match(self) -> Match | None:
        return self.matches[self.match_index] if self.match_index is not None else None

    def asked(self, query: str) -> ViewState:
        """A query without matches yet (the documents are still being aligned)."""
        return replace(self, query=query)

    def searched(self, query: str, found: Sequence[Match]) -> ViewState:
        """The matches of `query` (from search.find_matches), none of them current yet."""
        return replace(
            self, query=query, matches=[m for m in found if m.navigable], match_index=None,
            marks=match_marks(found),
        )

    def first_match_from(self, block: int | None) -> int:
        """The first match at or after `block` (the top of the view); the first of all when none."""
        return next((k for k, m in enumerate(self.matches) if block is None or m.block >= block), 0)

    def at_match(self, index: int) -> ViewState:
        """Match `index` current, and the difference holding it selected (none: an equal passage)."""
        match = self.matches[index]
        return replace(self, match_index=index, current=stop_of_block(self.stops, match.block), at_stub=False)

    def step_match(self, forward: bool) -> Moved:
        index, wrapped = step(self.match_index, len(self.matches), forward)
        return Moved(self.at_match(index), wrapped)

    def search_ended(self) -> ViewState:
        return replace(self, query="", matches=[], match_index=None, marks={})

    # -- folding -------------------------------------------------------------------------------

    def toggle_fold(self) -> ViewState:
        return replace(self, folded=not self.folded)

    def revealing(self, hidden: bool) -> ViewState:
        """Equal passages unfolded when what the reader goes to is `hidden` in a fold."""
        return replace(self, folded=False) if hidden and self.folded else self


def nearest_stop(stops: Sequence[Stop], block: int) -> int | None:
    """The stop holding `block`, else the one nearest to it (the later one on a tie); None when
    there are no stops."""
    if not stops:
        return None
    holding = stop_of_block(stops, block)
    if holding is not None:
        return holding
    after = next((k for k, stop in enumerate(stops) if stop.first > block), None)
    if after is None:
        return len(stops) - 1
    if after == 0:
        return 0
    before = after - 1
    return before if block - stops[before].last < stops[after].first - block else after
