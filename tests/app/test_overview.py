"""The overview strip's model (tui/app/overview.py): which mark each difference gets, which mark a
slice of rows shows, how rows scale onto cells, and the cells of the view and the selection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.app.layout import ItemKind, Layout
from tui.app.overview import (
    SELECTED_FIRST,
    SELECTED_REST,
    Mark,
    Scale,
    Span,
    cell_marks,
    difference_spans,
    kind_mark,
    refine_mark,
    selected_rows,
    strip_cells,
    stronger,
)
from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, BlockKind
from tui.engine.reading import make_document

SAME = "The committee met on the first floor of the town hall, as it has done for many years."
OTHER = "Residents of the northern district said the new bus line would help them reach work."
KEPT = "A spokesperson declined to comment on the timing of the next review of the plan."
LAST = "The new library will open in the spring, a year later than the council had planned."


def _align(left: list[str], right: list[str], **options) -> Alignment:
    return compare_documents(
        make_document("a.txt", "\n\n".join(left) + "\n"), make_document("b.txt", "\n\n".join(right) + "\n"),
        AlignOptions(**options),
    )


def _pair_mark(left: str, right: str, **options) -> Mark:
    """The refined mark of the one changed pair of two three-paragraph documents."""
    alignment = _align([SAME, left, KEPT], [SAME, right, KEPT], **options)
    [block] = [b for b in alignment.blocks if b.kind is BlockKind.CHANGED]
    return refine_mark(block, alignment)


# -- which mark a difference gets ----------------------------------------------------------------


def test_a_pair_that_changes_a_number_is_significant() -> None:
    assert _pair_mark(
        "Officials said nine people were killed in the attack on the capital overnight.",
        "Officials said eight people were killed in the attack on the capital overnight.",
    ) is Mark.SIGNIFICANT


def test_a_pair_that_adds_a_negation_is_significant() -> None:
    assert _pair_mark(
        "The contractor shall deliver the report to the council before the end of the month.",
        "The contractor shall not deliver the report to the council before the end of the month.",
    ) is Mark.SIGNIFICANT


def test_a_reworded_pair_with_no_class_of_meaning_is_an_ordinary_change() -> None:
    assert _pair_mark(
        "The committee quickly approved the budget after a long debate in the evening session.",
        "The committee swiftly approved the budget after a long debate in the evening session.",
    ) is Mark.CHANGED


def test_a_pair_that_differs_only_in_punctuation_is_form_only() -> None:
    assert _pair_mark(
        "The committee approved the budget, after a long debate in the evening session.",
        "The committee approved the budget after a long debate in the evening session.",
    ) is Mark.FORM


def test_curly_quotes_only_are_form_whether_or_not_typography_is_normalised() -> None:
    left = 'The mayor called it "a good day for the city" and left the meeting early.'
    right = "The mayor called it “a good day for the city” and left the meeting early."
    assert _pair_mark(left, right, normalize=False) is Mark.FORM
    alignment = _align([SAME, left, KEPT], [SAME, right, KEPT])
    [block] = [b for b in alignment.blocks if b.typographic_only]
    assert kind_mark(block) is refine_mark(block, alignment) is Mark.FORM


def test_one_sided_passages_stay_added_or_removed_even_with_figures_in_them() -> None:
    alignment = _align([SAME, "In 2019 the fee was 63 pounds, said Anna Smith.", KEPT],
                       [SAME, KEPT, "Completely new: 12 people and 4 million euros, said Bob Jones."])
    marks = {b.kind: refine_mark(b, alignment) for b in alignment.blocks}
    assert marks[BlockKind.LEFT_ONLY] is Mark.REMOVED
    assert marks[BlockKind.RIGHT_ONLY] is Mark.ADDED


def test_before_refinement_a_changed_pair_shows_as_changed_whatever_its_classes() -> None:
    alignment = _align([SAME, "Officials said nine people were killed in the attack overnight.", KEPT],
                       [SAME, "Officials said eight people were killed in the attack overnight.", KEPT])
    [block] = [b for b in alignment.blocks if b.kind is BlockKind.CHANGED]
    assert kind_mark(block) is Mark.CHANGED
    assert refine_mark(block, alignment) is Mark.SIGNIFICANT


def test_a_moved_passage_with_its_text_unchanged_is_moved_and_equal_passages_have_no_mark() -> None:
    alignment = _align([OTHER, SAME, KEPT, LAST], [SAME, KEPT, LAST, OTHER])
    moved = [b for b in alignment.blocks if b.moved]
    assert moved and all(refine_mark(b, alignment) is Mark.MOVED for b in moved)
    assert all(kind_mark(b) is Mark.NONE for b in alignment.blocks if not b.is_difference)


# -- which mark a slice shows ----------------------------------------------------------------------


STRONGEST_FIRST = [Mark.SIGNIFICANT, Mark.CHANGED, Mark.REMOVED, Mark.MOVED, Mark.FORM, Mark.NONE]


@pytest.mark.parametrize("k", range(len(STRONGEST_FIRST) - 1))
def test_the_stronger_mark_wins_whichever_comes_first(k: int) -> None:
    strong, weak = STRONGEST_FIRST[k], STRONGEST_FIRST[k + 1]
    assert stronger(strong, weak) is strong
    assert stronger(weak, strong) is strong


def test_a_slice_with_passages_added_and_removed_shows_both() -> None:
    assert stronger(Mark.REMOVED, Mark.ADDED) is Mark.ADDED_AND_REMOVED
    assert stronger(Mark.ADDED_AND_REMOVED, Mark.ADDED) is Mark.ADDED_AND_REMOVED
    assert stronger(Mark.ADDED, Mark.ADDED) is Mark.ADDED
    assert stronger(Mark.ADDED_AND_REMOVED, Mark.CHANGED) is Mark.CHANGED


def test_every_mark_has_its_own_glyph_so_the_strip_reads_without_colour() -> None:
    glyphs = [mark.value for mark in Mark] + [SELECTED_FIRST, SELECTED_REST]
    assert len(set(glyphs)) == len(glyphs)


def test_a_cell_shows_the_strongest_difference_of_its_slice() -> None:
    scale = Scale(rows=100, cells=10)  # ten rows a cell
    spans = [Span(0, 3, 0, False), Span(5, 7, 1, False), Span(12, 13, 2, False), Span(95, 100, 3, False)]
    marks = {0: Mark.FORM, 1: Mark.SIGNIFICANT, 2: Mark.ADDED, 3: Mark.REMOVED}
    cells = cell_marks(spans, lambda span: marks[span.block], scale)
    assert cells[0] is Mark.SIGNIFICANT  # rows 0-9: form and significant
    assert cells[1] is Mark.ADDED
    assert cells[9] is Mark.REMOVED
    assert cells[2:9] == [Mark.NONE] * 7


def test_a_one_row_difference_in_a_long_document_still_has_its_cell() -> None:
    scale = Scale(rows=100_000, cells=20)
    cells = cell_marks([Span(54_321, 54_322, 0, False)], lambda span: Mark.SIGNIFICANT, scale)
    assert [k for k, mark in enumerate(cells) if mark is Mark.SIGNIFICANT] == [54_321 * 20 // 100_000]


def test_a_difference_taller_than_a_cell_marks_every_cell_it_spans() -> None:
    scale = Scale(rows=100, cells=10)
    cells = cell_marks([Span(25, 61, 0, False)], lambda span: Mark.CHANGED, scale)
    assert [k for k, mark in enumerate(cells) if mark is Mark.CHANGED] == [2, 3, 4, 5, 6]


# -- rows onto cells --------------------------------------------------------------------------------


@given(rows=st.integers(1, 5000), cells=st.integers(1, 200))
def test_every_row_has_one_cell_and_every_cell_its_rows(rows: int, cells: int) -> None:
    scale = Scale(rows, cells)
    shown = [scale.cell_of(row) for row in range(rows)]
    assert shown == sorted(shown) and shown[0] == 0
    if rows >= cells:
        assert set(shown) == set(range(cells))  # no cell is left without rows
    else:
        assert shown == list(range(rows))  # a short document is not stretched
    for cell in set(shown):
        assert scale.cell_of(scale.row_of(cell)) == cell  # a click on a cell goes to its rows
        assert scale.row_of(cell) == shown.index(cell)  # the first of them


# -- the view and the selection ---------------------------------------------------------------------


def test_the_cells_of_the_rows_in_view_are_flagged_and_only_those() -> None:
    scale = Scale(rows=200, cells=20)
    cells = strip_cells([Mark.NONE] * 20, scale, view=(50, 90))
    assert [k for k, cell in enumerate(cells) if cell.in_view] == [5, 6, 7, 8]
    at_end = strip_cells([Mark.NONE] * 20, scale, view=(170, 210))
    assert [k for k, cell in enumerate(at_end) if cell.in_view] == [17, 18, 19]


def test_the_selected_difference_is_drawn_over_the_marks_as_the_panes_draw_a_selection() -> None:
    scale = Scale(rows=200, cells=20)
    marks = [Mark.CHANGED] * 20
    cells = strip_cells(marks, scale, view=(0, 40), selected=[(100, 131)])
    assert [cell.glyph for cell in cells[9:15]] == ["~", SELECTED_FIRST, SELECTED_REST, SELECTED_REST,
                                                    SELECTED_REST, "~"]
    assert {cell.role for cell in cells[10:14]} == {"selected"}
    assert cells[9].role == "changed"


# -- the rows of a layout ----------------------------------------------------------------------------


def _council_layout(**kw) -> Layout:
    from app_documents import council_documents

    return Layout(compare_documents(*council_documents()), 120, **kw)


def test_the_spans_are_the_rows_of_the_differences_without_the_gaps_between_bands() -> None:
    layout = _council_layout()
    kinds = [kind_mark(b) for b in layout.blocks]
    spans = difference_spans(layout, kinds)
    differences = {b for b, block in enumerate(layout.blocks) if kind_mark(block) is not Mark.NONE}
    assert {span.block for span in spans if not span.stub} == differences
    for span in spans:
        rows = layout.stub_rows(span.block) if span.stub else layout.block_rows(span.block)
        assert (span.top, span.bottom) == rows
    stubs = [span for span in spans if span.stub]
    assert stubs and all(layout.blocks[span.block].moved for span in stubs)


def test_folded_equal_passages_are_no_difference() -> None:
    layout = _council_layout(fold_equal=True)
    spans = difference_spans(layout, [kind_mark(b) for b in layout.blocks])
    folds = [band for band in layout.bands if band.item.kind is ItemKind.FOLD]
    assert folds
    for band in folds:
        assert not any(span.top <= band.top < span.bottom for span in spans)


def test_the_selected_rows_are_the_selection_and_its_moved_passage_s_stub() -> None:
    layout = _council_layout()
    moved = next(b for b, block in enumerate(layout.blocks) if block.moved)
    assert selected_rows(layout) == ()
    layout.selection, layout.selected_stub = (moved, moved), moved
    assert selected_rows(layout) == (layout.block_rows(moved), layout.stub_rows(moved))


def test_the_help_explains_every_glyph_the_strip_draws() -> None:
    from tui.app.help import help_content, plain_text

    text = plain_text(help_content(), 110)
    section = text.split("Overview strip (the right edge", 1)[1].split("\n\n", 1)[0]
    for glyph in [mark.value for mark in Mark if mark is not Mark.NONE] + [SELECTED_FIRST, SELECTED_REST]:
        assert glyph in section, glyph
    assert "reversed" in section
