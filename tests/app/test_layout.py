"""The pure layout: rows built from an alignment, without Textual."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.display_text import display_text, wrap_preformatted, wrap_prose
from tui.app.layout import (
    FILLER,
    MARK_CHANGED,
    MARK_EQUAL,
    MARK_LEFT,
    MARK_MOVED,
    MARK_RIGHT,
    NO_MARKS,
    SIDE_BY_SIDE_MIN_WIDTH,
    ItemKind,
    Layout,
    RowMarks,
)
from tui.engine.compare import compare_documents, compare_files
from tui.engine.model import AlignOptions
from tui.engine.reading import make_document
from tui.engine.safe_text import for_terminal


def _layout(left: str, right: str, width: int = 120, **kw) -> Layout:
    alignment = compare_documents(make_document("a.txt", left), make_document("b.txt", right))
    return Layout(alignment, width, **kw)


def _text(layout: Layout, y: int) -> str:
    return "".join(t for t, _ in layout.row(y).frags)


def _all_rows(layout: Layout) -> list[str]:
    return [_text(layout, y) for y in range(layout.total_rows)]


PARA_A = "The committee approved the budget of 63 million after a long debate on Tuesday."
PARA_B = "Residents of the northern district said the new bus line would help them reach work."
PARA_C = "A spokesperson declined to comment on the timing of the next review of the plan."


def test_every_row_is_exactly_the_layout_width_even_with_wide_characters_and_tabs() -> None:
    left = "日本語のテキスト 😀 emoji and\ttabs " * 8 + "\n\n" + PARA_A
    right = "日本語のテキスト 😀 emoji and\ttabs changed " * 8 + "\n\n" + PARA_A
    for width in (120, 100, 80, 41):
        layout = _layout(left, right, width)
        for y in range(layout.total_rows):
            assert cell_len(_text(layout, y)) == width, (width, y)


def test_paired_passages_start_on_the_same_row_and_the_shorter_side_is_padded() -> None:
    long_right = PARA_A + " It was the third vote this year, and it passed by a narrow margin of two votes."
    layout = _layout(f"{PARA_B}\n\n{PARA_A}\n", f"{PARA_B}\n\n{long_right}\n", width=100)
    band = next(b for b in layout.bands if layout.blocks[b.item.block].kind.value == "changed")
    assert len(band.right) > len(band.left)
    first = _text(layout, band.top)
    assert "The committee approved" in first.split(MARK_CHANGED)[0]
    assert "The committee approved" in first.split(MARK_CHANGED)[1]
    # The last content row: the left side is blank padding, the right still has text.
    last = layout.row(band.top + band.content_rows - 1).frags
    left_text = "".join(t for t, _ in last).split(f" {MARK_CHANGED} ")[0]
    assert left_text.strip() == ""
    assert any(role == "pad" for _, role in last)


def test_one_sided_passages_face_filler_with_their_marker() -> None:
    layout = _layout(f"{PARA_A}\n\n{PARA_C}\n", f"{PARA_A}\n\n{PARA_B}\n\n{PARA_C}\n")
    rows = _all_rows(layout)
    right_only = [r for r in rows if f" {MARK_RIGHT} " in r]
    assert right_only, rows
    assert all(FILLER in r.split(f" {MARK_RIGHT} ")[0] for r in right_only)
    assert "Residents of the northern" in right_only[0]


def test_left_only_marker_and_equal_marker() -> None:
    layout = _layout(f"{PARA_A}\n\n{PARA_B}\n", f"{PARA_A}\n")
    rows = _all_rows(layout)
    assert any(f" {MARK_EQUAL} " in r and "The committee" in r for r in rows)
    assert any(f" {MARK_LEFT} " in r and "Residents" in r for r in rows)


def test_every_word_of_both_documents_is_shown() -> None:
    left_path, right_path = sorted(__import__("glob").glob("seeds/*.txt"))
    alignment = compare_files(left_path, right_path)
    for width in (120, 80):
        layout = Layout(alignment, width)
        shown = " ".join(_all_rows(layout))
        shown_words = re.findall(r"\w+", shown)
        for doc in (alignment.left, alignment.right):
            doc_words = re.findall(r"\w+", doc.text)
            # Every word occurs at least as often on screen as in the document.
            counts: dict[str, int] = {}
            for w in shown_words:
                counts[w] = counts.get(w, 0) + 1
            for w in set(doc_words):
                assert counts.get(w, 0) >= doc_words.count(w), (width, w)


def test_prose_wraps_at_word_boundaries_and_joins_hard_wrapped_lines() -> None:
    text = "This paragraph is hard\nwrapped in the source\n    with indented continuation lines."
    display = display_text(text, preformatted=False)
    assert display.text == "This paragraph is hard wrapped in the source with indented continuation lines."
    lines = wrap_prose(display.text, 20)
    pieces = [display.text[s:e] for s, e in lines]
    assert all(len(p) <= 20 for p in pieces)
    assert " ".join(pieces) == display.text  # broken only at spaces, nothing lost
    # Offsets map back: "wrapped" starts at source offset 23.
    assert display.text[display.to_display(23):].startswith("wrapped")
    assert display.text[display.to_display(text.index("with")):].startswith("with")


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    word = "x" * 50
    lines = wrap_prose(f"a {word} b", 20)
    assert all(e - s <= 20 for s, e in lines)
    assert "".join(f"a {word} b"[s:e] for s, e in lines).replace(" ", "") == f"a{word}b"


def test_preformatted_keeps_its_lines_and_indentation() -> None:
    text = "    def f(x):\n        return x\n\n    print(f(1))"
    display = display_text(text, preformatted=True)
    lines = [display.text[s:e] for s, e in wrap_preformatted(display.text, 80)]
    assert lines == ["    def f(x):", "        return x", "", "    print(f(1))"]
    cut = [display.text[s:e] for s, e in wrap_preformatted(display.text, 8)]
    assert cut[:2] == ["    def", "f(x):"]


@pytest.mark.parametrize("width", range(20, 70))
def test_a_long_indented_line_wraps_between_words_keeping_its_indentation(width: int) -> None:
    """A block quote in small-pep0257 showed "maintainab" / "ility" at some widths."""
    text = ('    "A universal convention supplies all of maintainability, clarity,\n'
            "    consistency, and a foundation for good programming habits too.")
    display = display_text(text, preformatted=True)
    rows = [display.text[s:e] for s, e in wrap_preformatted(display.text, width)]
    assert rows[0].startswith('    "A ')
    assert all(len(row) <= width for row in rows)
    words = " ".join(text.split()).split()
    assert " ".join(" ".join(rows).split()).split() == words  # no word cut in two


def test_tabs_are_expanded_to_tab_stops() -> None:
    display = display_text("a\tb\tc", preformatted=True)
    assert display.text == "a       b       c"
    assert display.text[display.to_display(2)] == "b"


@pytest.mark.parametrize("hostile", ["\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "a\u202eb", "\x00\x08\x7f"])
def test_control_characters_are_replaced_by_visible_symbols(hostile: str) -> None:
    safe = for_terminal(hostile)
    assert len(safe) == len(hostile)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in safe)
    assert "\u202e" not in safe
    layout = _layout(f"Before {hostile} after.\n", "Something else entirely here.\n")
    for row in _all_rows(layout):
        assert "\x1b" not in row and "\x07" not in row and "\x9b" not in row
    assert any("␛" in r or "␦" in r or "↔" in r or "␀" in r for r in _all_rows(layout))


def test_markup_lookalikes_stay_literal_text() -> None:
    layout = _layout("He said [bold]nothing[/] [sic] [link=x]here.\n", "Other text.\n")
    assert any("[bold]nothing[/] [sic] [link=x]here." in r for r in _all_rows(layout))


def _moved_docs() -> tuple[str, str]:
    left = f"{PARA_A}\n\n{PARA_B}\n\n{PARA_C}\n\nClosing words of the story, unchanged here.\n"
    right = f"{PARA_B}\n\n{PARA_C}\n\n{PARA_A}\n\nClosing words of the story, unchanged here.\n"
    return left, right


def test_moved_passage_is_shown_at_its_left_position_with_a_stub_where_it_falls_on_the_right() -> None:
    layout = _layout(*_moved_docs())
    moved = [i for i, b in enumerate(layout.blocks) if b.moved]
    assert len(moved) == 1
    block = moved[0]
    top, _ = layout.block_rows(block)
    assert MARK_MOVED in _text(layout, top)
    stub_top, _ = layout.stub_rows(block)
    stub = _text(layout, stub_top)
    line = layout.blocks[block].left[0].start_line
    assert f"moved: shown at left line {line}" in stub
    # The stub sits after the right passages that precede the moved one (B and C).
    c_block = next(i for i, b in enumerate(layout.blocks) if b.right and b.right[0].text == PARA_C)
    assert stub_top > layout.block_rows(c_block)[0]
    closing = next(i for i, b in enumerate(layout.blocks) if b.right and "Closing" in b.right[0].text)
    assert stub_top < layout.block_rows(closing)[0]


def test_folding_turns_each_run_of_equal_passages_into_one_row() -> None:
    paras = [f"Paragraph number {w} says something quite ordinary and long enough." for w in "abcdefg"]
    left = "\n\n".join(paras) + "\n"
    right = "\n\n".join([*paras[:3], paras[3] + " Added a sentence here.", *paras[4:]]) + "\n"
    layout = _layout(left, right, fold_equal=True)
    folds = [b for b in layout.bands if b.item.kind is ItemKind.FOLD]
    assert [f.item.count for f in folds] == [3, 3]
    rows = _all_rows(layout)
    assert sum("3 equal passages" in r for r in rows) == 2
    assert any("Added a sentence" in r for r in rows)
    unfolded = _layout(left, right)
    assert unfolded.total_rows > layout.total_rows


def test_a_lone_one_line_equal_passage_is_shown_not_folded() -> None:
    """A fold row for one short line takes as much room as the line and hides it."""
    title = "Council approves new budget"
    body = "The council met on Monday and approved the budget after a long debate."
    left = f"{title}\n\n{body}\n\nA closing line that both versions share as well, long enough to wrap " + \
        "across more than one row of a pane at this width, so it folds.\n"
    right = left.replace("Monday", "Tuesday")
    layout = _layout(left, right, fold_equal=True)
    rows = _all_rows(layout)
    assert any(title in r for r in rows) and not any("1 equal passage (left line 1," in r for r in rows)
    assert sum("1 equal passage" in r for r in rows) == 1  # the long closing passage still folds


def test_narrow_width_stacks_left_above_right_with_labels() -> None:
    left, right = f"{PARA_A}\n", f"{PARA_A.replace('63', '70')}\n"
    layout = _layout(left, right, SIDE_BY_SIDE_MIN_WIDTH - 1)
    assert layout.stacked
    rows = [r for r in _all_rows(layout) if r.strip()]
    assert rows[0].split()[1:3] == ["L", "1"]
    r_row = next(i for i, r in enumerate(rows) if re.match(r"^..\s+R\s", r))
    assert r_row > 0
    assert not _layout(left, right, SIDE_BY_SIDE_MIN_WIDTH).stacked


def test_changed_numbers_are_marked_numeric_on_both_sides_in_the_seeds() -> None:
    left_path, right_path = sorted(__import__("glob").glob("seeds/*.txt"))
    layout = Layout(compare_files(left_path, right_path), 120)
    roles_by_word: dict[str, set[str]] = {}
    for y in range(layout.total_rows):
        for text, role in layout.row(y).frags:
            roles_by_word.setdefault(text.strip(), set()).add(role)
    assert "word-left-numeric" in roles_by_word["nine"]
    assert "word-right-numeric" in roles_by_word["eight"]
    # Highlights were computed only for blocks that were drawn, and cached.
    assert len(layout.highlights) <= len(layout.blocks)


def test_typographic_only_differences_get_their_own_role() -> None:
    layout = _layout("He said \"yes\" -- and left.\n", "He said “yes” — and left.\n")
    roles = {role for y in range(layout.total_rows) for _, role in layout.row(y).frags}
    assert "word-left-typographic" in roles and "word-right-typographic" in roles
    assert not any(r.startswith("word-") and r.endswith(("-changed", "-numeric")) for r in roles)


def test_sentence_units_keep_sentences_of_one_paragraph_together() -> None:
    text = "First sentence here. Second sentence follows. Third one ends it.\n"
    alignment = compare_documents(
        make_document("a", text), make_document("b", text.replace("Second", "Another")),
        AlignOptions(unit="sentence"),
    )
    layout = Layout(alignment, 120)
    assert len(layout.bands) == 3
    assert [b.gap for b in layout.bands] == [0, 0, 1]


@given(
    st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=30), min_size=1, max_size=40),
    st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=40, max_size=40),
    st.integers(min_value=1, max_value=60),
)
def test_fast_ascii_wrap_equals_the_word_by_word_wrap(words: list[str], gaps: list[str], width: int) -> None:
    from tui.app.display_text import _wrap_by_words

    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).rstrip().replace("\t", " ")
    assert wrap_prose(text, width) == _wrap_by_words(text, width, True)
    for s, e in wrap_prose(text, width):
        assert e - s <= width and text[s:e] == text[s:e].strip()


def test_a_failing_word_diff_leaves_the_passage_shown_without_word_marks(monkeypatch) -> None:
    import tui.engine.pair_diffs as pair_diffs

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(pair_diffs, "diff_words", broken)
    layout = _layout(f"{PARA_A}\n", f"{PARA_A.replace('63', '70')}\n")
    rows = _all_rows(layout)
    assert any("63 million" in r and "70 million" in r for r in rows)
    assert layout.highlights.errors and "ValueError: boom" in layout.highlights.errors[0]


def _seed_alignment():
    left_path, right_path = sorted(__import__("glob").glob("seeds/*.txt"))
    return compare_files(left_path, right_path)


def _rubble_link(alignment):
    return next(k for k in alignment.sentence_links if k.left.text.startswith("At least one person"))


def _band_rows(layout: Layout, block: int) -> list[str]:
    top, bottom = layout.block_rows(block)
    return [_text(layout, y) for y in range(top, bottom)]


@pytest.mark.parametrize("width", [80, 100, 160])
def test_a_sentence_moved_between_paragraphs_gets_a_note_row_at_both_ends(width: int) -> None:
    alignment = _seed_alignment()
    link = _rubble_link(alignment)
    layout = Layout(alignment, width)
    assert alignment.blocks[link.left_block].left[0].start_line == 8  # the left-only paragraph
    assert alignment.blocks[link.right_block].right[0].start_line == 5  # the "nine" -> "eight" pair

    left_band = _band_rows(layout, link.left_block)
    right_band = _band_rows(layout, link.right_block)
    to_notes = [row for row in left_band if "↪ sentence moved to right line 5: “At" in row]
    from_notes = [row for row in right_band if "↩ sentence from left line 8: “At" in row]
    assert len(to_notes) == 1 and len(from_notes) == 1
    # The note is clipped to its column with an ellipsis and never widens the row.
    for row in (to_notes[0], from_notes[0]):
        assert cell_len(row) == width
    top, bottom = layout.block_rows(link.left_block)
    top2, bottom2 = layout.block_rows(link.right_block)
    notes = [
        (text, cell_len(text)) for y in [*range(top, bottom), *range(top2, bottom2)]
        for text, role in layout.row(y).frags if role == "link-note"
    ]
    assert len(notes) >= 2
    columns = {layout.geometry.left_text, layout.geometry.right_text}
    for text, w in notes:  # the seed sentences are longer than the columns at these widths
        assert text.endswith("…") and w in columns
    # Side by side, each note is on the side where its sentence is; stacked, it is labelled.
    if layout.stacked:
        assert " L " in to_notes[0][:8] and " R" in from_notes[0][:8]
    else:
        middle = layout.geometry.number_width + 2 + layout.geometry.left_text
        assert "↪" in to_notes[0][:middle] and "↩" in from_notes[0][middle:]
    # The notes come after the passage text, before the blank gap between bands.
    _, left_bottom = layout.block_rows(link.left_block)
    notes = len(layout.links_of_block[link.left_block])
    assert all("sentence moved to" in row for row in left_band[-notes:])
    assert not any("sentence moved to" in row for row in left_band[:-notes])
    assert _text(layout, left_bottom).strip() == ""
    assert "Russia launched 215 drones" in "".join(left_band[:3])


def test_note_rows_have_their_own_role_and_the_sentence_is_highlighted_in_its_paragraph() -> None:
    alignment = _seed_alignment()
    link = _rubble_link(alignment)
    layout = Layout(alignment, 160)
    top, bottom = layout.block_rows(link.left_block)
    frags = [f for y in range(top, bottom) for f in layout.row(y).frags]
    assert any(role == "link-note" and "↪" in text for text, role in frags)
    highlighted = "".join(text for text, role in frags if role == "link-sentence")
    assert highlighted.startswith("At least one person has been pulled alive")
    assert "Russia launched" not in highlighted


def test_sentence_link_notes_show_document_text_safely() -> None:
    from tui.app.layout import LEFT, RIGHT, link_note
    from tui.engine.model import Passage, SentenceLink, UnitKind

    hostile = "A [bold]quote[/] with \x1b[2J an escape\nand a line break."
    left = Passage(0, UnitKind.SENTENCE, 0, len(hostile), 8, 9, hostile, 0)
    right = Passage(3, UnitKind.SENTENCE, 40, 40 + len(hostile), 5, 5, hostile, 2)
    link = SentenceLink(left, right, 1.0, 0, 1)
    for side, start in ((LEFT, "↪ sentence moved to right line 5"), (RIGHT, "↩ sentence from left line 8")):
        note = link_note(side, link)
        assert note.startswith(start)
        assert "\x1b" not in note and "\n" not in note
        assert "[bold]quote[/]" in note  # literal: the pane never parses markup
        assert "“A [bold]" in note and note.endswith("break.”")
    quoted = "“Crimea was lost years ago,” he said."
    q = Passage(0, UnitKind.SENTENCE, 0, len(quoted), 12, 12, quoted, 0)
    assert link_note(LEFT, SentenceLink(q, q, 1.0, 0, 1)).endswith(": “Crimea was lost years ago,” he said.")


def test_sentence_mode_has_no_link_notes() -> None:
    left_path, right_path = sorted(__import__("glob").glob("seeds/*.txt"))
    alignment = compare_files(left_path, right_path, AlignOptions(unit="sentence"))
    rows = _all_rows(Layout(alignment, 120))
    assert not any("sentence moved to" in row or "sentence from left" in row for row in rows)


@pytest.mark.parametrize("width", range(100, 141))
def test_both_panes_have_the_same_width_so_equal_text_wraps_alike(width: int) -> None:
    text = " ".join(f"word{i}" for i in range(80))
    alignment = compare_documents(make_document("l", text + "\n"), make_document("r", text + "\n"))
    layout = Layout(alignment, width)
    assert layout.geometry.left_text == layout.geometry.right_text
    band = layout.bands[0]
    assert len(band.left) > 1 and list(band.left) == list(band.right)
    assert all(cell_len(_text(layout, y)) == width for y in range(band.height))


def test_row_marks_draw_as_the_review_package_writes_them() -> None:
    """The layout's two review cells agree with tui.review.marks for every state."""
    from itertools import product

    from tui.review.marks import gutter_marks
    from tui.review.store import MarkState

    for reviewed, fuzzy, flagged, note, corrected in product((False, True), repeat=5):
        state = MarkState(reviewed, flagged, "a note" if note else "", carried="fuzzy" if fuzzy else None)
        cells = RowMarks(reviewed, fuzzy, flagged, note, corrected).cells()
        drawn = "".join(text for text, _ in cells) if cells is not None else "  "
        assert drawn == gutter_marks(state, corrected=corrected), (state, corrected)


def test_a_differences_review_marks_are_on_its_first_row_only() -> None:
    layout = _layout(f"{PARA_A}\n\n{PARA_C}\n", f"{PARA_A} Changed at the end.\n\n{PARA_C}\n", width=60)
    band = next(b for b in layout.bands if layout.blocks[b.item.block].kind.value == "changed")
    layout.review_marks = lambda block: RowMarks(reviewed=True, flagged=True)
    first, second = layout.row(band.top).frags, layout.row(band.top + 1).frags
    assert ("✓", "review") in first and ("!", "review-flag") in first
    assert not any(role.startswith("review") for _, role in second)
    layout.review_marks = lambda block: NO_MARKS
    assert not any(role.startswith("review") for _, role in layout.row(band.top).frags)
    layout.review_marks = lambda block: RowMarks(recheck=True, note=True)
    assert ("?", "review") in layout.row(band.top).frags and ("✎", "review") in layout.row(band.top).frags
