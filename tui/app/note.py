"""The note editor (`c`): a small modal with a TextArea; ctrl+s saves, Esc cancels.

The note is the reviewer's text, shown and kept verbatim: the title is built as rich Text and the
TextArea never interprets markup, so a note may contain "[sic]" or "[/]". Typed text is never
thrown away without a word: Esc on a changed note asks first (Esc again discards it). The editor
sits above or below the passage it is about, never on it (`at_top`).
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
        width: 60%; min-width: 60; max-width: 100%; height: 10; max-height: 50%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NoteScreen #note-title { height: 1; text-style: bold; }
    NoteScreen TextArea, NoteScreen TextArea:focus { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, title: str, note: str, at_top: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.at_top = at_top
        self.asked_to_discard = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, no_wrap=True, overflow="ellipsis"), id="note-title",
                         markup=False)
            area = TextArea(self.note, soft_wrap=True, show_line_numbers=False, id="note-text")
            area.cursor_blink = False  # deterministic screenshots
            yield area

    def on_mount(self) -> None:
        self.styles.align_vertical = "top" if self.at_top else "bottom"
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self) -> None:
        if self.asked_to_discard:  # typing again: the question no longer stands
            self.asked_to_discard = False
            self._show_title(self.title_text)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text == self.note or self.asked_to_discard:
            self.dismiss(None)
            return
        self.asked_to_discard = True
        self._show_title("Discard the changes? Esc again discards them, ctrl+s saves")

    def _show_title(self, text: str) -> None:
        self.query_one("#note-title", Static).update(Text(text, no_wrap=True, overflow="ellipsis"))
