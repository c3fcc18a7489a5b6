"""Paragraphs of hard-wrapped text whatever the wrap width: a longer line inside a paragraph (a URL,
inline markup), a line left short by an edit, a numbered clause whose lines are not indented
past its number, a hanging indent — none of them cuts a paragraph into one-line units; and text
written one paragraph per line keeps one unit per line."""

from __future__ import annotations

import textwrap

import pytest

from tui.engine.model import UnitKind
from tui.engine.reading import make_document
from tui.engine.segment import paragraphs

URL = "https://www.example.org/policies/privacy/archive/2017-10-11/section-4-how-we-share-information-with-third-parties"
PARAGRAPHS = [
    "We do not sell your personal information. We share it only as described in this section, and "
    f"the full list of processors we use is published at {URL} and kept up to date.",
    "If you have questions about this policy, or about how we handle your information, please "
    "contact our privacy team by email; we will answer within thirty days of your request.",
    "We may change this policy from time to time. When we make material changes, we will notify "
    "you by email or by a notice on the site at least thirty days before the change takes effect.",
]


def _units(text: str) -> list[tuple[int, int]]:
    return [(u.start_line, u.end_line) for u in paragraphs(make_document("x", text))]


def _words(text: str) -> list[str]:
    return [" ".join(u.text.split()) for u in paragraphs(make_document("x", text))]


@pytest.mark.parametrize("width", [60, 72, 79, 100])
def test_a_url_longer_than_the_wrap_stays_inside_its_paragraph(width: int) -> None:
    wrapped = [textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in PARAGRAPHS]
    text = "\n\n".join(wrapped) + "\n"
    assert any(len(line) > 110 for line in text.splitlines())  # the URL line
    assert _words(text) == PARAGRAPHS


def test_a_line_left_short_by_an_edit_does_not_end_its_paragraph() -> None:
    # PEP 622, as revised: "The authors have provided" was left short when the text around it
    # was rewritten, and so was "It also follows the existing".
    text = (
        "Patterns are a new syntactical category with their own rules\n"
        "and special cases. Patterns mix input (given values) and output\n"
        "(captured variables) in novel ways. They may take a little time to\n"
        "use effectively. The authors have provided\n"
        "a brief introduction to the basic concepts here. Note that this section\n"
        "is not intended to be complete or entirely accurate.\n"
        "\n"
        "The syntactic similarity between object construction and destructuring is\n"
        "intentional. It also follows the existing\n"
        "Pythonic style of contexts which makes assignment targets (write contexts) look\n"
        "like expressions (read contexts).\n"
    )
    assert _units(text) == [(1, 6), (8, 11)]


def test_a_short_line_that_ends_a_sentence_or_is_a_title_still_ends_a_unit() -> None:
    text = (
        "How to Apply These Terms to Your New Programs\n"
        "If you develop a new program, and you want it to be of the greatest possible\n"
        "use to the public, the best way to achieve this is to make it free software\n"
        "which everyone can redistribute and change under these terms.\n"
        "To do so, attach the following notices to the program. It is safest to\n"
        "attach them to the start of each source file.\n"
    )
    assert _units(text) == [(1, 1), (2, 4), (5, 6)]


def test_numbered_clause_with_flush_lines_is_one_unit() -> None:
    # GPL-2 and LGPL-2: the clause number is indented, the lines after it are not.
    text = (
        "  5. You are not required to accept this License, since you have not\n"
        "signed it.  However, nothing else grants you permission to modify or\n"
        "distribute the Program or its derivative works.  These actions are\n"
        "prohibited by law if you do not accept this License.\n"
        "\n"
        "  6. Each time you redistribute the Program (or any work based on the\n"
        "Program), the recipient automatically receives a license from the\n"
        "original licensor to copy, distribute or modify the Program.\n"
    )
    units = paragraphs(make_document("x", text))
    assert [(u.start_line, u.end_line, u.kind) for u in units] == [
        (1, 4, UnitKind.LIST_ITEM),
        (6, 8, UnitKind.LIST_ITEM),
    ]


def test_a_number_in_parentheses_wrapped_to_the_start_of_a_line_is_not_a_list_item() -> None:
    # MPL 1.1, section 3.2.
    text = (
        "     Distribution Mechanism, must remain available for at least twelve (12)\n"
        "     months after the date it initially became available, or at least six\n"
        "     (6) months after a subsequent version of that particular Modification\n"
        "     has been made available to such recipients. You are responsible for\n"
        "     ensuring that the Source Code version remains available.\n"
    )
    assert _units(text) == [(1, 5)]


