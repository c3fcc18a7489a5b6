"""Word documents: units, list numbers as shown, tables, notes, tracked changes, places."""

from __future__ import annotations

from pathlib import Path

import docx as python_docx

from tests.formats.builders import dele, docx, ins, numbered, p, r, table
from tui.engine.model import Document, Place, ReadOptions
from tui.engine.positions import place_at
from tui.engine.reading import document_from_bytes, read_document

ACCEPT, REJECT = ReadOptions(changes="accept"), ReadOptions(changes="reject")


def read(raw: bytes, options: ReadOptions = ACCEPT) -> Document:
    return document_from_bytes("test.docx", raw, options)


def units(doc: Document) -> list[str]:
    return doc.text.rstrip("\n").split("\n\n") if doc.text else []


def unit_places(doc: Document) -> list[Place | None]:
    """Where each unit starts in the original."""
    starts = [0]
    for unit in units(doc)[:-1]:
        starts.append(starts[-1] + len(unit) + 2)
    return [place_at(doc, start) for start in starts]


def _level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + _level(0, "decimal", "%1.") + _level(1, "lowerLetter", "%1.%2)") + _level(2, "lowerRoman", "(%3)")
    + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1">' + _level(0, "bullet", "\uf0b7") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    # The same list definition, restarted at 1 where this instance is first used.
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


def test_list_numbers_are_those_word_shows() -> None:
    body = (
        p("Schools", props=numbered(1)) + p("repairs", props=numbered(1, 1))
        + p("roof", props=numbered(1, 2)) + p("walls", props=numbered(1, 2))
        + p("heating", props=numbered(1, 1)) + p("Roads", props=numbered(1))
        + p("resurfacing", props=numbered(1, 1)) + p("A bullet", props=numbered(2))
        + p("Libraries", props=numbered(1)) + p("Again from one", props=numbered(3))
        + p("and on", props=numbered(3))
    )
    assert units(read(docx(body, numbering=NUMBERING))) == [
        "1. Schools", "1.a) repairs", "(i) roof", "(ii) walls", "1.b) heating", "2. Roads",
        "2.a) resurfacing", "• A bullet", "3. Libraries", "1. Again from one", "2. and on",
    ]


def test_numbering_through_paragraph_styles_from_python_docx(tmp_path: Path) -> None:
    """A document written by python-docx from Word's own template: headings, List Number, a table."""
    document = python_docx.Document()
    document.add_heading("Council budget", 1)
    document.add_paragraph("The council approved the budget.")
    document.add_paragraph("Schools get money.", style="List Number")
    document.add_paragraph("Roads get money.", style="List Number")
    document.add_paragraph("Bullet point.", style="List Bullet")
    grid = document.add_table(rows=2, cols=2)
    cells = {(0, 0): "Item", (0, 1): "Amount", (1, 0): "Schools", (1, 1): "4 million"}
    for (row, col), text in cells.items():
        grid.cell(row, col).text = text
    document.add_paragraph("The end.")
    path = tmp_path / "budget.docx"
    document.save(str(path))
    doc = read_document(str(path))
    assert units(doc) == [
        "Council budget", "The council approved the budget.", "1. Schools get money.", "2. Roads get money.",
        "• Bullet point.", "Item | Amount", "Schools | 4 million", "The end.",
    ]
    assert doc.source is not None and doc.source.format == "docx"
    assert unit_places(doc) == (
        [Place("paragraph", n) for n in range(1, 6)] + [Place("table", 1, 1), Place("table", 1, 2)]
        + [Place("paragraph", 6)]
    )


def test_tables_rows_are_units_and_a_one_column_table_is_a_box_of_paragraphs() -> None:
    boxed = "<w:tbl><w:tr><w:tc>" + p("First boxed paragraph.") + p("Second one.") + "</w:tc></w:tr></w:tbl>"
    doc = read(docx(table(("Item", "Amount"), ("Schools", "4 million")) + boxed))
    assert units(doc) == ["Item | Amount", "Schools | 4 million", "First boxed paragraph.", "Second one."]
    assert unit_places(doc) == [
        Place("table", 1, 1), Place("table", 1, 2), Place("table", 2, 1), Place("table", 2, 1)
    ]


