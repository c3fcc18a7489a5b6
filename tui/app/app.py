"""The review app: composition (header, the aligned panes, the bars, the prompts) and wiring.

What the keys do lives in mixins, one module each: runner.py (aligning, reload, keeping the place),
selection.py (n / p, m, scrolling), view_actions.py (f, v, s, t / T), filter_actions.py (F, z),
search_bar.py (/ and :), review_actions.py (r, x, c, u, y, e), correction_actions.py (C); what is
selected, searched, folded and filtered is a pure ViewState (view_state.py), the bars are widgets
(bars.py). This module builds the screen, hands the bars their state, and passes events on (a
prompt's input, a click, a resize, focus).

State that only changes what is highlighted (the current difference, search marks) repaints just
the rows whose look changes, and the bars only when their state changes (never with a layout pass
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
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, LoadingIndicator, Static

from tui.app import (
    correction_actions,
    filter_actions,
    review_actions,
    runner,
    search_bar,
    selection,
    view_actions,
)
from tui.app.bars import HintBar, Hints, StatusBar, TextBar, status_state
from tui.app.correction_actions import CorrectionActions
from tui.app.files import FileWatch, changed_message
from tui.app.filter_actions import FilterActions
from tui.app.help import HelpScreen
from tui.app.layout import MIN_HEIGHT, MIN_WIDTH, ItemKind
from tui.app.overview_strip import OverviewStrip
from tui.app.palette import palette_commands
from tui.app.panes import DiffView
from tui.app.report_jobs import ReportJobs
from tui.app.review_actions import ReviewActions
from tui.app.runner import SYNC_ALIGN_LIMIT, AlignmentRunner
from tui.app.search_bar import GoToBar, SearchActions, SearchBar
from tui.app.sections import GENERAL, Keys, in_help_order
from tui.app.selection import Selection
from tui.app.statusbar import header_text
from tui.app.view_actions import ViewActions
from tui.app.view_state import ViewState
from tui.engine.model import Alignment, AlignOptions, Document, Stats
from tui.review import ReviewSession, ReviewStore

POLL_SECONDS = 2.0  # how often inputs are checked for changes on disk (when watching)


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (GENERAL, Binding("question_mark,f1", "help", "This help", key_display="? F1", id="diptych.help")),
    # Priority: from any screen, as in any terminal program (in the note editor too, whose
    # TextArea would take ctrl+z for undo; the note is still there after fg).
    (GENERAL, Binding("ctrl+z", "suspend_process", "Suspend to the shell (fg resumes)",
                      id="diptych.suspend", priority=True)),
    (GENERAL, Binding("q,ctrl+q", "quit", "Quit", key_display="q ctrl+q", id="diptych.quit")),
]


class DiptychApp(
    AlignmentRunner, Selection, ViewActions, FilterActions, SearchActions, ReviewActions, CorrectionActions,
    ReportJobs,
    App[int],
):
    """Two versions of a document side by side."""

    TITLE = "diptych"
    ENABLE_COMMAND_PALETTE = True
    # The keys of each module that acts on them (the panes bind their own scrolling keys).
    BINDINGS: ClassVar[list[BindingType]] = [
        binding for _, binding in in_help_order(
            selection.KEYS, search_bar.KEYS, view_actions.KEYS, filter_actions.KEYS, review_actions.KEYS,
            correction_actions.KEYS, runner.KEYS, KEYS,
        )
    ]

    CSS = """
    Screen { layout: vertical; }
    #header { height: auto; background: $panel; color: $foreground; }
    #search { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    #search.visible { display: block; }
    #goto { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    #goto.visible { display: block; }
    #loading { height: 1fr; display: none; }
    #loading-label { height: 1; content-align: center middle; width: 100%; display: none; }
    #too-small { display: none; height: 1fr; content-align: center middle; text-align: center; }
    /* The overview strip takes the place of the panes' scrollbar: the text columns keep their width. */
    #panes { height: 1fr; }
    #panes.strip #diff { scrollbar-size-vertical: 0; }
    #panes #overview { display: none; }
    #panes.strip #overview { display: block; }
    Screen.busy-first #loading, Screen.busy-first #loading-label { display: block; }
    Screen.busy-first #panes { display: none; }
    Screen.too-small #too-small { display: block; }
    Screen.too-small #panes, Screen.too-small #header, Screen.too-small #status,
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
        self._corrections_told = False  # the same, of the reviewer's corrections
        # Inputs that change on disk while open: polled every POLL_SECONDS when asked (never in
        # snapshot tests: a timer there would make pictures depend on the clock).
        self.watch = FileWatch(left.path, right.path)
        self._watch_files = watch_files
        self.left_doc = left
        self.right_doc = right
        self.options = options or AlignOptions()
        self.alignment: Alignment | None = None
        self.stats = Stats()
        # What is selected, searched and folded (tui/app/view_state.py: each key makes a new one).
        self.view_state = ViewState()
        self.busy: str | None = None
        # The change list or export being built in a worker thread (report_jobs.py), by kind,
        # with what the status bar says of each; and what it last said of them.
        self.report_jobs: dict[str, str] = {}
        self._jobs_said: str | None = None
        self.message = ""

    # -- composition ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TextBar(id="header")
        with Vertical(id="loading"):
            yield Static(id="loading-label", markup=False)
            yield LoadingIndicator()
        with Horizontal(id="panes", classes="strip"):
            yield DiffView(id="diff")
            yield OverviewStrip(id="overview")
        yield TextBar(id="too-small")
        yield StatusBar(id="status")
        yield HintBar(id="hints")
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
        # (App.watch is not Textual's here: self.watch holds the FileWatch.)
        self.view.watch(self.view, "scroll_y", self._sync_strip, init=False)
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
        """Hand each bar its state; each repaints only if that changed."""
        self.query_one("#header", TextBar).show(self.header_content(max(1, self.size.width)))
        state = self.view_state
        self.query_one(StatusBar).status = status_state(
            self.alignment, state, self.stats, self.options, self.busy, self.review, self.filter_note()
        )
        message = self.message or changed_message(self.watch.changed)
        self.query_one(HintBar).hints = Hints(message, bool(state.query), bool(state.matches))
        if self.screen.has_class("too-small"):
            self.query_one("#too-small", TextBar).show(Text(
                f"diptych needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                f"This one is {self.size.width}×{self.size.height}.\nEnlarge it, or press q to quit."
            ))
        self._sync_strip()

    def _sync_strip(self) -> None:
        """Show the overview strip the layout, its selection and the rows in view (it repaints
        only when they changed)."""
        if not self.query_one("#panes").has_class("strip"):
            return
        view = self.view
        top = view.top_row()
        view_rows = (top, top + view.scrollable_content_region.height)
        self.query_one(OverviewStrip).show(view.diff_layout, view_rows)

    def header_content(self, width: int) -> Text:
        """The header's text (a timeline adds the versions and their steps)."""
        return header_text(self.left_doc, self.right_doc, self.view.diff_layout, width)

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
        state = self.view_state.select_block(item.block, item.kind is ItemKind.STUB)
        if state is self.view_state:
            return  # not a difference
        self.view_state = state
        self._sync_marks()

    @on(OverviewStrip.Clicked)
    def _scroll_to_clicked(self, event: OverviewStrip.Clicked) -> None:
        """A click on the strip brings its rows to the middle of the view."""
        half = self.view.scrollable_content_region.height // 2
        self.view.scroll_to(y=max(0, event.row - half), animate=False, immediate=True)

    @on(OverviewStrip.Wheel)
    def _scroll_by_wheel(self, event: OverviewStrip.Wheel) -> None:
        rows = self.scroll_sensitivity_y * (1 if event.down else -1)
        self.view.scroll_to(y=self.view.scroll_y + rows, animate=False, immediate=True)

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
        # The panes' own actions too (the main screen's: the palette may open over another).
        return palette_commands(self, *self.screen_stack[0].query(DiffView))

