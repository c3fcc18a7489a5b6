"""The overview strip's model: where in the document the differences are, of what kind, and where
the view is, scaled onto a column of cells (like a scrollbar's track).

Each difference gets a `Mark`: a glyph that reads without colour. A cell covers a slice of the
layout's rows and shows the strongest mark in it. The marks of pairs start from the block kinds
alone (changed, added, removed, moved, typography) and are refined by the engine's change classes
(`refine_mark`) once they are known: a pair that changes a thing of meaning (a number, an amount,
a date, a negation, a modal, a quotation, a name) is significant, one whose every changed run is
typography or punctuation only drops to form. A passage on one side only stays added or removed
whatever it mentions: on a live page most new passages name people and figures, and a strip of
nothing but significant marks would point nowhere (their classes are in `--json` and the report).

Pure Python (no Textual): the app's widget is tui/app/overview_strip.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import NamedTuple

from tui.app.layout import ItemKind, Layout
from tui.engine.classes import MEANING_CLASSES
from tui.engine.model import Alignment, Block, BlockKind
from tui.engine.pair_diffs import pair_diffs
from tui.engine.significance import is_form_only


class Mark(StrEnum):
    """What a cell shows, as its glyph (the gutter's markers, and ◆ for a change of meaning)."""

    SIGNIFICANT = "◆"  # a pair whose words change a number, amount, date, negation, modal, quote, name
    CHANGED = "~"
    ADDED_AND_REMOVED = "±"  # a slice with passages added and passages removed, nothing stronger
    REMOVED = "<"
    ADDED = ">"
    MOVED = "↕"
    FORM = "≈"  # typography or punctuation only
    NONE = " "


# Which mark a cell shows when its slice holds several: the strongest.
_STRENGTH = {
    Mark.SIGNIFICANT: 6, Mark.CHANGED: 5, Mark.ADDED_AND_REMOVED: 4, Mark.REMOVED: 4, Mark.ADDED: 4,
    Mark.MOVED: 3, Mark.FORM: 2, Mark.NONE: 0,
}
_ONE_SIDED = frozenset({Mark.ADDED_AND_REMOVED, Mark.REMOVED, Mark.ADDED})

# The glyphs of the selected difference's cells (as the panes mark it).
SELECTED_FIRST, SELECTED_REST = "▶", "┃"

# The glyphs in words (the help screen; the rows in view are reversed).
LEGEND: tuple[tuple[str, str], ...] = (
    (Mark.SIGNIFICANT, "changed words that alter a number, amount, date, negation, modal, quotation or name"),
    (Mark.CHANGED, "other changed words"),
    (f"{Mark.REMOVED} {Mark.ADDED} {Mark.ADDED_AND_REMOVED}", "passages removed, added, both"),
    (Mark.MOVED, "a passage moved"),
    (Mark.FORM, "typography or punctuation only"),
    (f"{SELECTED_FIRST} {SELECTED_REST}", "the selected difference"),
)


def stronger(a: Mark, b: Mark) -> Mark:
    """The mark a slice holding both shows."""
    if a in _ONE_SIDED and b in _ONE_SIDED and a != b:
        return Mark.ADDED_AND_REMOVED
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def kind_mark(block: Block) -> Mark:
    """A block's mark from its kind alone (before its change classes are known)."""
    if block.kind is BlockKind.LEFT_ONLY:
        return Mark.REMOVED
    if block.kind is BlockKind.RIGHT_ONLY:
        return Mark.ADDED
    if block.kind is BlockKind.CHANGED:
        return Mark.CHANGED
    if block.moved:
        return Mark.MOVED
    return Mark.FORM if block.typographic_only else Mark.NONE


def refine_mark(block: Block, alignment: Alignment) -> Mark:
    """A block's mark with its change classes: a changed pair becomes significant or form-only.
    Costs a word diff of the pair (the alignment's, shared with the panes and the change list);
    other blocks keep their kind's mark."""
    mark = kind_mark(block)
    if mark is not Mark.CHANGED:
        return mark
    runs = pair_diffs(alignment).runs(block)
    if any(cls in MEANING_CLASSES for classes in runs for cls in classes):
        return Mark.SIGNIFICANT
    return Mark.FORM if is_form_only(runs) else Mark.CHANGED


class Span(NamedTuple):
    """Rows top..bottom-1 of the layout show a difference: block `block`, or its moved stub."""

    top: int
    bottom: int
    block: int
    stub: bool


def difference_spans(layout: Layout, kinds: Sequence[Mark]) -> list[Span]:
    """The layout's rows that show a difference, in order: once per layout (the marks may change
    afterwards, the rows do not). `kinds`: each block's `kind_mark` (once per alignment). A fold
    holds equal passages, and the differences a filter leaves out (diff_filter.py): none is
    marked; a band's notes count with its passage, its blank gap does not."""
    spans: list[Span] = []
    block_kind, stub_kind = ItemKind.BLOCK, ItemKind.STUB
    for band in layout.bands:
        item = band.item
        kind = item.kind
        if (kind is block_kind and kinds[item.block] is not Mark.NONE) or kind is stub_kind:
            spans.append(Span(band.top, band.top + band.height - band.gap, item.block, kind is stub_kind))
    return spans


class Scale(NamedTuple):
    """Rows of a layout onto cells of a strip. A document shorter than the strip is not stretched:
    row k is cell k, as a scrollbar would show it."""

    rows: int
    cells: int

    @property
    def _span(self) -> int:
        return max(self.rows, self.cells, 1)

    def cell_of(self, row: int) -> int:
        return min(self.cells - 1, max(0, row) * self.cells // self._span)

    def cells_of(self, top: int, bottom: int) -> range:
        """The cells showing rows top..bottom-1 (at least one when top < bottom)."""
        if bottom <= top or self.cells <= 0:
            return range(0)
        return range(self.cell_of(top), self.cell_of(bottom - 1) + 1)

    def row_of(self, cell: int) -> int:
        """The first row a cell shows (where a click on it goes); clamped to the last row."""
        span = self._span
        row = -(-cell * span // self.cells) if self.cells else 0
        return max(0, min(row, self.rows - 1))


def cell_marks(spans: Sequence[Span], mark_of: Callable[[Span], Mark], scale: Scale) -> list[Mark]:
    """The strongest mark of each cell's slice of rows."""
    cells = [Mark.NONE] * scale.cells
    for span in spans:
        mark = mark_of(span)
        if mark is Mark.NONE:
            continue
        for cell in scale.cells_of(span.top, span.bottom):
            cells[cell] = stronger(cells[cell], mark)
    return cells


def selected_rows(layout: Layout) -> tuple[tuple[int, int], ...]:
    """The rows the panes mark as selected: the selected difference's passages, and the stub of
    its moved passage (the right end, where `m` goes)."""
    rows: list[tuple[int, int]] = []
    if layout.selection is not None:
        first, last = layout.block_rows(layout.selection[0]), layout.block_rows(layout.selection[1])
        if first is not None and last is not None:
            rows.append((first[0], last[1]))
    if layout.selected_stub is not None:
        stub = layout.stub_rows(layout.selected_stub)
        if stub is not None:
            rows.append(stub)
    return tuple(rows)


class Cell(NamedTuple):
    """One cell as drawn: its glyph, what it means (a Mark's name in lower case, or "selected"),
    and whether its rows are in view."""

    glyph: str
    role: str
    in_view: bool


def strip_cells(
    marks: Sequence[Mark], scale: Scale, view: tuple[int, int], selected: Sequence[tuple[int, int]] = ()
) -> list[Cell]:
    """The cells to draw: each slice's mark, the cells of the rows in view (`view`: first row, row
    after the last) flagged, and the selected difference's cells (`selected`: row ranges) drawn
    as the panes draw a selection, ▶ at its first cell and ┃ below, over the marks."""
    in_view = scale.cells_of(max(0, view[0]), min(scale.rows, view[1]))
    chosen: dict[int, str] = {}
    for top, bottom in selected:
        cells = scale.cells_of(top, bottom)
        for cell in cells:
            glyph = SELECTED_FIRST if cell == cells.start else SELECTED_REST
            if chosen.get(cell) != SELECTED_FIRST:
                chosen[cell] = glyph
    out = []
    for cell, mark in enumerate(marks):
        glyph = chosen.get(cell)
        if glyph is not None:
            out.append(Cell(glyph, "selected", cell in in_view))
        else:
            out.append(Cell(mark.value, mark.name.lower(), cell in in_view))
    return out
