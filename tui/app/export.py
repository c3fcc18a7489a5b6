"""The export chooser (`e`): the review report or a redline, each with one key; and the writing
of the chosen file.

A small modal: the reviewer sees where the file goes before it is written (the current
directory; an existing file is never replaced: the name gets a number), picks a format with its
key or the arrows and Enter, or leaves with Esc.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from tui.app.key_chooser import KeyChooser
from tui.review import ReviewSession, ReviewStoreError
from tui.review.report import ReportError, export_report


@dataclass(frozen=True)
class ExportChoice:
    key: str
    what: str  # "report" or "redline"
    fmt: str  # the report's or the redline's format
    label: str
    mime_type: str  # for a browser's download (`diptych --serve`)

    @property
    def name(self) -> str:
        """What is written, in words: "Report", "Redline (docx)"."""
        return "Report" if self.what == "report" else f"Redline ({self.fmt})"


@dataclass(frozen=True)
class Written:
    """Where an export was written, or why it was not."""

    path: Path | None
    problem: str = ""


def write_export(session: ReviewSession, choice: ExportChoice) -> Written:
    """Write the chosen export of `session`, whose marks the caller has refreshed. Touches no
    widget: the app calls it in a worker thread for a large pair."""
    try:
        if choice.what == "report":
            return Written(export_report(session, choice.fmt, refresh=False))
        from tui.redline import RedlineError, export_redline

        try:
            return Written(export_redline(session, choice.fmt, refresh=False))
        except RedlineError as exc:
            return Written(None, str(exc))
    except (ReportError, ReviewStoreError) as exc:
        return Written(None, str(exc))


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
