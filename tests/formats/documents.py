"""The same paragraphs as a Word, OpenDocument, HTML or PDF file, to compare with the plain text."""

from __future__ import annotations

import html
import textwrap
from xml.sax.saxutils import escape

from tests.formats.builders import docx, odt, p, pdf
from tui.engine.reading import make_document
from tui.engine.segment import paragraphs

# Short pages, so that even the council report runs over several (its header is then seen as one).
PAGE_TOP, PAGE_BOTTOM, LINE, FONT = 740.0, 420.0, 14.0, 11.0


def units_of(text: str) -> list[str]:
    """The paragraphs diptych finds in a plain text, each on one line."""
    return [" ".join(passage.text.split()) for passage in paragraphs(make_document("text", text))]


def as_docx(units: list[str]) -> bytes:
    return docx("".join(p(escape(unit)) for unit in units))


def as_odt(units: list[str]) -> bytes:
    return odt("".join(f"<text:p>{escape(unit)}</text:p>" for unit in units))


def as_html(units: list[str], title: str = "Story") -> bytes:
    """A news page: the units in an <article>, with what a page has around it."""
    body = "".join(f"<p>{html.escape(unit)}</p>" for unit in units)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html.escape(title) + "</title>"
        "<style>p{margin:0}</style><script>var tracking = 'do not read me';</script></head><body>"
        "<div class='cookie-banner'><p>We use cookies to improve your experience on our site.</p>"
        "<button>Accept</button></div>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<main><article>{body}</article></main>"
        "<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>"
        "</body></html>"
    ).encode("utf-8")


def as_pdf(units: list[str], width: int = 90) -> bytes:
    """The units wrapped into lines on pages, with a running header and page numbers."""
    pages: list[list[tuple[float, float, float, str]]] = []
    lines: list[tuple[float, float, float, str]] = []
    y = PAGE_TOP

    def new_page() -> None:
        nonlocal lines, y
        if lines:
            lines.append((300, 40, 9, str(len(pages) + 1)))
            pages.append(lines)
        lines = [(72, 770, 9, "The Daily Example — Council report")]
        y = PAGE_TOP

    new_page()
    for unit in units:
        # (Lines broken at a compound's own hyphen, "pre-" + "war", are test_pdf.py's subject.)
        wrapped = textwrap.wrap(unit, width, break_on_hyphens=False)
        if len(wrapped) == 1 and y - 2 * LINE < PAGE_BOTTOM:
            new_page()  # a word processor keeps a heading (or a one-line paragraph) with what follows
        for line in wrapped:
            if y < PAGE_BOTTOM:
                new_page()
            lines.append((72, y, FONT, line))
            y -= LINE
        y -= LINE  # a blank line's space between paragraphs
    new_page()
    return pdf(pages)
