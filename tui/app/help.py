"""The help screen: every key binding (the widgets' own, so it cannot drift from what the app
does) and a legend of the gutter markers and highlights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.style import Style
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
from tui.review.marks import LEGEND

KEY_COLUMN = 14


def help_text(bindings: Sequence[tuple[str, Binding]], keymap: Mapping[str, str] | None = None) -> Text:
    """Keys by section ((section, binding) pairs), then the legend. `keymap` (binding id -> keys)
    shows remapped keys."""
    keymap = keymap or {}
    text = Text(no_wrap=False)
    heading = Style(bold=True, underline=True)
    section = None
    for name, binding in bindings:
        if name != section:
            if section is not None:
                text.append("\n")
            text.append(f"{name}\n", heading)
            section = name
        keys = keymap.get(binding.id or "") or binding.key_display or binding.key
        text.append(f"  {keys:<{KEY_COLUMN}}", Style(bold=True))
        text.append(f"{binding.description}\n")
    text.append("  ctrl+p        ", Style(bold=True))
    text.append("Command palette: every action above by name\n")
    text.append("\nGutter markers (between the panes; stacked: at the left edge)\n", heading)
    for mark, meaning in (
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
    ):
        text.append(f"  {mark:<{KEY_COLUMN}}", Style(bold=True))
        text.append(f"{meaning}\n")
    text.append("\nReview marks (beside the gutter marker, on a difference's first row)\n", heading)
    for mark, meaning in LEGEND:
        text.append(f"  {mark:<{KEY_COLUMN}}", Style(bold=True))
        text.append(f"{meaning}\n")
    text.append("\nWords inside a changed pair\n", heading)
    for sample, style, meaning in (
        ("removed", Style(strike=True), "changed or removed word (left side): struck through"),
        ("added", Style(underline=True), "changed or added word (right side): underlined"),
        ("nine", Style(bold=True, reverse=True), "a changed number: bold, reversed"),
        ("“quote”", Style(italic=True), "typographic difference only: italic"),
    ):
        text.append("  ")
        text.append(sample, style)
        text.append(" " * max(1, KEY_COLUMN - len(sample)))
        text.append(f"{meaning}\n")
    text.append(
        "\nStacked view (narrow terminals): L is the left (older) passage, R its right partner,"
        " LR an equal passage shown once.\nA run of one-sided passages of the same kind is one"
        " difference for n/p.\nThe mouse is optional: the wheel scrolls, a click selects a difference."
        "\nKeys can be remapped by binding id in keymap.toml (see the README, Keys).\n"
    )
    text.append("\nPress Esc, q, ? or F1 to close this help.", Style(italic=True))
    return text


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

    def __init__(self, bindings: Sequence[tuple[str, Binding]]) -> None:
        super().__init__()
        self._keys = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "diptych help"
            yield Static(help_text(self._keys, self.app._keymap))

    def action_scroll_help(self, rows: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_y + rows, animate=False)
