"""AsciiDoc is cut by its structure: what a reader of documents/guide.adoc sees."""

from __future__ import annotations

from tests.markup.helpers import document, units_of


def test_every_construct_of_a_guide_is_one_unit() -> None:
    assert units_of("guide.adoc", document("guide.adoc")) == [
        (1, 1, "heading"),  # the document title
        (2, 3, "preformatted"),  # a run of attribute entries
        (5, 5, "heading"),
        (7, 8, "paragraph"),
        (10, 11, "heading"),  # a two-line title with its underline
        (13, 14, "list_item"),  # an item and the line that continues it
        (15, 15, "list_item"),
        (16, 16, "list_item"),  # a nested item
        (18, 18, "list_item"),
        (19, 19, "list_item"),
        (21, 25, "list_item"),  # two terms, their definition and the "+" continuation
        (26, 26, "paragraph"),  # the continued paragraph
        (28, 31, "preformatted"),  # [source,sh] and its listing block, whole
        (33, 37, "paragraph"),  # block title, [NOTE], "====" and the note's first paragraph
        (39, 40, "paragraph"),  # the note's last paragraph and the closing "===="
        (42, 45, "paragraph"),  # a quote block
        (47, 50, "preformatted"),  # a table
        (52, 53, "preformatted"),  # comment lines
        (55, 57, "preformatted"),  # a comment block
        (59, 60, "preformatted"),  # a literal paragraph
        (62, 64, "preformatted"),  # ifdef::, a block macro, endif::
        (66, 66, "preformatted"),  # a thematic break
        (68, 69, "heading"),  # an anchor and its section title
    ]


def test_a_delimiter_never_closed_is_a_line_of_text() -> None:
    text = "Intro.\n\n----\nthis listing never closes\n\n== Later\n\nText.\n"
    assert units_of("doc.adoc", text) == [
        (1, 1, "paragraph"), (3, 4, "paragraph"), (6, 6, "heading"), (8, 8, "paragraph"),
    ]


def test_git_manual_options_are_one_unit_per_option() -> None:
    text = "-n::\n--dry-run::\n\tDon't actually add the file(s).\n\n-v::\n--verbose::\n        Be verbose.\n"
    assert units_of("git-add.txt.adoc", text) == [(1, 3, "list_item"), (5, 7, "list_item")]
