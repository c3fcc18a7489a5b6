"""Review reports: `diptych --report FORMAT LEFT RIGHT`, and the app's export.

The model every format renders is in report_model.py; the renderers (report_markdown.py,
report_html.py, report_json.py) only format it. This module is the facade: it builds the model,
renders it in a format and writes the file (atomically, never over an input). Nothing it imports
imports it back.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, Document
from tui.review.report_html import render_html
from tui.review.report_json import render_json
from tui.review.report_markdown import render_markdown
from tui.review.report_model import ReviewReport, build_report
from tui.review.store import (
    ReviewSession,
    ReviewStore,
    ReviewStoreError,
    default_store_path,
)

FORMATS = ("markdown", "html", "json")


class ReportError(Exception):
    """The report cannot be written; the message is one line for the user."""


# -- rendering and writing -----------------------------------------------------------------------


def render(report: ReviewReport, fmt: str) -> str:
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "json":
        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def open_store(review: str | None) -> ReviewStore | None:
    """The store named by `--review` (which must exist), else the default one when it exists:
    a report never creates the user's store."""
    if review is None:
        path = default_store_path()
        if not path.exists():
            return None
        return ReviewStore.open(path, create=False)
    return ReviewStore.open(review, create=False)


def write_report_file(
    text: str | bytes, output: str, protected: tuple[str | None, ...] = (), what: str = "report"
) -> None:
    """Write to `output` atomically: a reader never sees half a report, and a failed write leaves
    an earlier report in place. `protected` are files it must never replace (inputs, review store).
    Bytes are written as they are (a Word redline); `what` names the file in messages.
    """
    target = Path(output)
    for other in protected:
        if other and other != "-" and target.exists() and _same_file(target, Path(other)):
            raise ReportError(f"{output}: refusing to overwrite an input of the {what}")
    if target.is_dir():
        raise ReportError(f"{output}: is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ReportError(f"{output}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"{output}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


EXTENSIONS = {"markdown": "md", "html": "html", "json": "json"}
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def default_report_path(
    alignment: Alignment, fmt: str, directory: str | os.PathLike[str] | None = None
) -> Path:
    """`<left>--<right>.review.<ext>` in `directory` (default: the current directory)."""

    def stem(doc: Document) -> str:
        name = "stdin" if doc.path in ("-", "") else Path(doc.path).stem
        return _UNSAFE_NAME.sub("_", name).strip("._")[:60] or "document"

    name = f"{stem(alignment.left)}--{stem(alignment.right)}.review.{EXTENSIONS[fmt]}"
    return Path(directory if directory is not None else Path.cwd()) / name


def unused_path(path: Path) -> Path:
    """`path`, or when a file is there already the first free `name-2.ext`, `name-3.ext`, ...:
    an export from the app never replaces an earlier one without a word."""
    if not path.exists():
        return path
    kinds = [kind + path.suffix for kind in (".review", ".redline") if path.name.endswith(kind + path.suffix)]
    suffix = kinds[0] if kinds else path.suffix  # "a--b-2.review.html": the kind of file stays last
    base = path.name[: len(path.name) - len(suffix)]
    number = 2
    while (candidate := path.with_name(f"{base}-{number}{suffix}")).exists():
        number += 1
    return candidate


def export_report(
    session: ReviewSession, fmt: str = "html", path: str | os.PathLike[str] | None = None,
    *, refresh: bool = True,
) -> Path:
    """Write the report of a session (the app's `e`); returns where. Raises ReportError.
    `refresh=False`: the caller has refreshed the session's marks (the app does, on its UI
    thread, before it writes a large report in a worker thread)."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    if refresh:
        session.refresh()  # include marks another diptych process made on the same review
    alignment = session.alignment
    target = Path(path) if path is not None else unused_path(default_report_path(alignment, fmt))
    text = render(build_report(alignment, session), fmt)
    write_report_file(text, str(target), (alignment.left.path, alignment.right.path, session.store_path))
    return target


def report_text(
    left: Document, right: Document, options: AlignOptions, fmt: str, review: str | None = None
) -> str:
    """The text of `diptych --report FORMAT LEFT RIGHT [--review FILE]`.

    Raises ReportError / ReviewStoreError with one-line messages.
    """
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    alignment = compare_documents(left, right, options)
    store = open_store(review)
    try:
        session = store.session(alignment) if store is not None else None
        # The reviewer's corrections applied: the session's alignment is the one reported.
        return render(build_report(session.alignment if session else alignment, session), fmt)
    finally:
        if store is not None:
            store.close()


__all__ = [
    "FORMATS",
    "ReportError",
    "ReviewStoreError",
    "default_report_path",
    "export_report",
    "render",
    "report_text",
    "write_report_file",
]