def test_footnotes_follow_the_paragraph_that_references_them() -> None:
    reference = '<w:r><w:footnoteReference w:id="2"/></w:r>'
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1">' + p("----") + "</w:footnote>"
        '<w:footnote w:id="2">' + p("Figures from the finance office.") + "</w:footnote>"
    )
    body = p("The budget is 63 million.", reference) + p("Next paragraph.")
    doc = read(docx(body, footnotes=footnotes))
    assert units(doc) == ["The budget is 63 million.", "Figures from the finance office.", "Next paragraph."]
    assert unit_places(doc) == [Place("paragraph", 1), Place("footnote", 1), Place("paragraph", 2)]


def test_hidden_text_field_codes_and_a_text_box_fallback_are_not_read() -> None:
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r>'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("7")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    box = (
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + p("Text in a box.") + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>" + p("Text in a box.")
        + "</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    doc = read(docx(p("Visible ", hidden, "text on page ", field) + p("Anchor.", f"<w:r>{box}</w:r>")))
    assert units(doc) == ["Visible text on page 7", "Anchor.", "Text in a box."]


def test_tracked_changes_accepted_and_rejected() -> None:
    body = p("Nine ", dele("members"), ins("councillors"), " voted.") + p("The vote was close.")
    assert units(read(docx(body), ACCEPT)) == ["Nine councillors voted.", "The vote was close."]
    assert units(read(docx(body), REJECT)) == ["Nine members voted.", "The vote was close."]


def test_tracked_paragraph_marks_join_and_split_paragraphs() -> None:
    deleted_mark = '<w:rPr><w:del w:id="3" w:author="A"/></w:rPr>'
    inserted_mark = '<w:rPr><w:ins w:id="4" w:author="A"/></w:rPr>'
    body = (
        p("First half,", props=deleted_mark) + p(" second half.")  # joined by the change
        + p("One sentence.", props=inserted_mark) + p("Another sentence.")  # split by the change
        + p(ins("A whole new paragraph."), props=inserted_mark) + p("Last.")
    )
    assert units(read(docx(body), ACCEPT)) == [
        "First half, second half.", "One sentence.", "Another sentence.", "A whole new paragraph.", "Last."
    ]
    assert units(read(docx(body), REJECT)) == [
        "First half,", "second half.", "One sentence.Another sentence.", "Last."
    ]


def test_inserted_and_deleted_table_rows() -> None:
    rows = (
        "<w:tbl><w:tr>" + f"<w:tc>{p('Item')}</w:tc><w:tc>{p('Amount')}</w:tc></w:tr>"
        '<w:tr><w:trPr><w:ins w:id="5" w:author="A"/></w:trPr>'
        + f"<w:tc>{p(ins('Parks'))}</w:tc><w:tc>{p(ins('1 million'))}</w:tc></w:tr>"
        '<w:tr><w:trPr><w:del w:id="6" w:author="A"/></w:trPr>'
        + f"<w:tc>{p(dele('Roads'))}</w:tc><w:tc>{p(dele('6 million'))}</w:tc></w:tr></w:tbl>"
    )
    assert units(read(docx(rows), ACCEPT)) == ["Item | Amount", "Parks | 1 million"]
    assert units(read(docx(rows), REJECT)) == ["Item | Amount", "Roads | 6 million"]


def test_numbering_of_a_deleted_list_item_is_not_counted() -> None:
    deleted_mark = '<w:rPr><w:del w:id="3" w:author="A"/></w:rPr>'
    body = (
        p("Schools", props=numbered(1)) + p(dele("Roads"), props=numbered(1) + deleted_mark)
        + p("Libraries", props=numbered(1))
    )
    assert units(read(docx(body, numbering=NUMBERING), ACCEPT)) == ["1. Schools", "2. Libraries"]
    assert units(read(docx(body, numbering=NUMBERING), REJECT)) == ["1. Schools", "2. Roads", "3. Libraries"]
