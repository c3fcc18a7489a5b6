"""HTML (main text, whole page, markup) and PDF (paragraphs, headers and footers, hyphens, places)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from tests.formats.builders import pdf
from tests.formats.documents import as_html
from tui.engine.formats.pdf_layout import Line, joined, paragraphs
from tui.engine.model import Place, ReadOptions
from tui.engine.positions import place_at
from tui.engine.reading import InputError, document_from_bytes

STORY = [
    "Council approves budget after long debate",
    "The city council approved the annual budget on Tuesday evening after a debate of nine hours.",
    "The budget of 63 million euros includes new money for schools, roads and the public library.",
    "Opposition members criticised the plan as too cautious and voted against it, nine to four.",
]


def html_units(raw: bytes, mode: str = "article") -> list[str]:
    doc = document_from_bytes("page.html", raw, ReadOptions(html=mode))
    return doc.text.rstrip("\n").split("\n\n")


def test_html_main_text_leaves_out_navigation_banner_footer_and_scripts() -> None:
    assert html_units(as_html(STORY)) == STORY


def test_html_whole_page_and_markup_on_request() -> None:
    page = html_units(as_html(STORY), "page")
    assert page[0] == "We use cookies to improve your experience on our site."
    assert "• News" in page and page[-1].startswith("Copyright 2024")
    assert not any("tracking" in unit for unit in page)  # scripts are never text
    source = document_from_bytes("page.html", as_html(STORY), ReadOptions(html="source"))
    assert source.source is None and source.text.startswith("<!DOCTYPE html>")


def test_html_lists_quotes_tables_and_the_page_charset() -> None:
    page = (
        "<html><head><meta charset='windows-1252'></head><body><h1>Caf\xe9 list</h1>"
        "<ol start='3'><li>Third \x93quoted\x94</li><li>Fourth</li></ol>"
        "<blockquote><p>Said here.</p></blockquote>"
        "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Tea</td><td>2 \x80</td></tr></table></body></html>"
    ).encode("latin-1")
    doc = document_from_bytes("page.htm", page, ReadOptions(html="page"))
    assert doc.text.rstrip("\n").split("\n\n") == [
        "Café list", "3. Third “quoted”", "4. Fourth", "Said here.", "Item | Cost", "Tea | 2 €",
    ]
    assert doc.encoding == "cp1252"


def test_html_is_recognised_by_its_content_whatever_its_name() -> None:
    doc = document_from_bytes("saved-page.txt", as_html(STORY), ReadOptions())
    assert doc.source is not None and doc.source.format == "html"


# -- PDF ---------------------------------------------------------------------------------------------


def _line(page: int, number: int, y: float, text: str, x: float = 72, size: float = 11) -> Line:
    return Line(page, number, text, x, y, size)


def test_pdf_lines_become_paragraphs_without_headers_footers_and_page_numbers() -> None:
    long = "a line of body text that runs across the whole width of the column, as typeset text does"
    pages = [
        [_line(1, 1, 770, "Annual report 2024", size=9), _line(1, 2, 700, "Budget", size=16),
         _line(1, 3, 670, f"The council approved {long}"), _line(1, 4, 656, f"and then {long}"),
         _line(1, 5, 642, "and it ended."), _line(1, 6, 600, f"A second paragraph {long}"),
         _line(1, 7, 40, "1", size=9)],
        [_line(2, 1, 770, "Annual report 2024", size=9), _line(2, 2, 700, f"that goes on here {long}"),
         _line(2, 3, 686, "to its end."), _line(2, 4, 40, "2", size=9)],
    ]
    texts = [[line.text for line in paragraph] for paragraph in paragraphs(pages)]
    assert texts == [
        ["Budget"],
        [f"The council approved {long}", f"and then {long}", "and it ended."],
        [f"A second paragraph {long}", f"that goes on here {long}", "to its end."],
    ]


def test_pdf_hyphenation_at_line_ends_is_undone_unless_the_word_has_a_hyphen() -> None:
    lines = [_line(1, 1, 700, "the infor-"), _line(1, 2, 686, "mation and the pre-"),
             _line(1, 3, 672, "war years, the pre-war economy")]
    pieces = joined(lines, words={"pre-war", "the"})
    assert "".join(joint + text for _, text, joint in pieces) == (
        "the information and the pre-war years, the pre-war economy"
    )


def _story_pdf() -> bytes:
    return pdf([
        [(72, 770, 9, "Daily report"),
         (72, 700, 11, "The council approved the budget after a long debate that"),
         (72, 686, 11, "lasted nine hours on Tuesday."), (300, 40, 9, "1")],
        [(72, 770, 9, "Daily report"), (72, 700, 11, "Opposition members voted against it."),
         (300, 40, 9, "2")],
    ])


def test_pdf_document_places_are_page_and_line() -> None:
    doc = document_from_bytes("report.pdf", _story_pdf(), ReadOptions())
    assert doc.text.rstrip("\n").split("\n\n") == [
        "The council approved the budget after a long debate that lasted nine hours on Tuesday.",
        "Opposition members voted against it.",
    ]
    assert place_at(doc, 0) == Place("page", 1, 2)
    assert place_at(doc, doc.text.index("lasted")) == Place("page", 1, 3)
    assert place_at(doc, doc.text.index("Opposition")) == Place("page", 2, 2)


def test_pdf_without_text_is_refused_as_scanned() -> None:
    with pytest.raises(InputError, match="no text layer — scanned"):
        document_from_bytes("scan.pdf", pdf([[]]), ReadOptions())


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_story_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_encrypted_with_a_password_is_refused_and_without_one_opens() -> None:
    with pytest.raises(InputError, match="encrypted PDF: it needs a password"):
        document_from_bytes("locked.pdf", _encrypted("secret"), ReadOptions())
    doc = document_from_bytes("permissions-only.pdf", _encrypted(""), ReadOptions())
    assert "Opposition members voted against it." in doc.text
