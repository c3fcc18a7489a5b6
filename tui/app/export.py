"""The export chooser (`e`): the review report or a redline, each with one key.

A small modal: the reviewer sees where the file goes before it is written (the current
directory; an existing file is never replaced: the name gets a number), picks a format with its
key or the arrows and Enter, or leaves with Esc.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from tui.app.key_chooser import KeyChooser


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


class ExportScreen(KeyChooser[ExportChoice]):
    """Dismissed with the chosen export, or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="diptych.export_cancel"),
        *(Binding(choice.key, f"choose('{choice.key}')", choice.label, show=False) for choice in CHOICES),
    ]
    TITLE_ID = "export-title"
    DETAIL_ID = "export-where"

    def __init__(self, directory: str) -> None:
        where = Text(f"Written to {directory}, never over an earlier file.")
        super().__init__("Export (Esc closes)", where, CHOICES)
