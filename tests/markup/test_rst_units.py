"""reStructuredText is cut by its structure: what a reader of documents/sample.rst sees."""

from __future__ import annotations

from tests.markup.helpers import document, units_of


def test_every_construct_of_a_pep_is_one_unit() -> None:
    assert units_of("sample.rst", document("sample.rst")) == [
        (1, 1, "preformatted"),  # the PEP header: one unit per field...
        (2, 2, "preformatted"),
        (3, 4, "preformatted"),  # ...with its indented continuation
        (5, 5, "preformatted"),
        (7, 8, "heading"),  # an underlined title
        (10, 11, "paragraph"),
        (13, 15, "heading"),  # an over- and underlined title
        (17, 18, "list_item"),  # a bullet and its wrapped line
        (19, 19, "list_item"),
        (21, 21, "paragraph"),  # the item's second paragraph
        (23, 23, "list_item"),  # a nested item
        (25, 25, "list_item"),  # auto-enumerated items
        (26, 26, "list_item"),
        (28, 29, "list_item"),  # a field and its body
        (31, 31, "list_item"),  # an option list item
        (33, 35, "list_item"),  # a definition list item: term and definition
        (37, 37, "paragraph"),  # "An example follows::"
        (39, 40, "preformatted"),  # ...and its literal block
        (42, 43, "preformatted"),  # a doctest block
        (45, 46, "paragraph"),  # a block quote
        (48, 51, "paragraph"),  # ".. note::" goes with the note's first paragraph
        (53, 53, "paragraph"),
        (55, 57, "preformatted"),  # a code directive, whole
        (59, 64, "preformatted"),  # a simple table
        (66, 70, "preformatted"),  # a grid table
        (72, 72, "preformatted"),  # a transition
        (74, 74, "preformatted"),  # a target
        (76, 77, "paragraph"),  # a footnote
        (79, 80, "preformatted"),  # a comment
        (82, 83, "paragraph"),  # a line block
    ]


def test_an_unknown_directive_is_one_unit_and_nothing_is_read_or_run() -> None:
    text = ".. include:: /etc/passwd\n\n.. mystery-directive:: arg\n   :option: 1\n\n   body text\n\nAfter.\n"
    assert units_of("doc.rst", text) == [(1, 1, "preformatted"), (3, 6, "preformatted"), (8, 8, "paragraph")]


def test_a_line_of_text_starting_like_an_enumerator_stays_prose() -> None:
    text = "A. Smith wrote the first draft of this\nproposal in the spring.\n"
    assert units_of("doc.rst", text) == [(1, 2, "paragraph")]


def test_a_simple_table_that_never_closes_is_not_a_table() -> None:
    text = "=====  =====\nKey    Value\n\nText after the broken table.\n"
    kinds = [kind for _, _, kind in units_of("doc.rst", text)]
    assert kinds[-1] == "paragraph" and units_of("doc.rst", text)[-1] == (4, 4, "paragraph")
