"""The help screen: every key binding (from keys.py, so it cannot drift from what the app does)
and a legend of the gutter markers and highlights."""

from __future__ import annotations

import io
from typing import ClassVar

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.layout import (
    FILLER,
    LINK_FROM,
    LINK_TO,
    MARK_CHANGED,
    MARK_EQUAL,
    MARK_LEFT,
    MARK_MOVED,
    MARK_RIGHT,
    MARK_TYPO,
    SELECTED_FIRST,
)
from tui.app.overview import LEGEND as STRIP_LEGEND
from tui.review.marks import LEGEND

KEY_COLUMN = 14
INDENT = 2
CLOSE_HINT = "Esc closes"


def _table(rows: list[tuple[Text, Text]]) -> Table:
    """Keys (or marks) in a column of their own, descriptions beside them: a description that
    does not fit wraps under itself, not under the keys."""
    grid = Table.grid(padding=0)
    grid.add_column(width=INDENT)
    grid.add_column(min_width=KEY_COLUMN, no_wrap=True)
    grid.add_column(ratio=1)
    for key, description in rows:
        grid.add_row("", key, description)
    return grid


def help_content(keymap: dict[str, str] | None = None) -> Group:
    """Keys by section, then the legend. `keymap` (binding id -> keys) shows remapped keys."""
    from tui.app.keys import BINDINGS_BY_SECTION  # keys.py imports the app, which imports this

    keymap = keymap or {}
    heading = Style(bold=True, underline=True)
    bold = Style(bold=True)
    parts: list[RenderableType] = []
    sections: dict[str, list[tuple[Text, Text]]] = {}
    for name, binding in BINDINGS_BY_SECTION:
        keys = keymap.get(binding.id or "") or binding.key_display or binding.key
        sections.setdefault(name, []).append((Text(keys, bold), Text(binding.description)))
    sections[name].append((Text("ctrl+p", bold), Text("Command palette: every action above by name")))
    for name, rows in sections.items():
        parts += [Text(name, heading), _table(rows), Text()]
    parts += [Text("Gutter markers (between the panes; stacked: at the left edge)", heading), _table([
        (Text(mark, bold), Text(meaning)) for mark, meaning in (
            (MARK_EQUAL, "equal"),
            (MARK_TYPO, "equal except typography (quotes, dashes, spaces)"),
            (MARK_CHANGED, "changed: the pair differs in words"),
            (MARK_MOVED, "moved: the right passage is elsewhere on the right (m jumps there)"),
            (MARK_LEFT, "only in the left document"),
            (MARK_RIGHT, "only in the right document"),
            (LINK_TO, "note: this sentence moved into a paragraph on the right (m jumps there)"),
            (LINK_FROM, "note: this sentence came from a paragraph on the left (m jumps there)"),
            (FILLER, "nothing on this side (faces a one-sided passage)"),
            (SELECTED_FIRST, "the selected difference"),
        )
    ]), Text()]
    parts += [Text("Overview strip (the right edge: the whole document, o hides it; a click goes there)",
                   heading),
              _table([
                  *((Text(mark, bold), Text(meaning)) for mark, meaning in STRIP_LEGEND),
                  (Text("reversed", Style(reverse=True)), Text("the rows in view, as on a scrollbar")),
              ]), Text()]
    parts += [Text("Review marks (beside the gutter marker, on a difference's first row)", heading),
              _table([(Text(mark, bold), Text(meaning)) for mark, meaning in LEGEND]), Text()]
    parts += [Text("Words inside a changed pair", heading), _table([
        (Text(sample, style), Text(meaning)) for sample, style, meaning in (
            ("removed", Style(strike=True), "changed or removed word (left side): struck through"),
            ("added", Style(underline=True), "changed or added word (right side): underlined"),
            ("nine", Style(bold=True, reverse=True), "a changed number: bold, reversed"),
            ("“quote”", Style(italic=True), "typographic difference only: italic"),
        )
    ]), Text()]
    parts.append(Text(
        "Stacked view (narrow terminals): L is the left (older) passage, R its right partner,"
        " LR an equal passage shown once.\nA run of one-sided passages of the same kind is one"
        " difference for n/p.\nThe mouse is optional: the wheel scrolls, a click selects a difference."
        "\nKeys can be remapped by binding id in keymap.toml (see the README, Keys).\n"
    ))
    parts.append(Text("Press Esc, q, ? or F1 to close this help.", Style(italic=True)))
    return Group(*parts)


def plain_text(content: RenderableType, width: int) -> str:
    """`content` as plain text lines at `width` columns (for tests and bug reports)."""
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(content)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="diptych.help_close"),
        Binding("j,down", "scroll_help(1)", "Scroll down", show=False),
        Binding("k,up", "scroll_help(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "scroll_help(10)", "Page down", show=False),
        Binding("pageup", "scroll_help(-10)", "Page up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "_keymap", {}) or {}
        with VerticalScroll() as scroll:
            scroll.border_title = f"diptych help — {CLOSE_HINT}"  # at the top: seen before scrolling
            yield Static(help_content(keymap))

    def action_scroll_help(self, rows: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_y + rows, animate=False)
