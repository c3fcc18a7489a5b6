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

# Rows given to the list at once. Textual's OptionList wraps each new row to measure its height
# (some 70 µs a row on a shared machine: 0.7 s for the 9,936 differences of the Git man pages
# pair), so a long list is filled a batch per turn of the event loop: its first rows show at
# once, and a key pressed meanwhile waits for one batch at most.
BATCH = 300


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
            yield OptionList(markup=False)

    def on_mount(self) -> None:
        self.show_entries(self._entries, self._highlighted)
        self.query_one(OptionList).focus()

    def show_entries(self, entries: Sequence[Any], highlighted: int = 0) -> None:
        """List `entries` (in place of those listed), the one at `highlighted` highlighted: the
        first batch now, with the highlighted row, the others a batch per turn of the loop."""
        self._entries = entries
        options = self.query_one(OptionList)
        options.clear_options()
        first = max(BATCH, highlighted + 1)
        options.add_options([Option(entry.prompt) for entry in entries[:first]])
        if entries:
            options.highlighted = min(highlighted, len(entries) - 1)
        self.call_after_refresh(self._add_batch, entries, first)

    def _add_batch(self, entries: Sequence[Any], start: int) -> None:
        if entries is not self._entries or start >= len(entries):
            return  # listed in full, or replaced by other entries (another order)
        batch = entries[start:start + BATCH]
        self.query_one(OptionList).add_options([Option(entry.prompt) for entry in batch])
        self.call_after_refresh(self._add_batch, entries, start + BATCH)  # keys are answered between

    @property
    def filled(self) -> bool:
        """Whether every entry is in the list (a long one is filled a batch at a time)."""
        return self.query_one(OptionList).option_count == len(self._entries)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()
