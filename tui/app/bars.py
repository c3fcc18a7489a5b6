"""The bars around the panes as widgets that render themselves: the header (the documents' names),
the status line and the hint line (the keys, or the last message).

The app hands each bar a small value (a Text, a StatusState, a Hints), never a finished line: the
status and hint bars fit their text to their own width when they render. A bar repaints only when
its value changes, and asks for a layout of the screen only when its number of lines changes: a
layout pass repaints every widget, which made each `n` cost a full-screen frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tui.app.statusbar import StatusState, hint_line, status_line, stop_summary
from tui.app.view_state import ViewState
from tui.engine.classes import in_order
from tui.engine.model import Alignment, AlignOptions, Stats
from tui.engine.pair_diffs import pair_diffs
from tui.engine.safe_text import for_terminal
from tui.review import ReviewSession
from tui.review.marks import state_words, status_text


class TextBar(Static):
    """A bar showing a Text composed elsewhere (the header, which a timeline makes its own)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)
        self._shown: Text | None = None

    def show(self, text: Text) -> None:
        """Show `text` if it differs from what is shown; a new layout only when the number of
        lines changes (the header has a second line with decoding notes)."""
        shown = self._shown
        if shown == text:
            return
        self._shown = text
        self.update(text, layout=shown is None or shown.plain.count("\n") != text.plain.count("\n"))


class StatusBar(Static):
    """One line: where the reader is, the totals, the review's progress, the settings; as many
    of them as fit (statusbar.status_line). A Static that renders its state, not set content."""

    DEFAULT_CSS = "StatusBar { height: 1; background: $panel; color: $foreground; }"

    status: reactive[StatusState | None] = reactive(None)

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

    def render(self) -> Text:
        if self.status is None:
            return Text()
        return Text(status_line(self.status, max(1, self.size.width)))


@dataclass(frozen=True, slots=True)
class Hints:
    """What the hint line shows: the last message (until the next key), else the keys."""

    message: str = ""
    searching: bool = False  # n / N step through matches (when there are some)
    matched: bool = False


class HintBar(Static):
    """One line: the keys that matter now, or the last message (in the warning colour)."""

    DEFAULT_CSS = """
    HintBar { height: 1; background: $panel; color: $text-muted; }
    HintBar.message { color: $warning; text-style: bold; }
    """

    hints: reactive[Hints] = reactive(Hints)

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

    def render(self) -> Text:
        hints = self.hints
        if hints.message:
            return Text(" " + hints.message)
        return Text(hint_line(max(1, self.size.width), searching=hints.searching, matched=hints.matched))

    def watch_hints(self, hints: Hints) -> None:
        self.set_class(bool(hints.message), "message")


def _stop_classes(alignment: Alignment | None, state: ViewState) -> str | None:
    """The change classes of the selected difference (of every passage of a run), so that what
    it changes shows without opening the change list."""
    stop = state.stop
    if stop is None or alignment is None:
        return None
    diffs = pair_diffs(alignment)  # cached: the panes have diffed the pair to highlight it
    blocks = alignment.blocks[stop.first:stop.last + 1]
    classes = in_order(cls for block in blocks for cls in diffs.classes(block))
    return ", ".join(cls.value for cls in classes) or None


def status_state(
    alignment: Alignment | None, state: ViewState, stats: Stats, options: AlignOptions,
    busy: str | None, review: ReviewSession | None, filter_note: str | None = None,
) -> StatusState:
    """The status line's parts from the app's state; `filter_note`: the filter's, when one is set."""
    position = "no alignment yet"
    if alignment is not None:
        position = stop_summary(alignment.blocks, state.stops, state.current)
        if state.keep is not None and not state.stops:
            position = "no difference matches"
        if state.at_stub:
            position += " (right end)"
    search = None
    if state.query:
        found = f"{state.match_index + 1}/{len(state.matches)}" if state.match_index is not None else (
            f"{len(state.matches)}" if state.matches else "no match")
        search = f"“{state.query}” {found}"
    progress = marks = None
    if review is not None and alignment is not None and review.differences:
        progress = status_text(review.counts())
        stop = state.stop
        if stop is not None:
            combined = review.combined_state(range(stop.first, stop.last + 1))
            if not combined.blank or combined.carried == "fuzzy":
                marks = for_terminal(state_words(combined))
            if stop.first in review.corrected.marks:  # C on it offers the undo
                marks = f"{marks} · corrected" if marks else "corrected"
    return StatusState(
        position, stats if alignment is not None else None, options.unit, options.threshold, busy, search,
        folded=state.folded, review=progress, review_state=marks, filter=filter_note,
        classes=_stop_classes(alignment, state),
    )
