"""The review app: composition (header, the aligned panes, the bars, the prompts) and wiring.

What the keys do lives in mixins, one module each: runner.py (aligning, reload, keeping the place),
selection.py (n / p, m, scrolling), view_actions.py (f, v, s, t / T), search_bar.py (/ and :),
review_actions.py (r, x, c, u, y, e). This module builds the screen, shows the bars, and passes
events on (a prompt's input, a click, a resize, focus).

State that only changes what is highlighted (the current difference, search marks) repaints just
the rows whose look changes, and the bars only when their text changes (never with a layout pass
of the screen); the layout is rebuilt only on resize, folding or a new alignment; a new alignment
(threshold, unit) runs in a worker thread when the documents are large.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, LoadingIndicator, Static

from tui.app.files import FileWatch, changed_message
from tui.app.help import HelpScreen
from tui.app.keys import APP_BINDINGS
from tui.app.layout import MIN_HEIGHT, MIN_WIDTH, ItemKind
from tui.app.navigation import Stop, stop_of_block
from tui.app.palette import palette_commands
from tui.app.panes import DiffView
from tui.app.review_actions import ReviewActions
from tui.app.runner import SYNC_ALIGN_LIMIT, AlignmentRunner
from tui.app.search import Match
from tui.app.search_bar import GoToBar, SearchActions, SearchBar
from tui.app.selection import Selection
from tui.app.statusbar import StatusState, header_text, hint_line, status_line, stop_summary
from tui.app.view_actions import ViewActions
from tui.engine.model import Alignment, AlignOptions, Document, Stats
from tui.engine.safe_text import for_terminal
from tui.review import ReviewSession, ReviewStore
from tui.review.marks import state_words, status_text

POLL_SECONDS = 2.0  # how often inputs are checked for changes on disk (when watching)


class DiptychApp(AlignmentRunner, Selection, ViewActions, SearchActions, ReviewActions, App[int]):
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
                    marks = for_terminal(state_words(combined))
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

    @on(Input.Submitted, "#goto")
    def _goto_submitted(self, event: Input.Submitted) -> None:
        self._submit_goto(event)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._submit_search(event)

    def on_app_focus(self) -> None:
        """Back from another window (perhaps another diptych on the same review): show its marks."""
        if self.review is not None:
            self.review.refresh()
            self._marks_changed()

    def on_unmount(self) -> None:
        self.store.close()

    # -- help, palette, quit -------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return palette_commands(self)

