"""The Word redline: a document python-docx opens again, whose revisions are well formed (unique
ids, paired move ranges, deleted text as w:delText), whose comments carry the summary, the changed
numbers and the reviewer's notes, and that diptych's own Word reader reads as the two versions."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import docx
import pytest

from tests.redline.views import CORPUS, W, aligned, document_xml, docx_views, passages
from tui.engine.compare import compare_documents
from tui.engine.model import ReadOptions, UnitKind
from tui.engine.reading import make_document, read_tracked
from tui.redline.build import ReviewerMark, build_redline
from tui.redline.docx import render_docx
from tui.redline.model import Redline

REVISIONS = ("ins", "del", "moveFrom", "moveTo")
RANGES = ("moveFromRangeStart", "moveToRangeStart")


@pytest.fixture(scope="module")
def pep() -> tuple[Redline, bytes]:
    """A corpus pair with moves, headings and preformatted text, with two notes."""
    if not (CORPUS / "small-pep0257-docstrings").is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    alignment = aligned("small-pep0257-docstrings")
    moved = next(i for i, block in enumerate(alignment.blocks) if block.moved)
    removed = next(i for i, block in enumerate(alignment.blocks) if not block.right)
    marks = {moved: ReviewerMark("Moved: <check> the order & numbering."), removed: ReviewerMark("", True)}
    red = build_redline(alignment, marks, generated=1_700_000_000)
    return red, render_docx(red)


def test_python_docx_opens_it_again_with_its_paragraphs_styles_and_comments(pep) -> None:
    red, data = pep
    document = docx.Document(io.BytesIO(data))
    assert len(document.paragraphs) == len(red.paragraphs)
    styles = [p.style.name for p in document.paragraphs]
    assert "Heading 1" in styles and "macro" in styles and "Normal" in styles
    # A heading stays one in the redline, and only a heading is one.
    kinds = [paragraph.kind for paragraph in red.paragraphs]
    assert UnitKind.HEADING in kinds
    for kind, style in zip(kinds, styles, strict=True):
        assert style.startswith("Heading") == (kind is UnitKind.HEADING), (kind, style)
    comments = list(document.comments)
    assert comments[0].author == "diptych" and comments[0].text.startswith("Redline: ")
    assert "Moved passages: 2" in comments[0].text
    assert any(c.author == "Reviewer" and c.text == "Moved: <check> the order & numbering." for c in comments)
    assert any(c.author == "Reviewer" and c.text == "⚑ Flagged. (no note)" for c in comments)
    assert any(c.text.startswith("Number changed: ") for c in comments)
    assert document.core_properties.author == "diptych"


def test_revisions_have_unique_ids_one_author_and_the_redline_date(pep) -> None:
    _, data = pep
    root = document_xml(data)
    revisions = [e for e in root.iter() if e.tag in {W + name for name in REVISIONS + RANGES}]
    assert len(revisions) > 100
    ids = [e.get(W + "id") for e in revisions]
    assert len(set(ids)) == len(ids)
    assert {e.get(W + "author") for e in revisions} == {"diptych"}
    assert {e.get(W + "date") for e in revisions} == {"2023-11-14T22:13:20Z"}
    comment_ids = {e.get(W + "id") for e in root.iter(W + "commentRangeStart")}
    assert comment_ids and not comment_ids & set(ids)
    # Every comment's range closes and has its reference, and the comments part holds them all.
    assert comment_ids == {e.get(W + "id") for e in root.iter(W + "commentRangeEnd")}
    assert comment_ids == {e.get(W + "id") for e in root.iter(W + "commentReference")}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = ElementTree.fromstring(package.read("word/comments.xml"))
    assert comment_ids == {e.get(W + "id") for e in comments.iter(W + "comment")}


def test_deleted_text_is_w_deltext_and_inserted_text_w_t(pep) -> None:
    _, data = pep
    root = document_xml(data)
    for tag, text_tag, other in (("del", "delText", "t"), ("moveFrom", "delText", "t"),
                                 ("ins", "t", "delText"), ("moveTo", "t", "delText")):
        elements = list(root.iter(W + tag))
        assert elements, tag
        for element in elements:
            if element.find(f"{W}r") is None:
                continue  # a paragraph mark's revision (in w:rPr) holds no run
            # Text, or only a line break of a preformatted passage (a w:br holds no text).
            runs = element.findall(f"{W}r")
            breaks_only = all(child.tag in {f"{W}br", f"{W}rPr"} for r in runs for child in r)
            assert element.findall(f".//{W}{text_tag}") or breaks_only, tag
            assert not element.findall(f".//{W}{other}"), tag
    outside = [t for p in root.iter(W + "p") for r in p.findall(W + "r") for t in r.findall(W + "delText")]
    assert outside == []


def test_each_move_is_a_named_pair_of_ranges_around_its_moved_text(pep) -> None:
    red, data = pep
    root = document_xml(data)
    order = list(root.iter())
    names = {}
    for kind in ("moveFrom", "moveTo"):
        starts = list(root.iter(f"{W}{kind}RangeStart"))
        ends = {e.get(W + "id"): order.index(e) for e in root.iter(f"{W}{kind}RangeEnd")}
        names[kind] = {s.get(W + "name") for s in starts}
        for start in starts:
            assert start.get(W + "id") in ends  # closed, after it opened
            assert ends[start.get(W + "id")] > order.index(start)
        for moved in root.iter(W + kind):
            if moved.find(W + "r") is None:
                continue
            position = order.index(moved)
            assert any(order.index(s) < position < ends[s.get(W + "id")] for s in starts)
    assert names["moveFrom"] == names["moveTo"] == {f"move{m.number}" for m in red.moves}
    assert len(red.moves) == 2


def test_diptych_reads_the_redline_as_the_two_versions(pep, tmp_path) -> None:
    """A third reader: diptych --tracked on the redline (its own Word reader, written for Word's
    files) gives the older version as the original and the newer one as the result."""
    red, data = pep
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    original, result = read_tracked(str(path), ReadOptions())
    assert passages(original) == passages(red.left) and passages(result) == passages(red.right)
    assert docx_views(data) == (passages(red.right), passages(red.left))


def test_the_same_redline_is_the_same_file(pep) -> None:
    red, data = pep
    assert render_docx(red) == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_document_text_is_data_in_the_xml() -> None:
    hostile = 'Markup <w:t>in</w:t> &amp; text, a bell \x07, an escape \x1b[31m, a bidi \u202e override.'
    left = make_document("a.txt", "The council met on Monday to approve the budget.\n")
    right = make_document("b.txt", f"The council met on Monday to approve the budget.\n\n{hostile}\n")
    red = build_redline(compare_documents(left, right), generated=0)
    data = render_docx(red)
    accepted, _ = docx_views(data)  # the XML parses
    assert accepted[1] == (
        "Markup <w:t>in</w:t> &amp; text, a bell \u2407, an escape \u241b[31m, a bidi [U+202E] override."
    )
    inserted = docx.Document(io.BytesIO(data)).paragraphs[1]._p  # python-docx's text leaves w:ins out
    assert inserted.xpath("string(.)") == accepted[1]


def test_two_empty_documents_give_a_word_document_with_one_empty_paragraph() -> None:
    empty = make_document("a.txt", "")
    data = render_docx(build_redline(compare_documents(empty, empty), generated=0))
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == [""]
