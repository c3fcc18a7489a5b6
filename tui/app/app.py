"""The review app: header, the aligned panes, status bar; keys to step through differences.

State that only changes what is highlighted (the current difference, search marks) repaints just
the rows whose look changes, and the bars only when their text changes (never with a layout pass
of the screen); the layout is rebuilt only on resize, folding or a new alignment; a new alignment
(threshold, unit) runs in a worker thread when the documents are large.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, LoadingIndicator, Static
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.display_text import make_safe
from tui.app.export import ExportChoice, ExportScreen
from tui.app.files import FileWatch, changed_message, file_signature
from tui.app.help import HelpScreen
from tui.app.keys import APP_BINDINGS
from tui.app.layout import LEFT, MIN_HEIGHT, MIN_WIDTH, RIGHT, ItemKind, Layout, TextStore
from tui.app.navigation import Stop, block_of_line, build_stops, parse_goto, step, stop_of_block
from tui.app.note import NoteScreen
from tui.app.palette import palette_commands
from tui.app.panes import DiffView
from tui.app.search import Match, find_matches, match_marks
from tui.app.statusbar import StatusState, header_text, hint_line, status_line, stop_summary
from tui.engine.collector import collector_paused
from tui.engine.compare import align_documents, compare_documents, compute_stats
from tui.engine.helper_process import HelperProcess
from tui.engine.model import Alignment, AlignOptions, Document, Stats
from tui.engine.positions import where as position_words
from tui.engine.reading import InputError, reread_document
from tui.review import Mark, ReviewSession, ReviewStore, ReviewStoreError
from tui.review.marks import gutter_marks, state_words, status_text
from tui.review.report import ReportError, export_report

# Documents larger than this (characters, both together) are aligned in a worker thread with an
# "aligning…" indicator; smaller ones are aligned at once, so the first frame is already complete
# (and snapshot tests are deterministic).
SYNC_ALIGN_LIMIT = 400_000
POLL_SECONDS = 2.0  # how often inputs are checked for changes on disk (when watching)
THRESHOLD_STEP = 0.05
MIN_THRESHOLD, MAX_THRESHOLD = 0.05, 1.0


def align_for_app(
    left: Document, right: Document, options: AlignOptions, helper: HelperProcess | None = None
) -> Alignment:
    """compare_documents with the cyclic garbage collector paused: alignment allocates millions
    of small objects and creates no cycles, and the collector's passes over a large heap made it
    about 25% slower on a 2.7 MB pair. (The collector is process-wide; it is paused only for
    the seconds the alignment takes, even when that runs in a worker thread.) With a `helper`
    (a second process started for these documents and options), the work is shared with it."""
    with collector_paused():
        if helper is None:
            return compare_documents(left, right, options)
        alignment = align_documents(left, right, options, right_source=helper)
        helper.hand_over(alignment)
        helper.links(alignment)  # the sentence links, into the alignment
        return alignment


def _block_texts(alignment: Alignment, index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    block = alignment.blocks[index]
    return (
        tuple(p.text for p in block.left),
        tuple(p.text for p in block.right),
    )


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


class DiptychApp(App[int]):
    """Two versions of a document side by side."""

    TITLE = "diptych"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    CSS = """
    Screen { layout: vertical; }
    #header { height: auto; background: $panel; color: $foreground; }
    #status { height: 1; background: $panel; color: $foreground; }
    #hints { height: 1; background: $panel; color: $text-muted; }
    #hints.message { color: $warning; text-style: bold; }
    #search { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    #search.visible { display: block; }
    #goto { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    #goto.visible { display: block; }
    #loading { height: 1fr; display: none; }
    #loading-label { height: 1; content-align: center middle; width: 100%; display: none; }
    #too-small { display: none; height: 1fr; content-align: center middle; text-align: center; }
    Screen.busy-first #loading, Screen.busy-first #loading-label { display: block; }
    Screen.busy-first #diff { display: none; }
    Screen.too-small #too-small { display: block; }
    Screen.too-small #diff, Screen.too-small #header, Screen.too-small #status,
    Screen.too-small #hints, Screen.too-small #loading, Screen.too-small #loading-label { display: none; }
    """

    def __init__(
        self, left: Document, right: Document, options: AlignOptions | None = None, *,
        store: ReviewStore | None = None, store_notice: str = "", watch_files: bool = False,
        helper: HelperProcess | None = None,
    ) -> None:
        # NO_COLOR: Textual's default filter (Monochrome) still sends greys as 256-colour codes;
        # with ansi_color it strips every colour instead, and the text attributes and gutter
        # marks carry every distinction.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        # Marks and notes: an in-memory store unless the caller opened a file (run_app does).
        self.store = store if store is not None else ReviewStore.in_memory()
        self.review: ReviewSession | None = None
        self._store_notice = store_notice  # shown once: why marks will not be saved
        self._carry_told = False
        # Inputs that change on disk while open: polled every POLL_SECONDS when asked (never in
        # snapshot tests: a timer there would make pictures depend on the clock).
        self.watch = FileWatch(left.path, right.path)
        self._watch_files = watch_files
        self.left_doc = left
        self.right_doc = right
        self.options = options or AlignOptions()
        # A second process started (before Textual's threads) for the first alignment of large
        # documents with these options; used once.
        self._helper = helper
        self.alignment: Alignment | None = None
        self.stats = Stats()
        self.stops: list[Stop] = []
        self.current: int | None = None  # index into self.stops
        self.at_stub = False  # `m` took us to the right end of the current moved block
        # `m` along a moved sentence: (the stop it left, the stop it reached), so that `m` on the
        # reached stop goes back, even when that stop's own first link points somewhere else.
        self._sentence_jump: tuple[int, int] | None = None
        # Enter: every passage of a run of one-sided passages is a stop of its own, to review
        # them one at a time (a run is one stop otherwise: one r marks all of it).
        self.one_by_one = False
        self.busy: str | None = None
        self.message = ""
        self.search_query = ""
        self.matches: list[Match] = []
        self.match_index: int | None = None
        self._marks: dict[tuple[int, int, int], list[tuple[int, int]]] = {}  # matches by passage
        self._bar_texts: dict[str, Text] = {}  # what each bar shows (see _show)

    # -- composition ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header", markup=False)
        with Vertical(id="loading"):
            yield Static(id="loading-label", markup=False)
            yield LoadingIndicator()
        yield DiffView(id="diff")
        yield Static(id="too-small", markup=False)
        yield Static(id="status", markup=False)
        yield Static(id="hints", markup=False)
        yield SearchBar(placeholder="search both documents (=text: exact match) — Enter, Esc cancels",
                        id="search")
        yield GoToBar(placeholder="go to difference 7, or line l12 (left) / r12 (right) — Enter, Esc cancels",
                      id="goto")

    @property
    def view(self) -> DiffView:
        return self.query_one(DiffView)

    def on_mount(self) -> None:
        # Back from ctrl+z (fg), the terminal still shows the shell's screen: draw it all again.
        self.app_resume_signal.subscribe(self, lambda app: app.screen.refresh(layout=True))
        self.view.focus()
        self.view.review_marks = self._review_marks
        self.view.review_notes = self._review_notes
        if self._watch_files:
            self.set_interval(POLL_SECONDS, self.check_files)
        size = len(self.left_doc.text) + len(self.right_doc.text)
        if size <= SYNC_ALIGN_LIMIT:
            self._apply_alignment(self.align_pair(self.options))
        else:
            self.screen.add_class("busy-first")
            self._start_alignment(self.options, first=True)
        self._update_size_class()
        self._refresh_bars()

    # -- alignment -----------------------------------------------------------------------------

    def _start_alignment(self, options: AlignOptions, first: bool = False) -> None:
        megabytes = (len(self.left_doc.text) + len(self.right_doc.text)) / 1_000_000
        self.busy = f"aligning {megabytes:.1f} MB ({options.unit}s, threshold {options.threshold:.2f})…"
        self.query_one("#loading-label", Static).update(Text(self.busy))
        self._refresh_bars()
        view = self.view
        # Hidden while the first alignment runs: its width will be the screen's less the scrollbar.
        width = view.layout_width if view.diff_layout is not None else max(1, self.size.width - 1)
        self._align_worker(options, view, width)

    @work(thread=True, exclusive=True, group="align", description="alignment")
    def _align_worker(self, options: AlignOptions, view: DiffView, width: int) -> None:
        """Align, and lay the rows out, off the UI thread (together ~2-4 s for a 2.7 MB pair);
        a quit meanwhile does not wait for it (see background.py)."""
        worker = get_current_worker()
        helper, self._helper = self._helper, None
        if helper is not None and helper.options != options:
            helper = None  # started for other options: this alignment is done here alone
        prepared = until_cancelled(worker, self._align_and_lay_out, options, view, width, helper)
        if prepared is not None and not worker.is_cancelled:
            self.call_from_thread(self._apply_alignment, *prepared)

    def _align_and_lay_out(
        self, options: AlignOptions, view: DiffView, width: int, helper: HelperProcess | None
    ) -> tuple[Alignment, Layout, Stats, list[Stop], ReviewSession | None, str | None]:
        alignment = self.align_pair(options, helper)
        session, problem = self._open_session(alignment)  # hashes every difference: not on the UI thread
        with collector_paused():
            layout = view.prepare_layout(alignment, width)
            stats, stops = compute_stats(alignment), build_stops(alignment.blocks, self.one_by_one)
        return alignment, layout, stats, stops, session, problem

    def realign(self, options: AlignOptions) -> None:
        size = len(self.left_doc.text) + len(self.right_doc.text)
        if size <= SYNC_ALIGN_LIMIT:
            self._apply_alignment(self.align_pair(options))
        else:
            self._start_alignment(options)

    def align_pair(self, options: AlignOptions, helper: HelperProcess | None = None) -> Alignment:
        """The alignment of the two documents on screen (a timeline takes it from its History)."""
        return align_for_app(self.left_doc, self.right_doc, options, helper)

    def show_pair(self, alignment: Alignment, sides: tuple[int | None, int | None] = (None, None)) -> None:
        """Show two other documents with their alignment (a timeline's pair, tui/app/timeline_app.py):
        the review store stays, the pair gets its own review session. `sides` says where the old
        left and right documents are in the new pair (LEFT, 1 for right, or None: not in it), so
        that the passage the reader was at stays in view when the pair shares a version."""
        anchor = self._position_anchor()
        if anchor is not None:
            side = sides[anchor[0]]
            anchor = None if side is None else (side, anchor[1], anchor[2])
        self.left_doc, self.right_doc = alignment.left, alignment.right
        self.view.texts = TextStore()  # display texts are cached by offsets of the old documents
        self.alignment = None  # the place is the one translated above, not one of the old pair
        self._apply_alignment(alignment, anchor=anchor)
        if anchor is None:
            self.view.scroll_to(y=0, animate=False, immediate=True)

    def _position_anchor(self) -> tuple[int, int, bool] | None:
        """(side, document offset) of what the reader is looking at, to find it again after a
        re-alignment: the current difference, else the passage at the top of the view; and
        whether a difference was selected."""
        if self.alignment is None or self.view.diff_layout is None:
            return None
        selected = self.current is not None
        if self.current is not None:
            block = self.alignment.blocks[self.stops[self.current].first]
        else:
            index = self.view.diff_layout.block_at(self.view.top_row())
            if index is None:
                return None
            block = self.alignment.blocks[index]
        if block.left:
            return LEFT, block.left[0].start_offset, selected
        return 1, block.right[0].start_offset, selected

    def _apply_alignment(
        self, alignment: Alignment, prepared: Layout | None = None,
        stats: Stats | None = None, stops: list[Stop] | None = None,
        session: ReviewSession | None = None, problem: str | None = None,
        anchor: tuple[int, int, bool] | None = None,
    ) -> None:
        if anchor is None and self.alignment is not None:
            anchor = self._position_anchor()
        if self.busy and self.message == self.busy:
            self.message = ""  # "aligning…" was said when the key was pressed: it is done now
        if session is None and problem is None:
            session, problem = self._open_session(alignment)
        if session is None:
            # The store failed (disk full, file made read-only…): keep reviewing, in memory.
            self.store = ReviewStore.in_memory()
            session = self.store.session(alignment)
            self._store_notice = f"review marks will not be saved: {problem}"
        self.review = session
        self.busy = None
        self.options = alignment.options
        self.alignment = alignment
        self.stats = stats if stats is not None else compute_stats(alignment)
        self.stops = stops if stops is not None else build_stops(alignment.blocks, self.one_by_one)
        self.current = None
        self.at_stub = False
        self._sentence_jump = None
        self.matches, self.match_index, self._marks = [], None, {}
        self.screen.remove_class("busy-first")
        view = self.view
        view.set_alignment(alignment, prepared)
        if self.search_query:
            self._run_search(self.search_query, jump=False)
        if anchor is not None:
            self._restore_anchor(anchor)
        if not alignment.blocks:
            self.message = "Neither document has any text to compare."
        self._tell_review_news()
        self._sync_marks()
        if prepared is not None:
            # A large alignment is millions of long-lived objects without cycles: moved out of
            # the collector's sight, they no longer cost a ~0.3 s pause at each full collection
            # while the user scrolls. (Freed as usual by reference counting when replaced.)
            gc.freeze()

    def _open_session(self, alignment: Alignment) -> tuple[ReviewSession | None, str | None]:
        try:
            return self.store.session(alignment), None
        except ReviewStoreError as exc:
            return None, str(exc)

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

    def _review_notes(self) -> dict[int, str]:
        review = self.review
        if review is None or review.alignment is not self.alignment:
            return {}
        return {index: state.note for index, state in review.states() if state.note}

    def _review_marks(self, block: int) -> str:
        review, layout = self.review, self.view.diff_layout
        if review is None or layout is None or layout.alignment is not review.alignment:
            return "  "  # a layout of another alignment is still on screen
        return gutter_marks(review.state(block))

    def _restore_anchor(self, anchor: tuple[int, int, bool]) -> None:
        assert self.alignment is not None
        side, offset, selected = anchor
        for index, block in enumerate(self.alignment.blocks):
            passages = block.left if side == LEFT else block.right
            if any(p.start_offset <= offset < max(p.end_offset, p.start_offset + 1) for p in passages):
                if selected:  # the same text stays selected if it is still a difference
                    self.current = stop_of_block(self.stops, index)
                layout = self.view.diff_layout
                rows = layout.block_rows(index) if layout else None
                if rows:
                    self.view.scroll_to(y=max(0, rows[0] - 2), animate=False, immediate=True)
                return

    # -- bars ----------------------------------------------------------------------------------

    def _refresh_bars(self) -> None:
        width = max(1, self.size.width)
        self._show("#header", self.header_content(width))
        position = "no alignment yet"
        if self.alignment is not None:
            position = stop_summary(self.alignment.blocks, self.stops, self.current)
            if self.at_stub:
                position += " (right end)"
        search = None
        if self.search_query:
            found = f"{self.match_index + 1}/{len(self.matches)}" if self.match_index is not None else (
                f"{len(self.matches)}" if self.matches else "no match")
            search = f"“{self.search_query}” {found}"
        stats = self.stats if self.alignment is not None else None
        review = marks = None
        if self.review is not None and self.alignment is not None and self.review.differences:
            review = status_text(self.review.counts())
            if self.current is not None:
                stop = self.stops[self.current]
                combined = self.review.combined_state(range(stop.first, stop.last + 1))
                if not combined.blank or combined.carried == "fuzzy":
                    marks = make_safe(state_words(combined))
        state = StatusState(
            position, stats, self.options.unit, self.options.threshold, self.busy, search,
            folded=self.view.fold_equal, review=review, review_state=marks,
        )
        self._show("#status", Text(status_line(state, width)))
        message = self.message or changed_message(self.watch.changed)
        if message:
            self._show("#hints", Text(" " + message))
        else:
            hints = hint_line(width, searching=bool(self.search_query), matched=bool(self.matches))
            self._show("#hints", Text(hints))
        self.query_one("#hints", Static).set_class(bool(message), "message")
        if self.screen.has_class("too-small"):
            self._show("#too-small", Text(
                f"diptych needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                f"This one is {self.size.width}×{self.size.height}.\nEnlarge it, or press q to quit."
            ))

    def header_content(self, width: int) -> Text:
        """The header's text (a timeline adds the versions and their steps)."""
        return header_text(self.left_doc, self.right_doc, self.view.diff_layout, width)

    def _show(self, selector: str, text: Text) -> None:
        """Put `text` in one of the bars, only if it differs from what is shown. A new layout of
        the screen is asked for only when its number of lines changes: the bars are one line
        each (the header two with decoding notes), and a layout pass repaints every widget,
        which made each `n` cost a full-screen frame."""
        shown = self._bar_texts.get(selector)
        if shown == text:
            return
        lines = text.plain.count("\n")
        self._bar_texts[selector] = text
        self.query_one(selector, Static).update(
            text, layout=shown is None or shown.plain.count("\n") != lines
        )

    def _say(self, message: str) -> None:
        self.message = message
        self._refresh_bars()

    def on_key(self) -> None:
        # A message stays until the next key press.
        if self.message:
            self.message = ""
            self.call_after_refresh(self._refresh_bars)

    # -- size ----------------------------------------------------------------------------------

    def _update_size_class(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.screen.set_class(small, "too-small")

    def on_resize(self, event: events.Resize) -> None:
        # App.size may not be updated yet when this runs: the event carries the new size.
        self._update_size_class(event.size)
        self.call_after_refresh(self._refresh_bars)

    @on(DiffView.Rebuilt)
    def _after_rebuild(self) -> None:
        self._scroll_to_current()
        self._refresh_bars()

    @on(DiffView.RowClicked)
    def _select_clicked(self, event: DiffView.RowClicked) -> None:
        """A click on a difference selects it (on a moved passage's stub: its right end)."""
        layout = self.view.diff_layout
        index = layout.band_at(event.row) if layout else None
        if layout is None or index is None:
            return
        item = layout.bands[index].item
        stop = stop_of_block(self.stops, item.block)
        if stop is None:
            return
        self.current = stop
        self.at_stub = item.kind is ItemKind.STUB
        self._sync_marks()

    # -- selection -----------------------------------------------------------------------------

    def _sync_marks(self) -> None:
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

    def _scroll_to_current(self) -> None:
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

    def _go_to_stop(self, index: int) -> None:
        self.current = index
        self.at_stub = False
        self._sync_marks()
        self._scroll_to_current()

    def _first_stop_below_top(self) -> int | None:
        return self._first_stop_from_row(self.view.top_row())

    def _selection_in_view(self) -> bool:
        layout = self.view.diff_layout
        if layout is None or self.current is None:
            return False
        stop = self.stops[self.current]
        first, last = layout.block_rows(stop.first), layout.block_rows(stop.last)
        if not first or not last:
            return False
        top = self.view.top_row()
        return first[0] < top + self.view.size.height and last[1] > top

    def _stops_to_bottom(self) -> int | None:
        """How many stops start above the bottom of the view (so that stepping back from there
        reaches the last of them)."""
        layout = self.view.diff_layout
        if layout is None:
            return None
        block = layout.block_at(self.view.top_row() + self.view.size.height - 1)
        if block is None:
            return None
        return sum(1 for stop in self.stops if stop.first <= block)

    def _first_stop_from_row(self, row: int) -> int | None:
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

    def _step_diff(self, forward: bool) -> None:
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

    def action_next_diff(self) -> None:
        if self.search_query and self.matches:
            self._step_match(True)
        else:
            self._step_diff(True)

    def action_prev_diff(self) -> None:
        self._step_diff(False)

    def action_prev_match(self) -> None:
        if self.search_query and self.matches:
            self._step_match(False)
        else:
            self._step_diff(False)

    def action_toggle_runs(self) -> None:
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

    def action_jump_moved(self) -> None:
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

    def _jump_sentence_link(self, stop: Stop) -> None:
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

    def action_scroll_lines(self, delta: int) -> None:
        self.view.scroll_to(y=self.view.scroll_y + delta, animate=False, immediate=True)

    def action_scroll_pages(self, delta: int) -> None:
        page = max(1, self.view.scrollable_content_region.height - 1)
        self.view.scroll_to(y=self.view.scroll_y + delta * page, animate=False, immediate=True)

    def action_scroll_edge(self, end: int) -> None:
        target = self.view.max_scroll_y if end else 0
        self.view.scroll_to(y=target, animate=False, immediate=True)

    # -- view ----------------------------------------------------------------------------------

    def action_toggle_fold(self) -> None:
        view = self.view
        view.fold_equal = not view.fold_equal
        view.rebuild()
        self._say(
            "Showing only differences: equal passages folded (f shows all)." if view.fold_equal
            else "Showing all passages."
        )

    def action_toggle_view(self) -> None:
        view = self.view
        layout = view.diff_layout
        # The override, when set, is what the user last asked for (a big layout may still be
        # being rebuilt with it).
        stacked = view.stacked_override
        if stacked is None:
            stacked = bool(layout and layout.stacked)
        view.stacked_override = not stacked
        view.rebuild()
        self._say("Stacked view." if not stacked else "Side-by-side view.")

    def action_toggle_unit(self) -> None:
        unit = "sentence" if self.options.unit == "paragraph" else "paragraph"
        self.realign(replace(self.options, unit=unit))
        self._say(f"Aligned by {unit}s." if self.busy is None else self.busy)

    def action_threshold(self, delta: float) -> None:
        threshold = round(min(MAX_THRESHOLD, max(MIN_THRESHOLD, self.options.threshold + delta)), 2)
        if threshold == self.options.threshold:
            edge = "maximum" if delta > 0 else "minimum"
            self._say(f"The threshold is already at its {edge}, {threshold:.2f}.")
            return
        self.realign(replace(self.options, threshold=threshold))
        if self.busy is None:
            # Below the threshold, passages in the same place may still pair when their words
            # agree (tui.engine.in_place), less so the higher it is: the notice must not promise
            # a strict minimum.
            if threshold >= 1.0:
                self._say(f"Threshold {threshold:.2f}: only equal passages pair.")
            else:
                self._say(f"Threshold {threshold:.2f}: pairs at {threshold:.0%} similar, or less in place"
                          " when the words agree.")

    # -- search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.add_class("visible")
        bar.value = self.search_query
        bar.focus()

    def action_close_search_bar(self) -> None:
        bar = self.query_one(SearchBar)
        bar.remove_class("visible")
        self.view.focus()

    def action_goto(self) -> None:
        bar = self.query_one(GoToBar)
        bar.add_class("visible")
        bar.value = ""
        bar.focus()

    def action_close_goto_bar(self) -> None:
        self.query_one(GoToBar).remove_class("visible")
        self.view.focus()

    @on(Input.Submitted, "#goto")
    def _submit_goto(self, event: Input.Submitted) -> None:
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

    def _go_to_line(self, side: str, line: int) -> None:
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

    @on(Input.Submitted, "#search")
    def _submit_search(self, event: Input.Submitted) -> None:
        self.action_close_search_bar()
        query = " ".join(event.value.split())
        if not query:
            self.action_end_search()
            return
        self.search_query = query
        self._run_search(query, jump=True)

    def _run_search(self, query: str, jump: bool) -> None:
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

    def _go_to_match(self, index: int) -> None:
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

    def _step_match(self, forward: bool) -> None:
        index, wrapped = step(self.match_index, len(self.matches), forward)
        self._go_to_match(index)
        if wrapped:
            self._say("Search wrapped around.")

    def action_end_search(self) -> None:
        if not self.search_query:
            return
        self.search_query = ""
        self.matches, self.match_index, self._marks = [], None, {}
        self._sync_marks()
        self._say("Search ended: n and p step through differences.")

    # -- review --------------------------------------------------------------------------------

    def _review_stop(self) -> Stop | None:
        """The current stop; without one, the first below the top of the screen (as n picks)."""
        if self.alignment is None or self.review is None:
            return None
        if not self.stops:
            self._say("The documents have no differences to review.")
            return None
        if self.current is None:
            index, _ = step(None, len(self.stops), True, self._first_stop_below_top())
            self._go_to_stop(index)
        assert self.current is not None
        return self.stops[self.current]

    def _marks_changed(self) -> None:
        self.view.repaint()
        self._refresh_bars()

    def _mark(self, mark: Mark, value: bool | None, stop: Stop) -> bool:
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

    def _toggle_mark(self, mark: Mark, when_on: str, when_off: str) -> None:
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

    def action_review(self) -> None:
        self._toggle_mark(Mark.REVIEWED, "Reviewed (r again undoes it).", "Marked not reviewed.")

    def action_review_next(self) -> None:
        stop = self._review_stop()
        if stop is not None and self._mark(Mark.REVIEWED, True, stop):
            self._step_unreviewed(True)

    def action_flag(self) -> None:
        self._toggle_mark(Mark.FLAGGED, "Flagged (x again removes the flag).", "Flag removed.")

    def _position_words(self) -> str:
        """"difference 3 of 92", or "differences 11–52 of 92" for a run: as the status counts."""
        assert self.current is not None
        total = sum(stop.count for stop in self.stops)
        first = sum(stop.count for stop in self.stops[: self.current]) + 1
        count = self.stops[self.current].count
        if count == 1:
            return f"difference {first} of {total}"
        return f"differences {first}–{first + count - 1} of {total}"

    def action_note(self) -> None:
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

    def _selection_in_lower_half(self) -> bool:
        """Is the selected difference in the lower half of the view (so the editor goes above it)?"""
        layout = self.view.diff_layout
        if layout is None or self.current is None:
            return False
        rows = layout.block_rows(self.stops[self.current].first)
        if not rows:
            return False
        return rows[0] - self.view.top_row() >= self.view.size.height // 2

    def _step_unreviewed(self, forward: bool) -> None:
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
        if forward:
            target = review.next_unreviewed(after if after >= 0 else None)
        else:
            target = review.previous_unreviewed(before if before < len(self.alignment.blocks) else None)
        if target is None:
            total = review.counts().total
            self._say(f"All {total} {'difference is' if total == 1 else 'differences are'} reviewed.")
            self._marks_changed()
            return
        stop_index = stop_of_block(self.stops, target)
        if stop_index is not None:
            self._go_to_stop(stop_index)
        if (target <= after) if forward else (target >= before):  # as n and p say it
            self._say(f"Wrapped around to the {'first' if forward else 'last'} unreviewed difference.")
        self._refresh_bars()

    def action_next_unreviewed(self) -> None:
        self._step_unreviewed(True)

    def action_prev_unreviewed(self) -> None:
        self._step_unreviewed(False)

    def action_copy(self, side: int) -> None:
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

    def action_export(self) -> None:
        """The export chooser: the review report or a redline (Word, HTML, CriticMarkup)."""
        if self.review is None:
            return
        self.push_screen(ExportScreen(make_safe(str(Path.cwd()))), self._export)

    def _export(self, choice: ExportChoice | None) -> None:
        if choice is None or self.review is None:
            return
        what = "Report" if choice.what == "report" else f"Redline ({choice.fmt})"
        try:
            if choice.what == "report":
                path = export_report(self.review, choice.fmt)
            else:
                from tui.redline import RedlineError, export_redline

                try:
                    path = export_redline(self.review, choice.fmt)
                except RedlineError as exc:
                    raise ReportError(str(exc)) from None
        except (ReportError, ReviewStoreError) as exc:
            self._say(f"No {what.lower()} written: {exc}")
            return
        if self.is_web:  # a `diptych --serve` session: the file is on the server, send a copy
            self.deliver_binary(path, mime_type=choice.mime_type)
            self._say(f"{what} written to {make_safe(str(path))} on the server; the browser downloads it")
            return
        self._say(f"{what} written to {make_safe(str(path))}")

    def on_app_focus(self) -> None:
        """Back from another window (perhaps another diptych on the same review): show its marks."""
        if self.review is not None:
            self.review.refresh()
            self._marks_changed()

    def on_unmount(self) -> None:
        self.store.close()

    # -- documents changed on disk -------------------------------------------------------------

    def check_files(self) -> None:
        """One poll of the inputs (the timer's callback; tests call it directly)."""
        if self.watch.poll():
            if self.watch.changed:
                self.message = ""  # the change matters more than the last key's message
            self._refresh_bars()

    def action_reload(self) -> None:
        paths = self.watch.modified_now()
        if not paths:
            watched = [p for p in (self.left_doc.path, self.right_doc.path) if p != "-"]
            self._say("Nothing to reload: " + (
                "the documents have not changed on disk." if watched
                else "standard input cannot be re-read."
            ))
            return
        self.busy = f"reloading {changed_message(paths).split(' changed')[0]}…"
        self._refresh_bars()
        self._reload_worker(paths, self.options)

    @work(thread=True, exclusive=True, group="align", description="reload")
    def _reload_worker(self, paths: list[str], options: AlignOptions) -> None:
        """Read the changed inputs again and re-align; a file that cannot be read keeps its old
        version on screen (with the reason)."""
        left, right = self.left_doc, self.right_doc
        read: list[tuple[str, tuple[object, ...]]] = []
        problems: list[str] = []
        for path in paths:
            signature = file_signature(path)
            try:
                # Each side read again the way it was read (--tracked: one file, two views).
                if path == left.path:
                    left = reread_document(left)
                if path == right.path:
                    right = reread_document(right)
            except InputError as exc:
                problems.append(str(exc))
                continue
            read.append((path, signature))
        if not read:
            self.call_from_thread(self._reload_failed, problems)
            return
        worker = get_current_worker()
        alignment = until_cancelled(worker, align_for_app, left, right, options)
        if alignment is None or worker.is_cancelled:
            return
        session, problem = self._open_session(alignment)
        self.call_from_thread(self._finish_reload, alignment, session, problem, read, problems)

    def _reload_failed(self, problems: list[str]) -> None:
        self.busy = None
        self._say(make_safe("; ".join(problems)) + " — the version read before stays on screen.")

    def _finish_reload(
        self, alignment: Alignment, session: ReviewSession | None, problem: str | None,
        read: list[tuple[str, tuple[object, ...]]], problems: list[str],
    ) -> None:
        # The current difference is found again by its content, else by where it was.
        wanted = None
        if self.alignment is not None and self.current is not None:
            wanted = _block_texts(self.alignment, self.stops[self.current].first)
        anchor = self._position_anchor()
        for path, signature in read:
            self.watch.mark_read(path, signature)
        self.left_doc, self.right_doc = alignment.left, alignment.right
        self.view.texts = TextStore()  # display texts are cached by offsets of the old documents
        self._carry_told = False  # a new version: say what its review took over
        self.message = ""
        self._apply_alignment(alignment, session=session, problem=problem, anchor=anchor)
        news = self.message
        if wanted is not None:
            for index, stop in enumerate(self.stops):
                if _block_texts(alignment, stop.first) == wanted:
                    self._go_to_stop(index)
                    break
        names = " and ".join(os.path.basename(path) for path, _ in read)
        message = f"Reloaded {make_safe(names)}."
        if problems:
            message += " " + make_safe("; ".join(problems)) + " — the version read before stays on screen."
        self._say(f"{message} {news}" if news else message)

    # -- help, palette, quit -------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return palette_commands(self)

