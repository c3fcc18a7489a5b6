"""The overview strip: a one-column map beside the panes, in the place of their scrollbar, showing
where the differences are, of what kind, and which rows are in view (tui/app/overview.py is its
model).

Drawn with the Line API, one Strip per cell. The rows that show a difference are found once per
layout (in a worker thread for a large one, as the panes build it), the cells once per layout,
strip height or refinement of the marks; scrolling and a new selection only change which cells are
reversed or carry the ▶, and repaint the column only when that changes. The change classes that
refine the marks (a word diff of every changed pair, under a second on a 2.7 MB pair) are computed
once per alignment, in a worker thread when the pairs are long: the strip shows the kinds of the
differences meanwhile.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.layout import Layout
from tui.app.overview import (
    Cell,
    Mark,
    Scale,
    Span,
    cell_marks,
    difference_spans,
    kind_mark,
    refine_mark,
    selected_rows,
    strip_cells,
)
from tui.app.panes import BACKGROUND_ROWS
from tui.engine.model import Alignment, BlockKind

# Changed pairs longer than this altogether (characters of both sides) are refined in a worker
# thread: a word diff and the classes cost about a millisecond per 2,000 characters (on a shared
# machine), so the UI thread never spends more than some 50 ms on them.
SYNC_REFINE_CHARS = 100_000

ROLES = (*(mark.name.lower() for mark in Mark), "selected")


def _changed_pairs_length(alignment: Alignment) -> int:
    return sum(
        passage.end_offset - passage.start_offset
        for block in alignment.blocks if block.kind is BlockKind.CHANGED
        for passage in (*block.left, *block.right)
    )


class _Shown(NamedTuple):
    """What the cells on screen were computed from (they are recomputed when it changes)."""

    layout: Layout | None
    refinement: int  # which marks (a new alignment or a refinement counts up)
    height: int
    view: tuple[int, int]
    selected: tuple[tuple[int, int], ...]


class OverviewStrip(Widget):
    """The whole document on one column: each cell the strongest difference of its slice of rows,
    the rows in view reversed, the selected difference ▶ ┃. A click scrolls the panes there, the
    wheel scrolls them as over the text."""

    # Colour only adds to the glyphs; the view's cells are reversed (a text attribute, kept
    # without colour).
    DEFAULT_CSS = """
    OverviewStrip { width: 1; height: 1fr; background: $panel; color: $text-muted; }
    OverviewStrip > .strip--significant { color: $warning; text-style: bold; }
    OverviewStrip > .strip--changed { color: $warning 60%; }
    OverviewStrip > .strip--added_and_removed { color: $warning; }
    OverviewStrip > .strip--removed { color: $error; text-style: bold; }
    OverviewStrip > .strip--added { color: $success; text-style: bold; }
    OverviewStrip > .strip--moved { color: $primary-lighten-2; text-style: bold; }
    OverviewStrip > .strip--form { color: $text-muted; }
    OverviewStrip > .strip--none { color: $text-muted; }
    OverviewStrip > .strip--selected { color: $accent; text-style: bold; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"strip--{role}" for role in ROLES}

    class Clicked(Message):
        """A cell was clicked: the panes should show `row` of the layout."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class Wheel(Message):
        """The mouse wheel turned over the strip: the panes should scroll, as over the text."""

        def __init__(self, down: bool) -> None:
            super().__init__()
            self.down = down

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._alignment: Alignment | None = None
        self._kinds: list[Mark] = []  # each block's mark from its kind
        self._refined: list[Mark] | None = None  # with its change classes, once computed
        self._refinement = 0  # counts the changes of the marks (new alignment, refined)
        self._layout: Layout | None = None  # the layout mapped, and its rows of differences
        self._spans: list[Span] = []
        self._pending: Layout | None = None  # a large layout whose rows are being found
        self._view: tuple[int, int] = (0, 0)
        self._selected: tuple[tuple[int, int], ...] = ()
        self._shown: _Shown | None = None
        self._cells: list[Cell] = []
        self._scale = Scale(0, 0)
        self._marks_of_cells: list[Mark] = []
        self._marks_key: tuple[Layout | None, int, int] | None = None

    # -- state from the app --------------------------------------------------------------------

    def show(self, layout: Layout | None, view: tuple[int, int]) -> None:
        """The layout on screen (with its selection) and its rows in view (first, after last).
        Cheap when nothing changed: the app calls it on every scroll and selection."""
        if layout is not None and layout.alignment is not self._alignment:
            self._new_alignment(layout.alignment)
            self._set_layout(None, [])  # the old rows are of other blocks
        if layout is not self._layout and layout is not self._pending:
            if layout is None or layout.total_rows <= BACKGROUND_ROWS:
                self._pending = None
                self._set_layout(layout, difference_spans(layout, self._kinds) if layout else [])
            else:  # the old layout's map stays until the new one's rows are found
                self._pending = layout
                self._find_spans_in_background(layout, self._kinds)
        self._view = view
        self._update()

    def _set_layout(self, layout: Layout | None, spans: list[Span]) -> None:
        self._layout, self._spans = layout, spans

    @work(thread=True, exclusive=True, group="overview-rows", description="overview rows")
    def _find_spans_in_background(self, layout: Layout, kinds: list[Mark]) -> None:
        worker = get_current_worker()
        spans = until_cancelled(worker, difference_spans, layout, kinds)
        if spans is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._spans_found, layout, spans)

    def _spans_found(self, layout: Layout, spans: list[Span]) -> None:
        if layout is self._pending and layout.alignment is self._alignment:
            self._pending = None
            self._set_layout(layout, spans)
            self._update()

    def _new_alignment(self, alignment: Alignment) -> None:
        self._alignment = alignment
        self._kinds = [kind_mark(block) for block in alignment.blocks]
        self._refined = None
        self._refinement += 1
        if _changed_pairs_length(alignment) <= SYNC_REFINE_CHARS:
            self._refined = [refine_mark(block, alignment) for block in alignment.blocks]
        else:
            self._refine_in_background(alignment)

    @work(thread=True, exclusive=True, group="overview", description="change classes")
    def _refine_in_background(self, alignment: Alignment) -> None:
        worker = get_current_worker()
        marks = until_cancelled(worker, lambda: [refine_mark(block, alignment) for block in alignment.blocks])
        if marks is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._refinement_done, alignment, marks)

    def _refinement_done(self, alignment: Alignment, marks: list[Mark]) -> None:
        if alignment is self._alignment:
            self._refined = marks
            self._refinement += 1
            self._update()

    @property
    def refined(self) -> bool:
        """Whether the marks say the change classes (not only the kinds of the differences)."""
        return self._refined is not None

    # -- cells ---------------------------------------------------------------------------------

    def _mark_of(self, span: Span) -> Mark:
        if span.stub:
            return Mark.MOVED  # where a moved passage went: its change is shown where it is drawn
        marks = self._refined if self._refined is not None else self._kinds
        return marks[span.block]

    def _update(self) -> None:
        height = self.size.height
        # The selection is read from the layout mapped (the app's layout, or the one it replaces
        # while the new one's rows are being found).
        self._selected = selected_rows(self._layout) if self._layout is not None else ()
        shown = _Shown(self._layout, self._refinement, height, self._view, self._selected)
        if shown == self._shown:
            return
        self._shown = shown
        rows = self._layout.total_rows if self._layout is not None else 0
        key = (self._layout, self._refinement, height)
        if key != self._marks_key:
            self._marks_key = key
            self._scale = Scale(rows, height)
            self._marks_of_cells = cell_marks(self._spans, self._mark_of, self._scale) if rows else []
        self._cells = strip_cells(self._marks_of_cells, self._scale, self._view, self._selected)
        self.refresh()

    @property
    def cells(self) -> list[Cell]:
        """The cells as drawn, top to bottom."""
        return list(self._cells)

    def on_resize(self, event: events.Resize) -> None:
        self._update()

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if y >= len(self._cells):
            return Strip.blank(self.size.width, self.rich_style)
        cell = self._cells[y]
        style = self.get_component_rich_style(f"strip--{cell.role}")
        if cell.in_view:
            style += Style(reverse=True)
        return Strip([Segment(cell.glyph, style)], 1)

    # -- mouse ---------------------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click shows its cell's rows; dragging with the button held goes on showing them, as
        on a scrollbar."""
        self.capture_mouse()
        self._go_to(event.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.app.mouse_captured is self and event.button:
            self._go_to(event.y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.release_mouse()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.post_message(self.Wheel(down=True))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.post_message(self.Wheel(down=False))

    def _go_to(self, y: int) -> None:
        if self._layout is not None and self._scale.cells:
            self.post_message(self.Clicked(self._scale.row_of(min(max(0, y), self._scale.cells - 1))))
