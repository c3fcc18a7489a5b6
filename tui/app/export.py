"""The export chooser (`e`): the review report or a redline, each with one key.

A small modal: the reviewer sees where the file goes before it is written (the current
directory; an existing file is never replaced: the name gets a number), picks a format with its
key or the arrows and Enter, or leaves with Esc.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class ExportChoice:
    key: str
    what: str  # "report" or "redline"
    fmt: str  # the report's or the redline's format
    label: str
    mime_type: str  # for a browser's download (`diptych --serve`)


CHOICES = (
    ExportChoice("r", "report", "html", "Review report: marks, notes and changed words (HTML)", "text/html"),
    ExportChoice(
        "w", "redline", "docx", "Redline for Word: tracked changes and comments (.docx)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ExportChoice("h", "redline", "html", "Redline as a printable web page (.html)", "text/html"),
    ExportChoice("m", "redline", "markdown", "Redline in CriticMarkup (.md)", "text/markdown"),
)


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Dismissed with the chosen export, or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="diptych.export_cancel"),
        *(Binding(choice.key, f"choose('{choice.key}')", choice.label, show=False) for choice in CHOICES),
    ]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    ExportScreen #export-title { height: auto; text-style: bold; }
    ExportScreen #export-where { height: auto; color: $text-muted; }
    ExportScreen OptionList, ExportScreen OptionList:focus { height: auto; border: none; padding: 0; }
    """

    def __init__(self, directory: str) -> None:
        super().__init__()
        self.directory = directory

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export (Esc closes)"), id="export-title", markup=False)
            yield Static(Text(f"Written to {self.directory}, never over an earlier file."),
                         id="export-where", markup=False)
            yield OptionList(*(Option(Text(f"{c.key}  {c.label}"), id=c.key) for c in CHOICES))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(str(event.option.id))

    def action_choose(self, key: str) -> None:
        self.dismiss(next(choice for choice in CHOICES if choice.key == key))

    def action_cancel(self) -> None:
        self.dismiss(None)
