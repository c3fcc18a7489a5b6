"""The filter keys: F (choose classes, kinds and size), z (hide changes of typography or
punctuation only). One filter for the session (tui/app/diff_filter.py): n / p step through the differences
it keeps, f folds the others with the equal passages, the status bar names it and counts, and
the change list (l) shows only those. A mixin of DiptychApp; the change list calls
`set_diff_filter` and `filter_kept` too, so its F and z change the same filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.diff_facts import (
    TYPOGRAPHY_ONLY,
    changed_pair_characters,
    difference_facts,
    typography_only_blocks,
)
from tui.app.diff_filter import DiffFacts, DiffFilter, matching_blocks
from tui.app.sections import VIEW, Keys

if TYPE_CHECKING:
    from tui.app.app import DiptychApp
    from tui.engine.model import Alignment


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (VIEW, Binding("F", "filter_chooser", "Filter by change class, kind and size (n/p, f and l follow it)",
                   id="diptych.filter")),
    (VIEW, Binding("z", "toggle_form_only", "Hide / show changes of typography or punctuation only",
                   id="diptych.hide_form_only")),
]


# Pairs whose changed passages are longer than this (characters of both sides) have their facts
# found in a worker thread, so that F or z never holds the UI thread for more than some 50 ms
# (a 4.5 MB pair takes about a second).
SYNC_FACTS_CHARS = 100_000


class FilterActions:
    """The filter's keys and its application to the view, for DiptychApp."""

    diff_filter: DiffFilter = DiffFilter()
    # The facts of the differences of one alignment: computed when a filter first needs them.
    _filter_facts: tuple[Alignment, dict[int, DiffFacts]] | None = None
    # What to do once the facts found in the background are in: "chooser" (F) or "apply".
    _after_facts: str | None = None

    def action_filter_chooser(self: DiptychApp) -> None:
        if self.alignment is None:
            self._say("The documents are still being aligned.")
            return
        if self._facts_or_find("chooser") is None:
            return
        from tui.app.filter_chooser import FilterChooser

        self.push_screen(
            FilterChooser(self.diff_filter, self.filter_kept, len(self.difference_facts())),
            self.set_diff_filter,
        )

    def action_toggle_form_only(self: DiptychApp) -> None:
        if self.alignment is None:
            self._say("The documents are still being aligned.")
            return
        self.set_diff_filter(self.diff_filter.toggle_form_only())

    # -- the facts of the differences -----------------------------------------------------------

    def difference_facts(self: DiptychApp) -> dict[int, DiffFacts]:
        """The facts of every difference of the alignment on screen (computed once for it; here
        and now if not found yet)."""
        alignment = self.alignment
        if alignment is None:
            return {}
        if self._filter_facts is None or self._filter_facts[0] is not alignment:
            self._filter_facts = (alignment, difference_facts(alignment))
        return self._filter_facts[1]

    def _facts_or_find(self: DiptychApp, then: str) -> dict[int, DiffFacts] | None:
        """The facts when known or quick to find; else None, and they are being found in the
        background, after which `then` is done ("chooser": open it; "apply": the filter)."""
        alignment = self.alignment
        if alignment is None:
            return None
        if self._filter_facts is not None and self._filter_facts[0] is alignment:
            return self._filter_facts[1]
        if changed_pair_characters(alignment) <= SYNC_FACTS_CHARS:
            return self.difference_facts()
        self._after_facts = then
        self._say("Finding the change classes of every difference…")
        self._find_facts_in_background(alignment)
        return None

    @work(thread=True, exclusive=True, group="filter", description="filter facts")
    def _find_facts_in_background(self: DiptychApp, alignment: Alignment) -> None:
        worker = get_current_worker()
        facts = until_cancelled(worker, difference_facts, alignment)
        if facts is not None and not worker.is_cancelled:
            self.call_from_thread(self._facts_found, alignment, facts)

    def _facts_found(self: DiptychApp, alignment: Alignment, facts: dict[int, DiffFacts]) -> None:
        if alignment is not self.alignment:
            return  # re-aligned meanwhile: the new alignment asks for its own
        self._filter_facts = (alignment, facts)
        then, self._after_facts = self._after_facts, None
        if self.message.startswith("Finding the change classes"):
            self._say("")  # repaints the hint line too
        if then == "chooser":
            self.action_filter_chooser()
        elif then == "apply":
            self.set_diff_filter(self.diff_filter)

    # -- the filter, as the change list reads and sets it too -----------------------------------

    def filter_kept(self: DiptychApp, chosen: DiffFilter) -> int:
        """How many differences `chosen` keeps."""
        facts = self.difference_facts()
        return len(matching_blocks(facts, chosen)) if chosen.active else len(facts)

    def kept_blocks(self: DiptychApp) -> frozenset[int] | None:
        """The differences the filter keeps; None when no filter is set."""
        return self.view_state.keep

    def set_diff_filter(self: DiptychApp, chosen: DiffFilter | None) -> None:
        """Use `chosen` from now on (None: the chooser was closed without one)."""
        if chosen is None or self.alignment is None:
            return
        self.diff_filter = chosen
        if self._apply_filter():
            self.view.rebuild()  # the fold holds other differences now
        self._sync_marks()
        self._scroll_to_current()
        self._say(self._filter_message())

    def _filter_new_alignment(self: DiptychApp) -> None:
        """A new alignment (runner.py, before laying it out): the old one's facts let go, its
        differences through the same filter."""
        self._filter_facts = None
        if self.diff_filter.active:
            self._apply_filter()

    def _apply_filter(self: DiptychApp) -> bool:
        """The stops and the fold of the alignment on screen follow the filter. True when a
        folded layout must be rebuilt."""
        alignment = self.alignment
        if alignment is None:
            return False
        chosen = self.diff_filter
        facts = self._facts_or_find("apply") if chosen.active else {}
        # Facts still being found: every difference until they are in (the status says so).
        keep = matching_blocks(facts, chosen) if chosen.active and facts is not None else None
        self.view_state = self.view_state.filtered(alignment.blocks, keep)
        hidden = frozenset()
        if keep is not None:
            hidden = frozenset(facts or ()) - keep
            if not chosen.matches(TYPOGRAPHY_ONLY):  # the ≈ passages fold too
                hidden |= frozenset(typography_only_blocks(alignment))
        view = self.view
        if hidden == view.hidden:
            return False
        view.hidden = hidden
        return view.fold_equal

    def filter_note(self: DiptychApp) -> str | None:
        """"filter: number money (of 92)" for the status bar; None when no filter is set."""
        if self.alignment is None or not self.diff_filter.active:
            return None
        if self.view_state.keep is None:
            return f"filter: {self.diff_filter.describe()} (finding the classes…)"
        return f"filter: {self.diff_filter.describe()} (of {len(self.difference_facts())})"

    def _filter_message(self: DiptychApp) -> str:
        chosen = self.diff_filter
        if chosen.active and self.view_state.keep is None:
            return "Finding the change classes of every difference…"
        if not chosen.active:
            return "No filter: n/p visit every difference (F filters by class and size, z hides typography)."
        kept, total = self.filter_kept(chosen), len(self.difference_facts())
        if kept == 0:
            return f"No difference matches the filter ({chosen.describe()}): F then c clears it."
        return (
            f"Filter {chosen.describe()}: {kept} of {total} differences; n/p visit only those"
            + (", f folds the others." if not self.view_state.folded else ", the others are folded.")
        )
