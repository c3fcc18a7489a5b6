"""The change log of a history: `diptych --report markdown|html|json V1 … VN` (or DIR).

The facade, as report.py is for two versions: the model is built in changelog_model.py, the
renderers (changelog_markdown.py, changelog_html.py, changelog_json.py) only format it. Nothing
this module imports imports it back.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.engine.model import AlignOptions, Document
from tui.engine.reading import read_document
from tui.engine.versions import VersionList
from tui.review.changelog_html import render_html
from tui.review.changelog_json import render_json
from tui.review.changelog_markdown import render_markdown
from tui.review.changelog_model import ChangeLog, build_changelog
from tui.review.report import FORMATS, ReportError

RENDERERS: dict[str, Callable[[ChangeLog], str]] = {
    "markdown": render_markdown, "html": render_html, "json": render_json
}


def render_changelog(log: ChangeLog, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise ReportError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    return RENDERERS[fmt](log)


def changelog_text(
    versions: VersionList, options: AlignOptions, fmt: str, read: Callable[[str], Document] = read_document
) -> str:
    """The text of `diptych --report FORMAT V1 … VN`. Raises InputError if a version is gone or
    changed since it was first read, ReportError for an unknown format."""
    return render_changelog(build_changelog(versions, options, read), fmt)
