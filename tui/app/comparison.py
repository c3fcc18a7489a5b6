"""The comparison screen: header, the aligned panes, the status bars; the keys that move through
the differences, change the view, search, review and reload.

It owns the reader's state (state.py: selection, search, folding), the alignment on screen and its
review session. A key computes a new state and the screen applies it: state that only changes
what is highlighted repaints just the rows whose look changes (DiffView.show_marks), and the bars
only when their text changes; the layout is rebuilt only on resize, folding, view mode or a new
alignment, which runner.py computes (in a worker thread when the documents are large).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, LoadingIndicator, Static

from tui.app import state as transitions
from tui.app.bars import HeaderBar, StatusBars
from tui.app.display_text import make_safe
from tui.app.files import FileWatch, changed_message
from tui.app.help import HelpScreen
from tui.app.keys import GENERAL, NAVIGATION, SEARCH, VIEW, by_section
from tui.app.layout import LEFT, MIN_HEIGHT, MIN_WIDTH, ItemKind, TextStore
from tui.app.navigation import Stop, build_stops, first_stop_from, stop_of_block
from tui.app.panes import DiffView
from tui.app.review_actions import ReviewActions
from tui.app.runner import (
    AlignmentRunner,
    Place,
    Prepared,
    Reload,
    aligned_in_background,
    block_at_place,
    block_texts,
    place_of,
)
from tui.app.search import find_matches
from tui.app.search_bar import SearchBar
from tui.app.state import ViewState
from tui.app.statusbar import StatusState, stop_summary
from tui.engine.compare import compute_stats
from tui.engine.helper_process import HelperProcess
from tui.engine.model import Alignment, AlignOptions, Document, Stats
from tui.review import ReviewSession, ReviewStore, ReviewStoreError
from tui.review.marks import state_words, status_text

POLL_SECONDS = 2.0  # how often inputs are checked for changes on disk (when watching)
THRESHOLD_STEP = 0.05
MIN_THRESHOLD, MAX_THRESHOLD = 0.05, 1.0


class ComparisonScreen(ReviewActions, Screen[None]):
    """Two versions of a document side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right_square_bracket", "next_diff", "Next difference", key_display="n ]",
                id="diptych.next_diff", group=NAVIGATION),
        Binding("p,left_square_bracket", "prev_diff", "Previous difference", key_display="p [",
                id="diptych.prev_diff", group=NAVIGATION),
        Binding("m", "jump_moved", "Moved passage or sentence (↪ ↩): jump to its other end and back",
                id="diptych.jump_moved", group=NAVIGATION),
        Binding("f", "toggle_fold", "Show only differences (fold equal passages) / show all",
                id="diptych.fold", group=VIEW),
        Binding("s", "toggle_unit", "Units: paragraphs ↔ sentences (re-aligns)", id="diptych.unit",
                group=VIEW),
        Binding("t", f"threshold({THRESHOLD_STEP})",
                f"Raise the similarity threshold by {THRESHOLD_STEP} (re-aligns)",
                id="diptych.threshold_up", group=VIEW),
        Binding("T", f"threshold(-{THRESHOLD_STEP})",
                f"Lower the similarity threshold by {THRESHOLD_STEP} (re-aligns)",
                id="diptych.threshold_down", group=VIEW),
        Binding("v", "toggle_view", "Side by side ↔ stacked", id="diptych.view", group=VIEW),
        Binding("slash", "search", "Search both documents", key_display="/", id="diptych.search",
                group=SEARCH),
        Binding("N", "prev_match", "Previous match while searching (n: next); otherwise previous difference",
                id="diptych.prev_match", group=SEARCH),
        Binding("escape", "end_search", "End the search (n and p step through differences again)",
                key_display="Esc", id="diptych.end_search", group=SEARCH),
        *ReviewActions.REVIEW_BINDINGS,
        Binding("ctrl+r", "reload", "Reload a document that changed on disk (re-aligns)",
                id="diptych.reload", group=GENERAL),
        Binding("question_mark,f1", "help", "This help", key_display="? F1", id="diptych.help",
                group=GENERAL),
        Binding("q,ctrl+q", "app.quit", "Quit", key_display="q ctrl+q", id="diptych.quit", group=GENERAL),
    ]

    def __init__(
        self, left: Document, right: Document, options: AlignOptions, *, store: ReviewStore,
        store_notice: str = "", watch_files: bool = False, helper: HelperProcess | None = None,
    ) -> None:
        super().__init__()
        self.left_doc, self.right_doc, self.options = left, right, options
        self.store = store  # replaced by an in-memory one if it fails (say, the disk is full)
        self.review: ReviewSession | None = None
        self._store_notice = store_notice  # shown once: why marks will not be saved
        self._carry_told = False
        # Inputs that change on disk while open: polled every POLL_SECONDS when asked (never in
        # snapshot tests: a timer there would make pictures depend on the clock).
        self.watch = FileWatch(left.path, right.path)
        self._watch_files = watch_files
        self._helper = helper
        self.alignment: Alignment | None = None
        self.stats = Stats()
        self.state = ViewState()
        self.busy: str | None = None  # "aligning…" while an alignment runs in a worker
        self.message = ""  # the bottom line's message, until the next key

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header")
        with Vertical(id="loading"):
            yield Static(id="loading-label", markup=False)
            yield LoadingIndicator()
        yield DiffView(id="diff")
        yield Static(id="too-small", markup=False)
        yield StatusBars()
        yield SearchBar(id="search")

    @property
    def view(self) -> DiffView:
        return self.query_one(DiffView)

    def on_mount(self) -> None:
        self.runner = AlignmentRunner(self, self.view, self.open_session, self._helper)
        self.view.focus()
        if self._watch_files:
            self.set_interval(POLL_SECONDS, self.check_files)
        if aligned_in_background(self.left_doc, self.right_doc):
            self.add_class("busy-first")
        self._align(self.options)
        self._update_size_class()
        self.refresh_bars()

    # -- alignment -----------------------------------------------------------------------------

    def _align(self, options: AlignOptions) -> None:
        view = self.view
        # Hidden while the first alignment runs: its width will be the screen's less the scrollbar.
        width = view.layout_width if view.diff_layout is not None else max(1, self.size.width - 1)
        if self.runner.align(self.left_doc, self.right_doc, options, width, self._show_alignment):
            megabytes = (len(self.left_doc.text) + len(self.right_doc.text)) / 1_000_000
            self.busy = f"aligning {megabytes:.1f} MB ({options.unit}s, threshold {options.threshold:.2f})…"
            self.query_one("#loading-label", Static).update(Text(self.busy))
            self.refresh_bars()

    def open_session(self, alignment: Alignment) -> tuple[ReviewSession | None, str | None]:
        try:
            return self.store.session(alignment), None
        except ReviewStoreError as exc:
            return None, str(exc)

    def _place(self) -> Place | None:
        """What the reader is looking at: the current difference, else the passage at the top."""
        layout = self.view.diff_layout
        if self.alignment is None or layout is None:
            return None
        stop = self.state.current_stop
        if stop is not None:
            return place_of(self.alignment.blocks[stop.first], selected=True)
        index = layout.block_at(self.view.top_row())
        return None if index is None else place_of(self.alignment.blocks[index], selected=False)

    def _show_alignment(self, prepared: Prepared, place: Place | None = None) -> None:
        if place is None:
            place = self._place()
        if self.busy and self.message == self.busy:
            self.message = ""  # "aligning…" was said when the key was pressed: it is done now
        alignment, session = prepared.alignment, prepared.session
        if session is None:
            # The store failed (disk full, file made read-only…): keep reviewing, in memory.
            self.store = ReviewStore.in_memory()
            session = self.store.session(alignment)
            self._store_notice = f"review marks will not be saved: {prepared.problem}"
        self.review = self.view.review = session
        self.busy = None
        self.options = alignment.options
        self.alignment = alignment
        self.stats = prepared.stats if prepared.stats is not None else compute_stats(alignment)
        stops = prepared.stops if prepared.stops is not None else build_stops(alignment.blocks)
        self.state = transitions.aligned(self.state, stops)
        self.remove_class("busy-first")
        self.view.set_alignment(alignment, prepared.layout)
        if self.state.search.query:
            self._search(self.state.search.query, jump=False)
        if place is not None:
            self._restore(place)
        if not alignment.blocks:
            self.message = "Neither document has any text to compare."
        self._tell_review_news()
        self._sync_marks()
        if prepared.layout is not None:
            # A large alignment is millions of long-lived objects without cycles: moved out of
            # the collector's sight, they no longer cost a ~0.3 s pause at each full collection
            # while the user scrolls. (Freed as usual by reference counting when replaced.)
            gc.freeze()

    def _restore(self, place: Place) -> None:
        assert self.alignment is not None
        index = block_at_place(self.alignment, place)
        if index is None:
            return
        if place.selected:  # the same text stays selected if it is still a difference
            self.state = transitions.select(self.state, stop_of_block(self.state.stops, index))
        layout = self.view.diff_layout
        rows = layout.block_rows(index) if layout else None
        if rows:
            self.view.scroll_to(y=max(0, rows[0] - 2), animate=False, immediate=True)

    def _tell_review_news(self) -> None:
        """Once: why marks will not be saved, and what was carried over from an earlier review."""
        news = []
        if self._store_notice:
            news.append(self._store_notice)
            self._store_notice = ""
        carry = self.review.carry if self.review is not None else None
        if carry is not None and carry.happened and not self._carry_told:
            self._carry_told = True
            source = " → ".join(
                os.path.basename(p) for p in (carry.source_left_path, carry.source_right_path) if p
            )
            source = source or "an earlier version"
            carried = carry.exact + carry.fuzzy
            text = f"Carried {carried} {'mark' if carried == 1 else 'marks'} from the review of {source}"
            if carry.fuzzy:
                text += f"; {carry.fuzzy} {'needs' if carry.fuzzy == 1 else 'need'} a re-check (?)"
            if carry.lost:
                text += f"; {len(carry.lost)} could not be carried over (in the report, e)"
            news.append(make_safe(text) + ".")
        if news:
            self.message = " · ".join(([self.message] if self.message else []) + news)

    # -- documents changed on disk -------------------------------------------------------------

    def check_files(self) -> None:
        """One poll of the inputs (the timer's callback; tests call it directly)."""
        if self.watch.poll():
            if self.watch.changed:
                self.message = ""  # the change matters more than the last key's message
            self.refresh_bars()

    def action_reload(self) -> None:
        paths = self.watch.modified_now()
        if not paths:
            watched = [p for p in (self.left_doc.path, self.right_doc.path) if p != "-"]
            self.say("Nothing to reload: " + (
                "the documents have not changed on disk." if watched
                else "standard input cannot be re-read."
            ))
            return
        self.busy = f"reloading {changed_message(paths).split(' changed')[0]}…"
        self.refresh_bars()
        self.runner.reload(paths, self.left_doc, self.right_doc, self.options, self._reloaded)

    def _reloaded(self, reload: Reload) -> None:
        kept = make_safe("; ".join(reload.problems)) + " — the version read before stays on screen."
        if reload.prepared is None:
            self.busy = None
            self.say(kept)
            return
        alignment = reload.prepared.alignment
        # The current difference is found again by its content, else by where it was.
        stop = self.state.current_stop
        wanted = block_texts(self.alignment.blocks[stop.first]) if self.alignment and stop else None
        place = self._place()
        for path, signature in reload.read:
            self.watch.mark_read(path, signature)
        self.left_doc, self.right_doc = alignment.left, alignment.right
        self.view.texts = TextStore()  # display texts are cached by offsets of the old documents
        self._carry_told = False  # a new version: say what its review took over
        self.message = ""
        self._show_alignment(reload.prepared, place)
        news = self.message
        if wanted is not None:
            for index, candidate in enumerate(self.state.stops):
                if block_texts(alignment.blocks[candidate.first]) == wanted:
                    self.go_to_stop(index)
                    break
        names = " and ".join(os.path.basename(path) for path, _ in reload.read)
        message = f"Reloaded {make_safe(names)}."
        if reload.problems:
            message += " " + kept
        self.say(f"{message} {news}" if news else message)

    # -- bars ----------------------------------------------------------------------------------

    def refresh_bars(self) -> None:
        width = max(1, self.size.width)
        self.query_one(HeaderBar).show_documents(self.left_doc, self.right_doc, self.view.diff_layout, width)
        position = "no alignment yet"
        if self.alignment is not None:
            position = stop_summary(self.alignment.blocks, self.state.stops, self.state.current)
            if self.state.at_stub:
                position += " (right end)"
        search = self.state.search
        searching = None
        if search.query:
            found = f"{search.index + 1}/{len(search.matches)}" if search.index is not None else (
                f"{len(search.matches)}" if search.matches else "no match")
            searching = f"“{search.query}” {found}"
        stats = self.stats if self.alignment is not None else None
        review = marks = None
        if self.review is not None and self.alignment is not None and self.review.differences:
            review = status_text(self.review.counts())
            stop = self.state.current_stop
            if stop is not None:
                combined = self.review.combined_state(range(stop.first, stop.last + 1))
                if not combined.blank or combined.carried == "fuzzy":
                    marks = make_safe(state_words(combined))
        status = StatusState(
            position, stats, self.options.unit, self.options.threshold, self.busy, searching,
            folded=self.state.fold_equal, review=review, review_state=marks,
        )
        message = self.message or changed_message(self.watch.changed)
        self.query_one(StatusBars).show_status(status, message, bool(search.query), width)
        if self.has_class("too-small"):
            self.query_one("#too-small", Static).update(Text(
                f"diptych needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                f"This one is {self.size.width}×{self.size.height}.\nEnlarge it, or press q to quit."
            ))

    def say(self, message: str) -> None:
        self.message = message
        self.refresh_bars()

    def key_pressed(self) -> None:
        """A message stays until the next key press."""
        if self.message:
            self.message = ""
            self.call_after_refresh(self.refresh_bars)

    def marks_changed(self) -> None:
        """Review marks changed: repaint them, and the counts."""
        self.view.repaint()
        self.refresh_bars()

    def reread_marks(self) -> None:
        """Back from another window (perhaps another diptych on the same review): show its marks."""
        if self.review is not None:
            self.review.refresh()
            self.marks_changed()

    def on_unmount(self) -> None:
        self.store.close()

    # -- size ----------------------------------------------------------------------------------

    def _update_size_class(self, width: int | None = None, height: int | None = None) -> None:
        width = self.size.width if width is None else width
        height = self.size.height if height is None else height
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "too-small")

    def on_resize(self, event: events.Resize) -> None:
        self._update_size_class(event.size.width, event.size.height)
        self.call_after_refresh(self.refresh_bars)

    @on(DiffView.Rebuilt)
    def _after_rebuild(self) -> None:
        self._scroll_to_current()
        self.refresh_bars()

    @on(DiffView.RowClicked)
    def _select_clicked(self, event: DiffView.RowClicked) -> None:
        """A click on a difference selects it (on a moved passage's stub: its right end)."""
        layout = self.view.diff_layout
        index = layout.band_at(event.row) if layout else None
        if layout is None or index is None:
            return
        item = layout.bands[index].item
        clicked = transitions.clicked(self.state, item.block, item.kind is ItemKind.STUB)
        if clicked is not self.state:
            self.state = clicked
            self._sync_marks()

    # -- selection -----------------------------------------------------------------------------

    def go_to(self, state: ViewState, *, scroll: bool = True) -> None:
        """Show a new state: the layout rebuilt when folding or the view mode changed, the marks
        repainted, and (`scroll`) the current difference or match scrolled into view."""
        old, self.state = self.state, state
        view = self.view
        if (state.fold_equal, state.stacked) != (old.fold_equal, old.stacked):
            view.fold_equal, view.stacked_override = state.fold_equal, state.stacked
            view.rebuild()
        self._sync_marks()
        if scroll:
            self._scroll_to_current()

    def go_to_stop(self, index: int) -> None:
        self.go_to(transitions.select(self.state, index))

    def _sync_marks(self) -> None:
        """Show the selection and search marks of the state (a repaint, no rebuild)."""
        if self.alignment is not None and self.view.diff_layout is not None:
            self.view.show_marks(transitions.marks(self.state, self.alignment.blocks))
        self.refresh_bars()

    def _scroll_to_current(self) -> None:
        layout = self.view.diff_layout
        if layout is None:
            return
        search = self.state.search
        if search.index is not None and search.query:
            m = search.matches[search.index]
            row = layout.row_of_text(m.block, m.side, m.pos, m.start)
            if row is not None:
                self.view.scroll_rows_into_view(row, row + 1, context=max(2, self.view.size.height // 3))
            return
        stop = self.state.current_stop
        if stop is None:
            return
        if self.state.at_stub:
            rows = layout.stub_rows(stop.first)
        else:
            first, last = layout.block_rows(stop.first), layout.block_rows(stop.last)
            rows = (first[0], last[1]) if first and last else None
        if rows:
            self.view.scroll_rows_into_view(*rows)

    def first_stop_below_top(self) -> int | None:
        """The first difference at or below the top of the view (len(stops) when none is)."""
        layout = self.view.diff_layout
        block = layout.block_at(self.view.top_row()) if layout is not None else None
        return None if block is None else first_stop_from(self.state.stops, block)

    def _step_difference(self, forward: bool) -> None:
        if self.alignment is None:
            return
        below_top = self.first_stop_below_top() if self.state.current is None else None
        moved = transitions.step_difference(self.state, forward, below_top)
        if moved.state is not self.state:
            self.go_to(moved.state)
        if moved.notice:
            self.say(moved.notice)

    def _step_match(self, forward: bool) -> None:
        moved = transitions.step_match(self.state, forward, self._is_folded)
        self.go_to(moved.state)
        if moved.notice:
            self.say(moved.notice)

    def _is_folded(self, block: int) -> bool:
        layout = self.view.diff_layout
        return layout is not None and layout.is_folded(block)

    def action_next_diff(self) -> None:
        if self.state.search.steps_matches:
            self._step_match(True)
        else:
            self._step_difference(True)

    def action_prev_diff(self) -> None:
        self._step_difference(False)

    def action_prev_match(self) -> None:
        if self.state.search.steps_matches:
            self._step_match(False)
        else:
            self._step_difference(False)

    def action_jump_moved(self) -> None:
        stop = self.state.current_stop
        if self.alignment is None or stop is None:
            self.say("m jumps between the ends of a moved passage or sentence: select one with n/p first.")
            return
        block = self.alignment.blocks[stop.first]
        if not block.moved:
            self._jump_sentence_link(stop)
            return
        self.go_to(transitions.toggle_stub(self.state))
        line = (block.right if self.state.at_stub else block.left)[0].start_line
        where = "right" if self.state.at_stub else "left"
        self.say(f"Moved passage: {where} end, {where} line {line}. m jumps back.")

    def _jump_sentence_link(self, stop: Stop) -> None:
        """Go to the other end of the first sentence link of the selected difference: the
        paragraph a sentence moved to, or the one it came from."""
        layout = self.view.diff_layout
        links = layout.links_of_block if layout is not None else {}
        for block_index in range(stop.first, stop.last + 1):
            for side, link in links.get(block_index, ()):
                other_block = link.right_block if side == LEFT else link.left_block
                target = stop_of_block(self.state.stops, other_block)
                sentence = link.right if side == LEFT else link.left
                where = "right" if side == LEFT else "left"
                if target is not None:
                    self.go_to_stop(target)
                # The paragraph itself in view (a stop can be a long run of one-sided blocks),
                # even when it is not a difference.
                rows = layout.block_rows(other_block) if layout else None
                if rows:
                    self.view.scroll_rows_into_view(*rows)
                self.say(f"Moved sentence: {where} end, {where} line {sentence.start_line}. m jumps back.")
                return
        self.say("The selected difference is not a moved passage and has no moved sentence.")

    # -- view ----------------------------------------------------------------------------------

    def action_toggle_fold(self) -> None:
        folded = transitions.toggle_fold(self.state)
        self.go_to(folded.state, scroll=False)
        self.say(folded.notice)

    def action_toggle_view(self) -> None:
        layout = self.view.diff_layout
        toggled = transitions.toggle_stacked(self.state, bool(layout and layout.stacked))
        self.go_to(toggled.state, scroll=False)
        self.say(toggled.notice)

    def action_toggle_unit(self) -> None:
        unit = "sentence" if self.options.unit == "paragraph" else "paragraph"
        self._align(replace(self.options, unit=unit))
        self.say(f"Aligned by {unit}s." if self.busy is None else self.busy)

    def action_threshold(self, delta: float) -> None:
        threshold = round(min(MAX_THRESHOLD, max(MIN_THRESHOLD, self.options.threshold + delta)), 2)
        if threshold == self.options.threshold:
            edge = "maximum" if delta > 0 else "minimum"
            self.say(f"The threshold is already at its {edge}, {threshold:.2f}.")
            return
        self._align(replace(self.options, threshold=threshold))
        if self.busy is None:
            self.say(f"Threshold {threshold:.2f}: passages pair when at least {threshold:.0%} similar.")

    # -- search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.state.search.query)

    @on(SearchBar.Closed)
    def _search_bar_closed(self) -> None:
        self.view.focus()

    @on(Input.Submitted, "#search")
    def _submit_search(self, event: Input.Submitted) -> None:
        query = " ".join(event.value.split())
        if not query:
            self.action_end_search()
            return
        self._search(query, jump=True)

    def _search(self, query: str, jump: bool) -> None:
        """Find `query`; `jump`: go to the first match at or below the top of the view."""
        if self.alignment is None:  # the first alignment is still running: it searches when done
            self.state = transitions.found(self.state, query, [])
            return
        matches = find_matches(self.alignment.blocks, self.view.texts, query)
        if jump:
            layout = self.view.diff_layout
            top_block = layout.block_at(self.view.top_row()) if layout else None
            searched = transitions.searched(self.state, query, matches, top_block, self._is_folded)
        else:
            searched = transitions.searched_again(self.state, query, matches)
        self.go_to(searched.state, scroll=jump and bool(searched.state.search.matches))
        if searched.notice:
            self.say(searched.notice)

    def action_end_search(self) -> None:
        ended = transitions.end_search(self.state)
        if ended.notice:
            self.go_to(ended.state, scroll=False)
            self.say(ended.notice)

    # -- help, and the command palette ---------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(BINDINGS_BY_SECTION))

    def commands(self) -> Iterator[tuple[Binding, DOMNode]]:
        """Every action with a key, and where it runs: for the command palette."""
        for _, binding in BINDINGS_BY_SECTION:
            yield binding, (self.view if binding in DiffView.BINDINGS else self)


# Every key of the app, by section (the help screen's order); the app's own ctrl+p and ctrl+c
# are Textual's.
BINDINGS_BY_SECTION = by_section([*ComparisonScreen.BINDINGS, *DiffView.BINDINGS])
