from __future__ import annotations

from tui.engine.model import UnitKind
from tui.engine.reading import make_document, read_document
from tui.engine.segment import paragraphs, sentences

LONG_A = "The Kremlin has echoed Donald Trump’s criticism of Ukrainian president Volodymyr Zelensky after he refused to cede Crimean territory to Russia."  # noqa: E501
LONG_B = "Speaking to reporters, the US president claimed that Washington has a deal with Russia, accusing Mr Zelensky of being harder to deal with."  # noqa: E501
LONG_C = "Mr Peskov added that Russia will ensure its interests are heard in any peace settlement as it continues to work with the US today."  # noqa: E501


def _texts(text: str) -> list[str]:
    return [p.text for p in paragraphs(make_document("x", text))]


def test_one_paragraph_per_line() -> None:
    assert _texts(f"{LONG_A}\n{LONG_B}\n{LONG_C}\n") == [LONG_A, LONG_B, LONG_C]


def test_stray_blank_line_does_not_glue_lines_together() -> None:
    # The second seed: twelve one-line paragraphs, then one blank line, then more.
    assert _texts(f"{LONG_A}\n{LONG_B}\n\n{LONG_C}\n") == [LONG_A, LONG_B, LONG_C]


def test_second_seed_first_twelve_paragraphs_are_separate(seed_paths) -> None:
    units = paragraphs(read_document(str(seed_paths[1])))
    assert [(u.start_line, u.end_line) for u in units[:12]] == [(n, n) for n in range(1, 13)]
    assert units[12].start_line == 14  # after the stray blank line


def test_hard_wrapped_paragraphs_separated_by_blank_lines() -> None:
    text = (
        "This command updates the index using the current content found in\n"
        "the working tree, to prepare the content staged for the next commit.\n"
        "\n"
        "The index holds a snapshot of the content of the working tree, and it\n"
        "is this snapshot that is taken as the contents of the next commit.\n"
    )
    units = paragraphs(make_document("x", text))
    assert [(u.start_line, u.end_line) for u in units] == [(1, 2), (4, 5)]
    assert units[0].text.startswith("This command") and units[0].text.endswith("next commit.")


def test_headings_and_list_items_are_their_own_units() -> None:
    text = (
        "Why is Crimea so militarily significant?\n"
        "\n"
        "Options\n"
        "-------\n"
        "- first item that is long enough to wrap onto the next line when it is\n"
        "  written hard-wrapped like this\n"
        "- second item\n"
        "1. numbered item\n"
    )
    units = paragraphs(make_document("x", text))
    kinds = [(u.kind, u.start_line, u.end_line) for u in units]
    assert kinds == [
        (UnitKind.PARAGRAPH, 1, 1),  # ends with a question mark: a sentence, not a title
        (UnitKind.HEADING, 3, 4),
        (UnitKind.LIST_ITEM, 5, 6),
        (UnitKind.LIST_ITEM, 7, 7),
        (UnitKind.LIST_ITEM, 8, 8),
    ]


def test_indented_code_block_is_preformatted() -> None:
    text = (
        "    Body text of a PEP is indented by four spaces and wraps at\n"
        "    seventy-two columns like this one does here.\n"
        "\n"
        "        def kos_root():\n"
        "            return _kos_root\n"
    )
    units = paragraphs(make_document("x", text))
    assert [u.kind for u in units] == [UnitKind.PARAGRAPH, UnitKind.PREFORMATTED]


def test_offsets_and_lines_point_into_the_original_text() -> None:
    text = "First line paragraph.\n\n  Second one\nwraps here.\n"
    doc = make_document("x", text)
    for unit in paragraphs(doc):
        assert doc.text[unit.start_offset:unit.end_offset] == unit.text
        assert doc.line_starts[unit.start_line - 1] <= unit.start_offset


def test_sentences_split_but_not_at_abbreviations() -> None:
    text = "Mr. Peskov spoke on Thursday. He said: “No.” The U.S. agreed. At 9 a.m. it began.\n"
    got = [s.text for s in sentences(make_document("x", text))]
    assert got == [
        "Mr. Peskov spoke on Thursday.", "He said: “No.”", "The U.S. agreed.", "At 9 a.m. it began.",
    ]
    assert all(s.paragraph == 0 for s in sentences(make_document("x", text)))


def test_crlf_and_cr_line_ends() -> None:
    for sep in ("\r\n", "\r"):
        doc = make_document("x", f"{LONG_A}{sep}{sep}{LONG_B}{sep}")
        assert [u.text for u in paragraphs(doc)] == [LONG_A, LONG_B]
        assert doc.line_count == 3
