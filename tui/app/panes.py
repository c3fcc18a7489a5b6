"""The two panes as one Line-API widget: a ScrollView that renders both columns of each row.

One widget for both sides keeps them scrolling together by construction. Rows come from a Layout
(tui/app/layout.py) on demand; each rendered row becomes a Strip kept in an LRU cache, so scrolling
and key presses repaint only what is on screen and never rebuild the layout. The layout is rebuilt
only when the width, folding or the alignment changes. The scrolling keys are this widget's own;
what a row shows besides its text (selection, search matches, review marks) is set from outside
and needs only a repaint.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.highlights import HighlightCache
from tui.app.keys import SCROLLING
from tui.app.layout import NO_SELECTION, Layout, Marks, Row, TextStore
from tui.engine.model import Alignment
from tui.review import ReviewSession
from tui.review.marks import NO_MARKS, GutterMarks, gutter_cells

# Layouts with more rows than this (a few hundred KB of text) are rebuilt in a worker thread.
BACKGROUND_ROWS = 20_000


class _Settings(NamedTuple):
    """What a layout is built from; a background result is used only if still wanted."""

    alignment: Alignment
    width: int
    stacked: bool | None
    fold_equal: bool


# Every role a Layout can give a fragment; each has a component class "diff--<role>".
ROLES = (
    "blank", "pad", "fill", "text", "text-left-only", "text-right-only", "lineno", "label", "sel",
    "gutter-equal", "gutter-changed", "gutter-left", "gutter-right", "gutter-moved", "gutter-typo",
    "word-left-changed", "word-right-changed", "word-left-numeric", "word-right-numeric",
    "word-left-typographic", "word-right-typographic", "match", "match-current", "stub", "fold",
    "review", "review-flag", "link-note", "link-sentence",
)


# Roles drawn in a faint colour: with an ANSI theme (no blending) the terminal's dim instead.
_FAINT_ROLES = frozenset({"fill"})


class DiffView(ScrollView, can_focus=True, inherit_bindings=False):
    """Aligned rows of both documents; selection, search and review marks are repaint-only state.

    The scrolling keys are ours (with ids, in the help and palette, never animated), so the
    ScrollView's own bindings are not inherited."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Scroll down one row", key_display="j ↓",
                id="diptych.scroll_down", group=SCROLLING),
        Binding("k,up", "scroll_lines(-1)", "Scroll up one row", key_display="k ↑",
                id="diptych.scroll_up", group=SCROLLING),
        Binding("pagedown,space", "scroll_pages(1)", "Page down", key_display="PgDn space",
                id="diptych.page_down", group=SCROLLING),
        Binding("pageup", "scroll_pages(-1)", "Page up", key_display="PgUp",
                id="diptych.page_up", group=SCROLLING),
        Binding("g,home", "scroll_edge(0)", "Go to the top", key_display="g Home",
                id="diptych.top", group=SCROLLING),
        Binding("G,end", "scroll_edge(1)", "Go to the bottom", key_display="G End",
                id="diptych.bottom", group=SCROLLING),
    ]

    COMPONENT_CLASSES = {f"diff--{role}" for role in ROLES} | {"diff--selected"}

    # Colour only adds to what the text attributes already say: with NO_COLOR, strike (left) and
    # underline (right) mark changed words, reverse marks numbers, italic marks typography.
    DEFAULT_CSS = """
    DiffView {
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
    }
    DiffView > .diff--fill { color: $foreground 15%; }
    DiffView > .diff--lineno { color: $text-muted; }
    DiffView > .diff--label { color: $text-muted; text-style: bold; }
    DiffView > .diff--sel { color: $accent; text-style: bold; }
    DiffView > .diff--selected { background: $primary 18%; }
    DiffView > .diff--gutter-equal { color: $text-muted; }
    DiffView > .diff--gutter-typo { color: $text-muted; text-style: bold; }
    DiffView > .diff--gutter-changed { color: $warning; text-style: bold; }
    DiffView > .diff--gutter-left { color: $error; text-style: bold; }
    DiffView > .diff--gutter-right { color: $success; text-style: bold; }
    DiffView > .diff--gutter-moved { color: $primary-lighten-2; text-style: bold; }
    DiffView > .diff--text-left-only { background: $error 8%; }
    DiffView > .diff--text-right-only { background: $success 8%; }
    DiffView > .diff--word-left-changed { background: $error 35%; text-style: strike; }
    DiffView > .diff--word-right-changed { background: $success 35%; text-style: underline; }
    DiffView > .diff--word-left-numeric { color: $warning; text-style: bold reverse strike; }
    DiffView > .diff--word-right-numeric { color: $warning; text-style: bold reverse underline; }
    DiffView > .diff--word-left-typographic { color: $text-muted; text-style: italic; }
    DiffView > .diff--word-right-typographic { color: $text-muted; text-style: italic; }
    DiffView > .diff--match { color: $primary-lighten-1; text-style: reverse; }
    DiffView > .diff--match-current { color: $primary-lighten-3; text-style: bold reverse underline; }
    DiffView > .diff--stub { color: $primary-lighten-2; text-style: italic; }
    DiffView > .diff--fold { color: $text-muted; text-style: italic; }
    DiffView > .diff--link-note { color: $primary-lighten-2; text-style: italic dim; }
    DiffView > .diff--link-sentence { background: $primary 15%; }
    DiffView > .diff--review { color: $accent; text-style: bold; }
    DiffView > .diff--review-flag { color: $warning; text-style: bold reverse; }
    """

    class Rebuilt(Message):
        """The layout was rebuilt (resize, folding, view mode, new alignment)."""

    class RowClicked(Message):
        """A row was clicked (the mouse is optional: every click has a key)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diff_layout: Layout | None = None
        self.alignment: Alignment | None = None
        self.fold_equal = False
        self.stacked_override: bool | None = None
        self.texts = TextStore()
        self.highlights: HighlightCache | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._pending: _Settings | None = None  # the background rebuild whose result is wanted
        self._styles: dict[tuple[str, bool], Style] = {}
        self._background: Style | None = None  # rich_style, for blank rows and padding
        self.marks: Marks = NO_SELECTION  # selection and search matches (show_marks)
        self.review: ReviewSession | None = None  # whose marks the rows show (repaint after a change)

    # -- content -------------------------------------------------------------------------------

    @property
    def layout_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def prepare_layout(self, alignment: Alignment, width: int) -> Layout:
        """Build the layout of a new alignment with this view's settings. Touches no widget
        state, so a worker thread can call it and the UI thread never stalls on a big layout."""
        highlights = HighlightCache(alignment.blocks, alignment.options.normalize)
        return Layout(
            alignment, width, stacked=self.stacked_override, fold_equal=self.fold_equal,
            texts=self.texts, highlights=highlights,
        )

    def set_alignment(self, alignment: Alignment, prepared: Layout | None = None) -> None:
        """Show a new alignment (first load, new threshold or unit), with its layout when one
        was prepared for it (rebuilt if the view's width or settings changed since)."""
        self.alignment = alignment
        self.marks = NO_SELECTION  # block indices of the old alignment: until the new ones are shown
        self._pending = None
        if (
            prepared is not None
            and prepared.alignment is alignment
            # Hidden until the first alignment is in: its Resize rebuilds if the guess was wrong.
            and (prepared.width == self.layout_width or self.scrollable_content_region.width <= 0)
            and prepared.fold_equal == self.fold_equal
            and (self.stacked_override is None or prepared.stacked == self.stacked_override)
        ):
            self.highlights = prepared.highlights
            self._install(prepared)
            return
        self.highlights = HighlightCache(alignment.blocks, alignment.options.normalize)
        self.rebuild()

    def rebuild(self, width: int | None = None) -> None:
        """Build the layout again (width, folding or alignment changed). Selection and search
        marks are carried over. A big layout is rebuilt in a worker thread: the old one stays
        on screen (and in use) until the new one is ready."""
        if self.alignment is None:
            return
        if width is None and self.scrollable_content_region.width <= 0:
            return  # not laid out yet (or hidden): the first Resize builds it
        settings = _Settings(
            self.alignment, width or self.layout_width, self.stacked_override, self.fold_equal
        )
        old = self.diff_layout
        if old is not None and old.total_rows > BACKGROUND_ROWS:
            self._pending = settings
            self._rebuild_in_background(settings)
            return
        self._pending = None
        self._finish(self._build(settings))

    def _build(self, settings: _Settings) -> Layout:
        return Layout(
            settings.alignment, settings.width, stacked=settings.stacked,
            fold_equal=settings.fold_equal, texts=self.texts, highlights=self.highlights,
        )

    @work(thread=True, exclusive=True, group="layout", description="relayout")  # no repr of the args
    def _rebuild_in_background(self, settings: _Settings) -> None:
        worker = get_current_worker()
        layout = until_cancelled(worker, self._build, settings)  # a quit does not wait for it
        if layout is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._finish_background, layout, settings)

    def _finish_background(self, layout: Layout, settings: _Settings) -> None:
        if settings is not self._pending or layout.alignment is not self.alignment:
            return  # superseded by a newer rebuild or a new alignment
        self._pending = None
        self._finish(layout)

    def _finish(self, layout: Layout) -> None:
        old = self.diff_layout
        anchor: tuple[int, int] | None = None
        if old is not None and old.alignment is layout.alignment:
            # Keep the passage at the top of the view at the top (its rows move when re-wrapped).
            band = old.band_at(self.top_row())
            if band is not None:
                anchor = (old.bands[band].item.block, self.top_row() - old.bands[band].top)
        self._install(layout, anchor)

    def _install(self, layout: Layout, anchor: tuple[int, int] | None = None) -> None:
        self.diff_layout = layout
        self.virtual_size = Size(layout.width, layout.total_rows)
        if anchor is not None:
            rows = layout.block_rows(anchor[0])
            if rows is not None:
                offset = min(anchor[1], max(0, rows[1] - rows[0] - 1))
                self.scroll_to(y=rows[0] + offset, animate=False, immediate=True)
        self.repaint()
        self.post_message(self.Rebuilt())

    def on_click(self, event: events.Click) -> None:
        if self.diff_layout is not None:
            self.post_message(self.RowClicked(round(self.scroll_y) + event.y))

    def on_resize(self, event: events.Resize) -> None:
        if self.alignment is None:
            return
        if self.diff_layout is None or self.diff_layout.width != self.layout_width:
            self.rebuild()

    def repaint(self) -> None:
        """Review marks, search marks or theme changed: drop the cached strips, keep the layout."""
        self._strips.clear()
        self._styles.clear()
        self._background = None
        self.refresh()

    def show_marks(self, marks: Marks) -> None:
        """Show a new selection and search marks, repainting only the rows whose look changes
        (those of the difference left and of the one selected, or of the passage with the
        current match): `n` then costs a few rows, not the whole view and its strip cache."""
        old, self.marks = self.marks, marks
        layout = self.diff_layout
        if layout is None:
            return
        if marks.matches is not old.matches:  # a new search: marks anywhere
            self.repaint()
            return
        spans: list[tuple[int, int]] = []
        if (marks.selection, marks.selected_stub) != (old.selection, old.selected_stub):
            spans += self._selection_spans(layout, old) + self._selection_spans(layout, marks)
        if marks.current_match != old.current_match:
            for match in (old.current_match, marks.current_match):
                rows = layout.block_rows(match[0]) if match is not None else None
                if rows is not None:
                    spans.append(rows)
        for top, bottom in spans:
            self._repaint_rows(top, bottom)

    @staticmethod
    def _selection_spans(layout: Layout, marks: Marks) -> list[tuple[int, int]]:
        """Rows (first, after last) that look different when the selection of `marks` is not
        selected: its bands, and its moved passage's stub. One row more on each side covers
        the gap rows that join selected bands (a gap is marked when both its neighbours are)."""
        spans = []
        if marks.selection is not None:
            first, last = layout.block_rows(marks.selection[0]), layout.block_rows(marks.selection[1])
            if first is not None and last is not None:
                spans.append((first[0] - 1, last[1] + 1))
        if marks.selected_stub is not None:
            stub = layout.stub_rows(marks.selected_stub)
            if stub is not None:
                spans.append((stub[0] - 1, stub[1] + 1))
        return spans

    def _repaint_rows(self, top: int, bottom: int) -> None:
        """Drop the cached strips of rows top..bottom-1 and repaint those on screen."""
        top = max(0, top)
        if bottom - top > len(self._strips):
            cached = self._strips.keys()  # (an LRUCache is not iterable itself)
            for row in [row for row in cached if top <= row < bottom]:
                self._strips.discard(row)
        else:
            for row in range(top, bottom):
                self._strips.discard(row)
        first = self.top_row()
        visible_top = max(top, first)
        visible_bottom = min(bottom, first + self.scrollable_content_region.height)
        if visible_top < visible_bottom:
            self.refresh_lines(visible_top, visible_bottom - visible_top)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._background = None

    # -- scrolling -----------------------------------------------------------------------------

    def scroll_rows_into_view(self, top: int, bottom: int, *, context: int = 2) -> None:
        """Make rows top..bottom visible, starting a little below the top edge when they fit;
        does nothing when they are already fully visible."""
        height = self.scrollable_content_region.height
        first = round(self.scroll_y)
        if top >= first and bottom <= first + height:
            return
        context = min(context, max(0, height // 4))
        self.scroll_to(y=max(0, top - context), animate=False, immediate=True)

    def top_row(self) -> int:
        return round(self.scroll_y)

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def action_scroll_pages(self, delta: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + delta * page, animate=False, immediate=True)

    def action_scroll_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)

    # -- rendering -----------------------------------------------------------------------------

    def _style(self, role: str, selected: bool) -> Style:
        """Rich style of a role, with the role's translucent colours blended over the row's
        background (Rich styles have no alpha; the CSS above uses "$error 8%" and the like)."""
        key = (role, selected)
        style = self._styles.get(key)
        if style is None:
            _, _, background, foreground = self.colors
            # ANSI themes (ansi-dark, ansi-light) cannot blend: "$error 8%" would paint whole
            # paragraphs red. Their tints are left out; marks and text attributes carry the meaning.
            tints = background.ansi is None
            if selected and tints:
                chosen = self.get_component_styles("diff--selected")
                if chosen.has_rule("background"):
                    background = background + chosen.background
            component = self.get_component_styles(f"diff--{role}")
            if component.has_rule("background") and tints:
                background = background + component.background
            if component.has_rule("color") and (tints or role not in _FAINT_ROLES):
                foreground = background + component.color
            dim = (not tints and role in _FAINT_ROLES) or None
            style = Style(color=foreground.rich_color, bgcolor=background.rich_color, dim=dim)
            if component.has_rule("text_style"):
                style += component.text_style
            self._styles[key] = style
        return style

    def row(self, y: int) -> Row:
        """Row `y` of the layout as it is drawn: with the selection, matches and review marks."""
        assert self.diff_layout is not None
        return self.diff_layout.row(y, self.marks, self._review_marks(self.diff_layout, y))

    def _review_marks(self, layout: Layout, y: int) -> GutterMarks:
        review, block = self.review, layout.block_at(y)
        if review is None or block is None or review.alignment is not layout.alignment:
            return NO_MARKS  # (a layout of another alignment may still be on screen)
        return gutter_cells(review.state(block))

    def render_line(self, y: int) -> Strip:
        width = self.layout_width
        layout = self.diff_layout
        if self._background is None:
            # Looked up once, not per line: DOMNode.rich_style walks the ancestors' styles.
            self._background = self.rich_style
        if layout is None:
            return Strip.blank(width, self._background)
        row_y = round(self.scroll_y) + y
        strip = self._strips.get(row_y)
        if strip is None:
            row = self.row(row_y)
            segments = [Segment(text, self._style(role, row.selected)) for text, role in row.frags]
            strip = Strip(segments, layout.width)
            self._strips[row_y] = strip
        if layout.width == width:
            return strip  # rows are built at the view's width (a resize rebuilds the layout)
        return strip.crop_extend(0, width, self._background)
