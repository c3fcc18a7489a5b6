"""The note editor (`c`): a small modal with a TextArea; ctrl+s saves, Esc cancels.

The note is the reviewer's text, shown and kept verbatim: the title is built as rich Text and the
TextArea never interprets markup, so a note may contain "[sic]" or "[/]".
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Dismissed with the edited text (ctrl+s; "" removes the note) or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the note", id="diptych.note_save"),
        Binding("escape", "cancel", "Cancel", id="diptych.note_cancel"),
    ]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 60%; min-width: 60; max-width: 100%; height: 12; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NoteScreen #note-title { height: 1; text-style: bold; }
    NoteScreen TextArea, NoteScreen TextArea:focus { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, no_wrap=True, overflow="ellipsis"), id="note-title",
                         markup=False)
            area = TextArea(self.note, soft_wrap=True, show_line_numbers=False, id="note-text")
            area.cursor_blink = False  # deterministic screenshots
            yield area

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
