"""The two panes as one Line-API widget: a ScrollView that renders both columns of each row.

One widget for both sides keeps them scrolling together by construction. Rows come from a Layout
(tui/app/layout.py) on demand; each rendered row becomes a Strip kept in an LRU cache, so scrolling
and key presses repaint only what is on screen and never rebuild the layout. The layout is rebuilt
only when the width, folding or the alignment changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingsMap, BindingType, Keymap
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.highlights import HighlightCache
from tui.app.layout import Layout, RowMarks, TextStore
from tui.app.sections import SCROLLING, Keys
from tui.engine.collector import collector_paused
from tui.engine.model import Alignment

# Layouts with more rows than this (a few hundred KB of text) are rebuilt in a worker thread.
BACKGROUND_ROWS = 20_000


class _Settings(NamedTuple):
    """What a layout is built from; a background result is used only if still wanted."""

    alignment: Alignment
    width: int
    stacked: bool | None
    fold_equal: bool
    review_notes: dict[int, str]
    hidden: frozenset[int]


# Every role a Layout can give a fragment; each has a component class "diff--<role>".
ROLES = (
    "blank", "pad", "fill", "text", "text-left-only", "text-right-only", "lineno", "label", "sel",
    "gutter-equal", "gutter-changed", "gutter-left", "gutter-right", "gutter-moved", "gutter-typo",
    "word-left-changed", "word-right-changed", "word-left-numeric", "word-right-numeric",
    "word-left-typographic", "word-right-typographic", "match", "match-current", "stub", "fold",
    "review", "review-flag", "review-note", "link-note", "link-sentence",
)


# Roles drawn in a faint colour: with an ANSI theme (no blending) the terminal's dim instead.
_FAINT_ROLES = frozenset({"fill"})


# The scrolling keys, owned by the panes (keys.py collects them for the help, the palette and the
# keymap). Never animated; the ScrollView's own bindings are not inherited.
KEYS: Keys = [
    (SCROLLING, Binding("j,down", "scroll_lines(1)", "Scroll down one row", key_display="j ↓",
                        id="diptych.scroll_down")),
    (SCROLLING, Binding("k,up", "scroll_lines(-1)", "Scroll up one row", key_display="k ↑",
                        id="diptych.scroll_up")),
    (SCROLLING, Binding("pagedown,space", "scroll_pages(1)", "Page down", key_display="PgDn space",
                        id="diptych.page_down")),
    (SCROLLING, Binding("pageup", "scroll_pages(-1)", "Page up", key_display="PgUp",
                        id="diptych.page_up")),
    (SCROLLING, Binding("g,home", "scroll_edge(0)", "Go to the top", key_display="g Home",
                        id="diptych.top")),
    (SCROLLING, Binding("G,end", "scroll_edge(1)", "Go to the bottom", key_display="G End",
                        id="diptych.bottom")),
]


class DiffView(ScrollView, can_focus=True, inherit_bindings=False):
    """Aligned rows of both documents; selection and search marks are repaint-only state. It
    owns the scrolling keys, as toolong's LogLines does."""

    BINDINGS: ClassVar[list[BindingType]] = [binding for _, binding in KEYS]

    COMPONENT_CLASSES = {f"diff--{role}" for role in ROLES} | {"diff--selected"}

    # Colour only adds to what the text attributes already say: with NO_COLOR, strike (left) and
    # underline (right) mark changed words, reverse marks numbers, italic marks typography, bold
    # (without colour) a moved sentence.
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
    /* Without colour (NO_COLOR) the moved sentence's background is gone: bold says it instead. */
    DiffView:ansi > .diff--link-sentence { text-style: bold; }
    DiffView > .diff--review { color: $accent; text-style: bold; }
    DiffView > .diff--review-note { color: $accent; text-style: italic; }
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
        # Differences the filter leaves out (diff_filter.py): folded with the equal passages.
        self.hidden: frozenset[int] = frozenset()
        self.stacked_override: bool | None = None
        self.texts = TextStore()
        self.highlights: HighlightCache | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._pending: _Settings | None = None  # the background rebuild whose result is wanted
        self._styles: dict[tuple[str, bool], Style] = {}
        self._background: Style | None = None  # rich_style, for blank rows and padding
        # Review marks of a block (set by the app; every layout gets it): repaint-only state.
        self.review_marks: Callable[[int], RowMarks] | None = None
        # The reviewer's notes by block (set by the app), read on the UI thread for each layout:
        # a note is a row of its own, so a new or removed note needs a new layout.
        self.review_notes: Callable[[], dict[int, str]] | None = None
        self._keyed: tuple[Keymap, BindingsMap] | None = None  # see _bindings

    # -- keys ----------------------------------------------------------------------------------

    # Textual applies a user's keymap to each widget's bindings on their own, and the focused
    # widget's come first: a key the keymap gives to an action of the app ("diptych.next_diff"
    # = "n,j") would still scroll here. So the panes' bindings are the keymap's result as if all
    # of diptych's bindings were one list (tui/app/keymap.conflicts decides, as the warning
    # says): the pane keeps only the keys it wins.

    @property  # type: ignore[override]
    def _bindings(self) -> BindingsMap:
        keymap: Keymap = self.app._keymap if self.is_attached else {}
        if not keymap:
            return self._own_bindings
        if self._keyed is None or self._keyed[0] is not keymap:
            self._keyed = (keymap, self._bindings_for(keymap))
        return self._keyed[1]

    @_bindings.setter
    def _bindings(self, bindings: BindingsMap) -> None:
        self._own_bindings = bindings  # Textual sets the class's bindings in DOMNode.__init__

    def _bindings_for(self, keymap: Keymap) -> BindingsMap:
        from tui.app.keymap import conflicts  # keymap -> keys -> this module

        keyed = self._own_bindings.copy()
        keyed.apply_keymap(keymap)
        own = {binding.id for _, binding in KEYS}
        for key, winner, losers in conflicts(keymap):
            if winner not in own and own.intersection(losers):
                keyed.key_to_bindings.pop(key, None)
        # Without their ids: the screen applies the keymap again to every widget's bindings,
        # which would give back the keys taken above.
        keyed.key_to_bindings = {
            key: [replace(binding, id=None) for binding in bindings]
            for key, bindings in keyed.key_to_bindings.items()
        }
        return keyed

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def action_scroll_pages(self, delta: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + delta * page, animate=False, immediate=True)

    def action_scroll_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)

    # -- content -------------------------------------------------------------------------------

    @property
    def layout_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def prepare_layout(self, alignment: Alignment, width: int) -> Layout:
        """Build the layout of a new alignment with this view's settings. Touches no widget
        state, so a worker thread can call it and the UI thread never stalls on a big layout."""
        highlights = HighlightCache(alignment)
        return Layout(
            alignment, width, stacked=self.stacked_override, fold_equal=self.fold_equal,
            texts=self.texts, highlights=highlights, hidden=self.hidden,
        )

    def _notes(self) -> dict[int, str]:
        return self.review_notes() if self.review_notes is not None else {}

    def set_alignment(self, alignment: Alignment, prepared: Layout | None = None) -> None:
        """Show a new alignment (first load, new threshold or unit), with its layout when one
        was prepared for it (rebuilt if the view's width or settings changed since)."""
        self.alignment = alignment
        self._pending = None
        if (
            prepared is not None
            and prepared.alignment is alignment
            # Hidden until the first alignment is in: its Resize rebuilds if the guess was wrong.
            and (prepared.width == self.layout_width or self.scrollable_content_region.width <= 0)
            and prepared.fold_equal == self.fold_equal
            and (self.stacked_override is None or prepared.stacked == self.stacked_override)
            and prepared.review_notes == self._notes()
            # The filter's hidden differences matter only to a folded layout.
            and (prepared.hidden == self.hidden or not self.fold_equal)
        ):
            self.highlights = prepared.highlights
            self._install(prepared)
            return
        self.highlights = HighlightCache(alignment)
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
            self.alignment, width or self.layout_width, self.stacked_override, self.fold_equal, self._notes(),
            self.hidden,
        )
        old = self.diff_layout
        if old is not None and old.total_rows > BACKGROUND_ROWS:
            self._pending = settings
            self._rebuild_in_background(settings)
            return
        self._pending = None
        self._finish(self._build(settings))

    def _build(self, settings: _Settings) -> Layout:
        with collector_paused():  # see tui.engine.collector
            return Layout(
                settings.alignment, settings.width, stacked=settings.stacked,
                fold_equal=settings.fold_equal, texts=self.texts, highlights=self.highlights,
                review_notes=settings.review_notes, hidden=settings.hidden,
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
            layout.selection, layout.selected_stub = old.selection, old.selected_stub
            layout.matches, layout.current_match = old.matches, old.current_match
            # Keep the passage at the top of the view at the top (its rows move when re-wrapped).
            band = old.band_at(self.top_row())
            if band is not None:
                anchor = (old.bands[band].item.block, self.top_row() - old.bands[band].top)
        self._install(layout, anchor)

    def _install(self, layout: Layout, anchor: tuple[int, int] | None = None) -> None:
        self.diff_layout = layout
        layout.review_marks = self.review_marks
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

    def set_marks(
        self,
        selection: tuple[int, int] | None,
        selected_stub: int | None,
        matches: dict[tuple[int, int, int], list[tuple[int, int]]],
        current_match: tuple[int, int, int, int] | None,
    ) -> None:
        """Show a new selection and search marks, repainting only the rows whose look changes
        (those of the difference left and of the one selected, or of the passage with the
        current match): `n` then costs a few rows, not the whole view and its strip cache."""
        layout = self.diff_layout
        if layout is None:
            return
        if matches is not layout.matches:  # a new search: marks anywhere
            layout.selection, layout.selected_stub = selection, selected_stub
            layout.matches, layout.current_match = matches, current_match
            self.repaint()
            return
        spans: list[tuple[int, int]] = []
        if (selection, selected_stub) != (layout.selection, layout.selected_stub):
            spans += self._selection_spans(layout)
            layout.selection, layout.selected_stub = selection, selected_stub
            spans += self._selection_spans(layout)
        if current_match != layout.current_match:
            for match in (layout.current_match, current_match):
                rows = layout.block_rows(match[0]) if match is not None else None
                if rows is not None:
                    spans.append(rows)
            layout.current_match = current_match
        for top, bottom in spans:
            self._repaint_rows(top, bottom)

    @staticmethod
    def _selection_spans(layout: Layout) -> list[tuple[int, int]]:
        """Rows (first, after last) that look different when the current selection is not
        selected: its bands, and its moved passage's stub. One row more on each side covers
        the gap rows that join selected bands (a gap is marked when both its neighbours are)."""
        spans = []
        if layout.selection is not None:
            first, last = layout.block_rows(layout.selection[0]), layout.block_rows(layout.selection[1])
            if first is not None and last is not None:
                spans.append((first[0] - 1, last[1] + 1))
        if layout.selected_stub is not None:
            stub = layout.stub_rows(layout.selected_stub)
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
                color = component.color
                if component.auto_color:  # $text-muted is "auto 60%": black or white, as stands out
                    color = background.get_contrast_text(color.a)
                foreground = background + color
            dim = (not tints and role in _FAINT_ROLES) or None
            style = Style(color=foreground.rich_color, bgcolor=background.rich_color, dim=dim)
            if component.has_rule("text_style"):
                style += component.text_style
            self._styles[key] = style
        return style

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
            row = layout.row(row_y)
            segments = [Segment(text, self._style(role, row.selected)) for text, role in row.frags]
            strip = Strip(segments, layout.width)
            self._strips[row_y] = strip
        if layout.width == width:
            return strip  # rows are built at the view's width (a resize rebuilds the layout)
        return strip.crop_extend(0, width, self._background)
