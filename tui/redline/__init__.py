"""Redlines a reviewer can send: the newer version with every change marked in place, as a Word
document with tracked changes, a printable HTML page or CriticMarkup (`diptych --redline`).

build.py makes one model (model.py) from an alignment and the reviewer's marks; docx.py, html.py
and markdown.py render it, each imported only when its format is asked for (python-docx only by
docx.py). Nothing here imports Textual; `export_redline` writes the redline of a review session,
for an app's export.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui.engine.model import Alignment, AlignOptions, Document
from tui.redline.build import ReviewerMark, build_redline
from tui.redline.model import Redline

if TYPE_CHECKING:
    from tui.review import MarkState, ReviewSession

FORMATS = ("docx", "html", "markdown")
EXTENSIONS = {"docx": "docx", "html": "html", "markdown": "md"}


class RedlineError(Exception):
    """The redline cannot be made or written; the message is one line for the user."""


_BY_PARAGRAPH = "a redline is made of paragraphs: compare by paragraph, not by sentence (--unit sentence)"


def redline_time() -> float:
    """When the redline is made: now, or SOURCE_DATE_EPOCH when it is set (the reproducible-builds
    convention), so that the same documents give the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return float(epoch)
    return time.time()


def reviewer_marks(states: Iterable[tuple[int, MarkState]]) -> dict[int, ReviewerMark]:
    """A review session's notes and flags by block index (from ReviewSession.states())."""
    return {
        index: ReviewerMark(state.note, state.flagged)
        for index, state in states if state.note.strip() or state.flagged
    }


def render(redline: Redline, fmt: str) -> bytes:
    if fmt == "docx":
        from tui.redline.docx import render_docx

        return render_docx(redline)
    if fmt == "html":
        from tui.redline.html import render_html

        return render_html(redline).encode("utf-8")
    if fmt == "markdown":
        from tui.redline.markdown import render_markdown

        return render_markdown(redline).encode("utf-8")
    raise RedlineError(f"unknown redline format {fmt!r} (choose from {', '.join(FORMATS)})")


def redline_of(alignment: Alignment, fmt: str, marks: Mapping[int, ReviewerMark] | None = None) -> bytes:
    if alignment.options.unit != "paragraph":
        raise RedlineError(_BY_PARAGRAPH)
    return render(build_redline(alignment, marks, generated=redline_time()), fmt)


def redline_for_documents(
    left: Document, right: Document, options: AlignOptions, fmt: str, review: str | None = None
) -> bytes:
    """`diptych --redline FORMAT LEFT RIGHT [--review FILE]`: the reviewer's notes only from a
    review file named on the command line — a redline is sent to others, and the notes of the
    default review store may be private."""
    from tui.engine.compare import align_documents

    if fmt not in FORMATS:
        raise RedlineError(f"unknown redline format {fmt!r} (choose from {', '.join(FORMATS)})")
    if options.unit != "paragraph":
        raise RedlineError(_BY_PARAGRAPH)
    alignment = align_documents(left, right, options)  # sentence links are not shown
    marks: dict[int, ReviewerMark] = {}
    if review is not None:
        from tui.review import ReviewStore

        store = ReviewStore.open(review, create=False)
        try:
            session = store.session(alignment)  # with the reviewer's corrections applied
            alignment = session.alignment
            marks = reviewer_marks(session.states())
        finally:
            store.close()
    return redline_of(alignment, fmt, marks)


def default_redline_path(
    alignment: Alignment, fmt: str, directory: str | os.PathLike[str] | None = None
) -> Path:
    """`<left>--<right>.redline.<ext>` in `directory` (default: the current directory), named as
    the app names its review reports (`<left>--<right>.review.<ext>`)."""
    from tui.review.report import default_report_path

    report = default_report_path(alignment, "json", directory)
    stem = report.name[: -len(".review.json")]
    return report.with_name(f"{stem}.redline.{EXTENSIONS[fmt]}")


def write_redline(data: bytes, output: str, protected: Iterable[str | None] = ()) -> None:
    """Write to `output` atomically (as the review reports are written), never over the documents
    or the review file it was made from."""
    from tui.review.report import ReportError, write_report_file

    try:
        write_report_file(data, output, tuple(protected), what="redline")
    except ReportError as exc:
        raise RedlineError(str(exc)) from None


def export_redline(
    session: ReviewSession, fmt: str, path: str | os.PathLike[str] | None = None, *, refresh: bool = True
) -> Path:
    """Write the redline of a review session (the app's export), with its notes; returns where.
    `refresh=False`: the caller has refreshed the session's marks (see report.export_report)."""
    if fmt not in FORMATS:
        raise RedlineError(f"unknown redline format {fmt!r} (choose from {', '.join(FORMATS)})")
    if refresh:
        session.refresh()  # marks another diptych process made on the same review
    alignment = session.alignment
    if path is not None:
        target = Path(path)
    else:
        from tui.review.report import unused_path

        target = unused_path(default_redline_path(alignment, fmt))
    data = redline_of(alignment, fmt, reviewer_marks(session.states()))
    write_redline(data, str(target), (alignment.left.path, alignment.right.path, session.store_path))
    return target


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "RedlineError",
    "ReviewerMark",
    "build_redline",
    "default_redline_path",
    "export_redline",
    "redline_for_documents",
    "redline_of",
    "render",
    "write_redline",
]
