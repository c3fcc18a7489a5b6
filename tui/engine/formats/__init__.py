"""Documents that are not plain text: Word (.docx), OpenDocument text (.odt), HTML and PDF.

`detect.sniff` (stdlib only, imported at start-up) tells the format from the bytes; the reader of
a format, and its library, is imported only when a document of that format is opened
(`convert`). A converted document is its text — one unit (paragraph, heading, list item, table
row, footnote) per line, units separated by blank lines, so segmentation makes one passage of
each — plus a map from offsets in that text to places a reader can find in the original
(model.Source, tui/engine/positions.py).
"""

from __future__ import annotations

from tui.engine.model import Document, ReadOptions


def convert(path: str, raw: bytes, fmt: str, options: ReadOptions) -> Document:
    """The Document of `raw`, a file of format `fmt` (as detect.sniff named it)."""
    if fmt == "docx":
        from tui.engine.formats.docx import read_docx

        return read_docx(path, raw, options)
    if fmt == "odt":
        from tui.engine.formats.odt import read_odt

        return read_odt(path, raw, options)
    if fmt == "html":
        from tui.engine.formats.html import read_html

        return read_html(path, raw, options)
    if fmt == "pdf":
        from tui.engine.formats.pdf import read_pdf

        return read_pdf(path, raw)
    raise ValueError(f"unknown format {fmt!r}")
