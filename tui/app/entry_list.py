"""A full-screen list of entries under a title, for the timeline's passage history and blame:
↑↓ (or j/k) choose, Enter picks (the subclass says what that does), Esc closes. The entries'
prompts are rich Text built by their modules, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

ResultType = TypeVar("ResultType")


class EntryListScreen(ModalScreen[ResultType]):
    """Subclasses set BORDER_TITLE (what the keys do) and TITLE_ID, and handle the choice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]
    BORDER_TITLE: ClassVar[str] = ""
    TITLE_ID: ClassVar[str] = "entries-title"

    # For every list: a full-screen box, its title as tall as it needs, the list the rest.
    DEFAULT_CSS = """
    EntryListScreen { align: center middle; }
    EntryListScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $panel; }
    EntryListScreen .entries-title { height: auto; }
    EntryListScreen OptionList, EntryListScreen OptionList:focus { height: 1fr; border: none; }
    """

    def __init__(self, title: Text, entries: Sequence[Any], highlighted: int = 0) -> None:
        super().__init__()
        self._title = title
        self._entries = entries  # each with a `prompt` (rich Text)
        self._highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.BORDER_TITLE
            yield Static(self._title, id=self.TITLE_ID, classes="entries-title", markup=False)
            yield OptionList(*(Option(entry.prompt) for entry in self._entries), markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self._entries:
            options.highlighted = min(self._highlighted, len(self._entries) - 1)
        options.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()