def test_items_of_a_list_stay_apart() -> None:
    text = (
        "     (a) under intellectual property rights (other than patent or\n"
        "     trademark) Licensable by Initial Developer to use, reproduce,\n"
        "     modify and distribute the Original Code; and\n"
        "     (b) under Patents Claims infringed by the making, using or\n"
        "     selling of Original Code, to make, have made, use, and sell.\n"
    )
    assert _units(text) == [(1, 3), (4, 5)]


def test_a_shallow_hanging_indent_continues_the_paragraph() -> None:
    text = (
        "[This is the first released version of the library GPL.  It is\n"
        " numbered 2 because it goes with version 2 of the ordinary GPL.]\n"
    )
    assert _units(text) == [(1, 2)]


def test_one_paragraph_per_line_with_short_lines_keeps_one_unit_per_line() -> None:
    # A live blog: headlines, short paragraphs and long ones, one per line, no blank lines.
    lines = [
        "Zelensky: Oval Office spat did not help Ukraine",
        "Volodymyr Zelensky has described the Oval Office spat with Donald Trump as a missed "
        "opportunity, saying that the talks should have been held behind closed doors.",
        "It came during an interview with an American commentator on Tuesday",
        "Mr Zelensky was also asked about the money donated to Ukraine by the United States and "
        "its allies since the full-scale invasion began three years ago in February.",
        "Kremlin echoes Trump's comments on Crimea and Zelensky",
        "The Kremlin has echoed Donald Trump’s comments after he criticised the Ukrainian "
        "president for refusing to recognise Russia’s annexation of the peninsula in 2014.",
    ]
    assert _units("\n".join(lines) + "\n") == [(n, n) for n in range(1, 7)]


def test_link_definitions_as_long_as_wrapped_lines_stay_one_per_line() -> None:
    # A Markdown post's link references (Rust 1.52.0): near one width, a few past LONG_LINE, but
    # one token each after the label — not prose, so neither wrapped nor joined.
    base = "https://doc.rust-lang.org/stable/std/"
    targets = [
        "iter/struct.Peekable.html#method.next_if",
        "fmt/struct.Arguments.html#method.as_str",
        "primitive.str.html#method.split_once",
        "primitive.str.html#method.rsplit_once",
        "primitive.slice.html#method.partition_point",
        "primitive.char.html#method.to_ascii_uppercase",
        "primitive.char.html#method.eq_ignore_ascii_case",
        "primitive.u8.html#method.to_ascii_lowercase",
    ]
    lines = [f"[`{t.split('.')[1].split('#')[0]}::{t.rsplit('.', 1)[1]}`]: {base}{t}" for t in targets]
    prose = "\n".join(textwrap.wrap(" ".join(PARAGRAPHS), 100))  # the document is hard-wrapped
    overlong = sum(len(line) > 110 for line in lines)
    assert 0 < overlong < len(lines) / 2
    units = _units(prose + "\n\n" + "\n".join(lines) + "\n")
    first = prose.count("\n") + 3
    assert units[-len(lines) :] == [(n, n) for n in range(first, first + len(lines))]


def test_lines_lengthened_by_an_edit_do_not_set_the_wrap() -> None:
    # The packaging tutorial, 2020: the first line of an item was edited longer than the others,
    # and a whole sentence was added on one long line; the list still wraps at 78.
    text = (
        "- ``name`` is the *distribution name* of your package. This can be any name as long as only\n"
        "  contains letters, numbers, ``_`` , and ``-``. It also must not already be\n"
        "  taken on pypi.org. **Be sure to update this with your username,** as this ensures you"
        " won't try to upload a package with the same name as one which already exists.\n"
        "- ``version`` is the package version see :pep:`440` for more details on\n"
        "  versions.\n"
        "- ``long_description`` is a detailed description of the package. This is\n"
        "  shown on the package detail page on the Python Package Index. In\n"
        "  this case, the long description is loaded from :file:`README.md` which is\n"
        "  a common pattern.\n"
        "- ``url`` is the URL for the homepage of the project. For many projects, this\n"
        "  will just be a link to GitHub, GitLab, Bitbucket, or similar code hosting\n"
        "  service.\n"
    )
    assert _units(text) == [(1, 3), (4, 5), (6, 9), (10, 12)]
