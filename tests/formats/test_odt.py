"""OpenDocument text: list numbers as LibreOffice shows them, notes, tables, tracked changes."""

from __future__ import annotations

from tests.formats.builders import odt
from tui.engine.model import Document, ReadOptions
from tui.engine.reading import document_from_bytes

LIST_STYLE = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
    '<text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")" '
    'text:display-levels="2"/></text:list-style>'
    '<text:list-style style:name="B1"><text:list-level-style-bullet text:level="1" text:bullet-char="–"/>'
    "</text:list-style>"
)


def units(raw: bytes, changes: str = "accept") -> list[str]:
    doc: Document = document_from_bytes("test.odt", raw, ReadOptions(changes=changes))
    return doc.text.rstrip("\n").split("\n\n")


def item(text: str, nested: str = "") -> str:
    return f"<text:list-item><text:p>{text}</text:p>{nested}</text:list-item>"


def test_list_numbers_levels_bullets_and_continued_numbering() -> None:
    body = (
        '<text:list text:style-name="L1">' + item("Schools", '<text:list>' + item("repairs") + item("heating")
                                                   + "</text:list>") + item("Roads") + "</text:list>"
        "<text:p>An ordinary paragraph.</text:p>"
        '<text:list text:style-name="L1" text:continue-numbering="true">' + item("Libraries") + "</text:list>"
        '<text:list text:style-name="L1">' + item("A new list") + "</text:list>"
        '<text:list text:style-name="B1">' + item("A dash bullet") + "</text:list>"
    )
    assert units(odt(body, automatic_styles=LIST_STYLE)) == [
        "1. Schools", "1.a) repairs", "1.b) heating", "2. Roads", "An ordinary paragraph.", "3. Libraries",
        "1. A new list", "– A dash bullet",
    ]


def test_notes_follow_their_paragraph_and_tables_are_rows() -> None:
    note = ('<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            "<text:note-body><text:p>From the finance office.</text:p></text:note-body></text:note>")
    row = "<table:table-row>{}</table:table-row>"
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    body = (
        f"<text:h text:outline-level=\"1\">Budget</text:h><text:p>It is 63 million.{note}</text:p>"
        "<table:table><table:table-header-rows>" + row.format(cell.format("Item") + cell.format("Amount"))
        + "</table:table-header-rows>" + row.format(cell.format("Schools") + cell.format("4"))
        + "</table:table>"
    )
    doc = document_from_bytes("t.odt", odt(body), ReadOptions())
    assert doc.text.rstrip("\n").split("\n\n") == [
        "Budget", "It is 63 million.", "From the finance office.", "Item | Amount", "Schools | 4"
    ]
    assert doc.source is not None
    assert [(place.kind, place.number, place.sub) for place in doc.source.places] == [
        ("paragraph", 1, None), ("paragraph", 2, None), ("footnote", 1, None),
        ("table", 1, 1), ("table", 1, 2),
    ]


CHANGES = (
    "<text:tracked-changes>"
    '<text:changed-region text:id="c1"><text:insertion><office:change-info/></text:insertion>'
    "</text:changed-region>"
    '<text:changed-region text:id="c2"><text:deletion><office:change-info/><text:p>nine</text:p>'
    "</text:deletion></text:changed-region>"
    '<text:changed-region text:id="c3"><text:deletion><office:change-info/><text:p>first half,</text:p>'
    "<text:p>second</text:p></text:deletion></text:changed-region>"
    '<text:changed-region text:id="c4"><text:insertion><office:change-info/></text:insertion>'
    "</text:changed-region>"
    "</text:tracked-changes>"
)


def test_tracked_changes_accepted_and_rejected() -> None:
    body = CHANGES + (
        '<text:p>Members voted <text:change-start text:change-id="c1"/>eight'
        '<text:change-end text:change-id="c1"/>'
        '<text:change text:change-id="c2"/> to four.</text:p>'
        # A deleted paragraph break: the original had two paragraphs here.
        '<text:p>The <text:change text:change-id="c3"/> half ends here.</text:p>'
        # An inserted paragraph break: the original had one paragraph.
        '<text:p>One sentence.<text:change-start text:change-id="c4"/></text:p>'
        '<text:p><text:change-end text:change-id="c4"/>Another sentence.</text:p>'
    )
    assert units(odt(body), "accept") == [
        "Members voted eight to four.", "The half ends here.", "One sentence.", "Another sentence."
    ]
    assert units(odt(body), "reject") == [
        "Members voted nine to four.", "The first half,", "second half ends here.",
        "One sentence.Another sentence.",
    ]


def test_a_deleted_region_that_starts_with_an_empty_paragraph_keeps_its_breaks() -> None:
    # How LibreOffice saves deleted whole paragraphs after a deletion it keeps apart (a comment
    # between them): the region holds an empty paragraph, the text, and another empty one, that
    # is two deleted paragraph breaks.
    changes = (
        "<text:tracked-changes>"
        '<text:changed-region text:id="c1"><text:deletion><office:change-info/>'
        "<text:p>Title</text:p></text:deletion></text:changed-region>"
        '<text:changed-region text:id="c2"><text:deletion><office:change-info/>'
        "<text:p/><text:p>Removed paragraph.</text:p><text:p/></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    body = changes + (
        '<text:p><text:change text:change-id="c1"/><text:change text:change-id="c2"/>Kept.</text:p>'
    )
    assert units(odt(body), "reject") == ["Title", "Removed paragraph.", "Kept."]
    assert units(odt(body), "accept") == ["Kept."]
