"""The header (both documents' names) and the status bars (position, totals, review progress,
settings; then the last message or the key hints).

Texts come from statusbar.py (no Textual); these widgets only show them, as rich Text (never
markup: file names can contain "["), and only when they change.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.layout import Layout
from tui.app.statusbar import StatusState, header_text, hint_line, status_line
from tui.engine.model import Document


class Bar(Static):
    """One line (or two) of text. A new text is shown only if it differs from the one shown,
    and a new layout of the screen is asked for only when its number of lines changes: a layout
    pass repaints every widget, which made each `n` cost a full-screen frame."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._shown: Text | None = None

    def show(self, text: Text) -> None:
        shown = self._shown
        if shown == text:
            return
        self._shown = text
        self.update(text, layout=shown is None or shown.plain.count("\n") != text.plain.count("\n"))


class HeaderBar(Bar):
    """Both names (side by side: each over its own pane), and a line of decoding notes when
    there are any."""

    def show_documents(self, left: Document, right: Document, layout: Layout | None, width: int) -> None:
        self.show(header_text(left, right, layout, width))


class StatusBars(Vertical):
    """The status line, and below it the last message (highlighted) or the key hints."""

    DEFAULT_CSS = "StatusBars { height: auto; }"

    def compose(self) -> ComposeResult:
        yield Bar(id="status")
        yield Bar(id="hints")

    def show_status(self, state: StatusState, message: str, searching: bool, width: int) -> None:
        self.query_one("#status", Bar).show(Text(status_line(state, width)))
        hints = self.query_one("#hints", Bar)
        hints.show(Text(" " + message) if message else Text(hint_line(width, searching=searching)))
        hints.set_class(bool(message), "message")
