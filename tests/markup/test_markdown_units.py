"""Markdown is cut by its structure: what a reader of documents/notes.md sees as one unit."""

from __future__ import annotations

from tests.markup.helpers import document, units_of


def test_every_construct_of_a_release_note_is_one_unit() -> None:
    assert units_of("notes.md", document("notes.md")) == [
        (1, 2, "preformatted"),  # front matter: one unit per top-level key, "---" lines included
        (3, 4, "preformatted"),
        (6, 6, "heading"),  # "# Announcing Widget 1.52"
        (8, 10, "paragraph"),  # a hard-wrapped paragraph
        (12, 13, "heading"),  # a setext heading with its underline
        (15, 16, "list_item"),  # a bullet with its wrapped continuation
        (17, 17, "list_item"),
        (19, 21, "preformatted"),  # a fenced block inside the item, fences included
        (23, 24, "list_item"),  # a numbered item and its continuation
        (25, 25, "list_item"),
        (26, 26, "list_item"),  # a nested item
        (28, 30, "paragraph"),  # a quoted paragraph, with the ">" line after it
        (31, 31, "paragraph"),
        (33, 34, "preformatted"),  # indented code
        (36, 39, "preformatted"),  # a table, whole
        (41, 42, "preformatted"),  # an HTML comment
        (44, 44, "preformatted"),  # a thematic break
        (46, 46, "paragraph"),
        (48, 48, "preformatted"),  # link definitions, one each
        (49, 49, "preformatted"),
        (51, 52, "paragraph"),  # a footnote definition and its wrapped line
    ]


def test_a_fence_left_open_does_not_swallow_the_rest_of_the_document() -> None:
    text = "Intro text.\n\n```python\nprint(1)\n\n## Later heading\n\nA later paragraph.\n"
    assert units_of("open.md", text) == [
        (1, 1, "paragraph"), (3, 4, "paragraph"), (6, 6, "heading"), (8, 8, "paragraph"),
    ]
    closed = text.replace("print(1)\n", "print(1)\n```\n")
    assert units_of("closed.md", closed)[1] == (3, 5, "preformatted")


def test_an_html_comment_left_open_does_not_swallow_the_rest() -> None:
    text = "Intro.\n\n<!-- draft note\n\n# Heading\n\nText.\n"
    assert units_of("open.md", text) == [
        (1, 1, "paragraph"), (3, 3, "paragraph"), (5, 5, "heading"), (7, 7, "paragraph"),
    ]


def test_kramdown_rfc_front_matter_ends_at_its_section_marker() -> None:
    text = "---\ntitle: QUIC\nauthor:\n -\n    ins: J. Doe\n--- abstract\n\nThis document describes QUIC.\n"
    assert units_of("draft.md", text) == [
        (1, 2, "preformatted"), (3, 5, "preformatted"), (6, 6, "heading"), (8, 8, "paragraph"),
    ]


def test_sentence_mode_splits_prose_but_never_code_or_tables() -> None:
    text = (
        "First sentence here. Second sentence here.\n\n"
        "- Item one says this. Item one says that.\n\n"
        "```\nx = 1. y = 2. Not prose.\n```\n\n"
        "| A. Cell. | B. Cell. |\n|---|---|\n| C. Cell. | D. Cell. |\n"
    )
    units = units_of("doc.md", text, unit="sentence")
    assert [u for u in units if u[2] == "sentence"] == [(1, 1, "sentence")] * 2 + [(3, 3, "sentence")] * 2
    assert (5, 7, "preformatted") in units and (9, 11, "preformatted") in units
