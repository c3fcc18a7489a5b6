"""The app on many versions: DiptychApp showing one pair of a Timeline at a time, with keys to
step the pair through time, choose any two versions, follow a passage through the versions
(passage history) and see where each passage of the newest version comes from (blame).

DiptychApp does the comparing; this class only chooses the pair and tells it which alignment
to show (`show_pair`, which keeps the review store: review marks work per pair as for two
files). Every step's alignment comes from the History, aligned once: the pair on screen first,
then the others in a background thread, nearest first, each drawn in the timeline bar when done.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from tui.app.app import DiptychApp
from tui.app.background import until_cancelled
from tui.app.blame import BlameScreen, blame_entries
from tui.app.layout import LEFT
from tui.app.passage_history import PassageHistoryScreen, history_entries, summary
from tui.app.runner import SYNC_ALIGN_LIMIT
from tui.app.sections import TIMELINE, Keys
from tui.app.timeline import Move, Timeline
from tui.app.timeline_bar import timeline_header
from tui.app.version_picker import VersionPicker
from tui.engine.history import PassageHistory
from tui.engine.model import Alignment, AlignOptions, Passage
from tui.engine.reading import shown_name
from tui.engine.safe_text import for_terminal
from tui.review import ReviewStore

RIGHT = 1


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    # Only a timeline of three versions or more has these (tui/app/timeline_app.py).
    (TIMELINE, Binding("full_stop,greater_than_sign", "next_step", "Next step: the next two versions",
                       key_display=". >", id="diptych.next_step")),
    (TIMELINE, Binding("comma,less_than_sign", "prev_step", "Previous step: the two versions before",
                       key_display=", <", id="diptych.prev_step")),
    (TIMELINE, Binding("V", "pick_versions", "Choose the two versions to compare",
                       id="diptych.pick_versions")),
    (TIMELINE, Binding("a", "first_last", "Compare the first version with the last (again: back)",
                       id="diptych.first_last")),
    (TIMELINE, Binding("h", "passage_history", "History of the selected passage through the versions",
                       id="diptych.passage_history")),
    (TIMELINE, Binding("b", "blame", "Blame: the version that introduced each passage of the newest, "
                       "and of its last change", id="diptych.blame")),
]


class TimelineApp(DiptychApp):
    """Many versions of a document: two of them side by side at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [binding for _, binding in KEYS]  # added to DiptychApp's

    def __init__(
        self, timeline: Timeline, *, store: ReviewStore | None = None, store_notice: str = "",
    ) -> None:
        history = timeline.history
        super().__init__(
            history.document(timeline.left), history.document(timeline.right), history.options,
            store=store, store_notice=store_notice,
        )
        self.timeline = timeline
        self.shown = timeline.pair  # the versions whose alignment the panes show

    def on_mount(self) -> None:
        # (DiptychApp.on_mount runs too, after this one: it shows the pair's alignment.)
        self.call_after_refresh(self._align_steps)

    # -- DiptychApp's hooks --------------------------------------------------------------------

    def align_pair(self, options: AlignOptions) -> Alignment:
        self.timeline.set_options(options)
        return self.timeline.alignment()

    def realign(self, options: AlignOptions) -> None:
        """Units or threshold changed: the pair now, every other step again in the background."""
        self.timeline.set_options(options)
        super().realign(options)
        self._align_steps()

    def header_content(self, width: int) -> Text:
        return timeline_header(self.timeline, self.view.diff_layout, width)

    def action_reload(self) -> None:
        self._say("A timeline reads its versions once: open it again to read files changed since.")

    # -- the steps, in the background ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="timeline-steps", description="timeline steps")
    def _align_steps(self) -> None:
        worker = get_current_worker()
        timeline = self.timeline
        history = timeline.history
        for step in timeline.background_order():
            if worker.is_cancelled or history is not timeline.history:
                return  # the options changed: a newer worker aligns the new history's steps
            if history.aligned(step) is None and until_cancelled(worker, history.step, step) is None:
                return
            timeline.amount(step)
            self.call_from_thread(self._refresh_bars)

    # -- moving the pair -----------------------------------------------------------------------

    def _move(self, move: Move) -> None:
        if move.pair is None:
            self._say(move.reason)
            return
        self.go_to(*move.pair)

    def go_to(self, left: int, right: int) -> None:
        """Compare versions `left` and `right`: at once when aligned already or small enough,
        else in a worker (the header shows the new pair, the status line says it is aligning)."""
        timeline = self.timeline
        timeline.set_pair(left, right)
        pair = timeline.pair
        alignment = timeline.aligned()
        history = timeline.history
        size = len(history.document(pair[0]).text) + len(history.document(pair[1]).text)
        if alignment is None and size <= SYNC_ALIGN_LIMIT:
            alignment = timeline.alignment()
        if alignment is not None:
            self._show_aligned(pair, alignment)
            return
        self.busy = f"aligning v{pair[0]} → v{pair[1]}…"
        self._refresh_bars()
        self._pair_worker(pair)

    @work(thread=True, exclusive=True, group="align", description="timeline pair")
    def _pair_worker(self, pair: tuple[int, int]) -> None:
        worker = get_current_worker()
        alignment = until_cancelled(worker, self.timeline.history.pair, *pair)
        if alignment is not None and not worker.is_cancelled:
            self.call_from_thread(self._show_aligned, pair, alignment)

    def _show_aligned(self, pair: tuple[int, int], alignment: Alignment) -> None:
        if pair != self.timeline.pair:
            return  # the user moved on while it was aligned
        old_left, old_right = self.shown
        sides = (self._side_in(pair, old_left), self._side_in(pair, old_right))
        self.shown = pair
        self.show_pair(alignment, sides)
        if not self.message:
            self._say(self._pair_words(pair))

    @staticmethod
    def _side_in(pair: tuple[int, int], version: int) -> int | None:
        return LEFT if version == pair[0] else RIGHT if version == pair[1] else None

    def _pair_words(self, pair: tuple[int, int]) -> str:
        left, right = pair
        names = " → ".join(for_terminal(shown_name(self.timeline.version(v).path)) for v in pair)
        return f"Comparing v{left} → v{right}: {names}."

    def action_next_step(self) -> None:
        self._move(self.timeline.next_step())

    def action_prev_step(self) -> None:
        self._move(self.timeline.prev_step())

    def action_first_last(self) -> None:
        move = self.timeline.first_last()
        if move.pair == (1, self.timeline.count):
            self.timeline.before_first_last = self.timeline.pair
        self._move(move)

    def action_pick_versions(self) -> None:
        def chosen(pair: tuple[int, int] | None) -> None:
            if pair is not None:
                self.go_to(*pair)

        self.push_screen(VersionPicker(self.timeline), chosen)

    # -- passage history -----------------------------------------------------------------------

    def _selected_passage(self) -> tuple[int, Passage] | None:
        """The passage the reader is on (the selected difference, else the top of the view):
        its version and passage, on the newer side when it has one."""
        if self.alignment is None or self.view.diff_layout is None or not self.alignment.blocks:
            return None
        if self.current is not None:
            index: int | None = self.stops[self.current].first
        else:
            index = self.view.diff_layout.block_at(self.view.top_row())
        if index is None:
            return None
        block = self.alignment.blocks[index]
        left, right = self.shown
        return (right, block.right[0]) if block.right else (left, block.left[0])

    def action_passage_history(self) -> None:
        selected = self._selected_passage()
        if selected is None:
            self._say("No passage to follow: there is no text on screen.")
            return
        version, passage = selected
        self.busy = "following the passage through the versions…"
        self._refresh_bars()
        self._history_worker(version, passage)

    @work(thread=True, exclusive=True, group="passage", description="passage history")
    def _history_worker(self, version: int, passage: Passage) -> None:
        worker = get_current_worker()
        history = self.timeline.history
        try:
            found = until_cancelled(worker, history.passage_history, version, passage.index)
            if found is None or worker.is_cancelled:
                return
            entries = until_cancelled(worker, history_entries, history, found, self._label)
        except Exception as exc:  # a bug in following it must not take the whole review down
            self.call_from_thread(self._failed, "The passage history", exc)
            return
        if entries is not None and not worker.is_cancelled:
            self.call_from_thread(self._open_history, found, passage, entries)

    def _failed(self, what: str, exc: Exception) -> None:
        self.busy = None
        self._say(for_terminal(f"{what} could not be built: {type(exc).__name__}: {exc}"))

    def _label(self, version: int) -> str:
        return f"v{version} {shown_name(self.timeline.version(version).path)}"

    def _open_history(self, found: PassageHistory, passage: Passage, entries: list) -> None:
        self.busy = None
        self._refresh_bars()
        title = summary(found, passage, self.options.unit)
        # The entry of the pair on screen (its change, rather than its first appearance).
        here = max((k for k, e in enumerate(entries) if e.pair == self.shown), default=len(entries) - 1)
        self.push_screen(PassageHistoryScreen(title, entries, here), self._chosen_pair)

    def _chosen_pair(self, pair: tuple[int, int] | None) -> None:
        if pair is not None:
            self.go_to(*pair)

    # -- blame ---------------------------------------------------------------------------------

    def action_blame(self) -> None:
        self.busy = "finding where each passage of the newest version comes from…"
        self._refresh_bars()
        self._blame_worker()

    @work(thread=True, exclusive=True, group="passage", description="blame")
    def _blame_worker(self) -> None:
        worker = get_current_worker()
        try:
            blames = until_cancelled(worker, self.timeline.history.blame)
        except Exception as exc:  # as for the passage history
            self.call_from_thread(self._failed, "The blame view", exc)
            return
        if blames is not None and not worker.is_cancelled:
            self.call_from_thread(self._open_blame, blame_entries(blames, self.timeline.count))

    def _open_blame(self, entries: list) -> None:
        self.busy = None
        self._refresh_bars()
        count = self.timeline.count
        title = Text(f" Each passage of v{count} (the newest, "
                     f"{for_terminal(shown_name(self.timeline.version(count).path))}): the version that "
                     "introduced it and that of its last change; words added since are underlined.")
        self.push_screen(BlameScreen(title, entries), self._blame_chosen)

    def _blame_chosen(self, choice: tuple[str, object] | None) -> None:
        if choice is None:
            return
        what, value = choice
        if what == "pair":
            assert isinstance(value, tuple)
            self.go_to(*value)
            return
        assert isinstance(value, int)
        passage = self.timeline.history.units(self.timeline.count)[value]
        self.busy = "following the passage through the versions…"
        self._refresh_bars()
        self._history_worker(self.timeline.count, passage)
