"""The app's view of a converted document: places in the gutter, the format in the header."""

from __future__ import annotations

from tests.formats.builders import docx, p, pdf, table
from tui.app.layout import Layout
from tui.app.statusbar import document_label
from tui.engine.compare import compare_documents
from tui.engine.model import ReadOptions
from tui.engine.reading import document_from_bytes


def _rows(layout: Layout) -> list[str]:
    return ["".join(text for text, _ in layout.row(y).frags) for y in range(layout.total_rows)]


def test_gutter_shows_paragraphs_and_table_rows_of_word_files() -> None:
    left = document_from_bytes("v1.docx", docx(p("Budget") + p("It is 63 million.") + table(("A", "1"))),
                               ReadOptions())
    right = document_from_bytes("v2.docx", docx(p("Budget") + p("It is 70 million.") + table(("A", "2"))),
                                ReadOptions())
    rows = _rows(Layout(compare_documents(left, right), 120))
    assert rows[0].split()[:2] == ["¶1", "Budget"]
    assert any(row.split()[:4] == ["¶2", "It", "is", "63"] for row in rows)
    assert any(row.split()[:1] == ["T1r1"] for row in rows)
    assert document_label(left) == "v1.docx (Word)"


def test_gutter_shows_page_and_line_of_pdfs() -> None:
    pages = [[(72, 700, 11, "Budget approved on Monday.")], [(72, 700, 11, "The vote was nine to four.")]]
    doc = document_from_bytes("r.pdf", pdf(pages), ReadOptions())
    rows = _rows(Layout(compare_documents(doc, doc), 120))
    assert [row.split()[0] for row in rows if row.strip()] == ["p1:1", "p2:1"]
    assert document_label(doc) == "r.pdf (PDF)"
