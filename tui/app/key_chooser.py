"""A small modal of choices, each with one key (`e`'s export chooser, `C`'s corrections): a title,
a line saying what the choice is about, the choices; a choice's key, or the arrows and Enter,
picks it; Esc closes. Titles and choices are rich Text: document text is never markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class Choice(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def label(self) -> str: ...


ChoiceType = TypeVar("ChoiceType", bound=Choice)


class KeyChooser(ModalScreen[ChoiceType | None]):
    """Subclasses bind "escape" to `cancel` and each choice's key to `choose('<key>')`, and set
    TITLE_ID and DETAIL_ID (tests and the web page find the parts by them)."""

    TITLE_ID: ClassVar[str] = "chooser-title"
    DETAIL_ID: ClassVar[str] = "chooser-detail"

    DEFAULT_CSS = """
    KeyChooser { align: center middle; }
    KeyChooser > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    KeyChooser .chooser-title { height: auto; text-style: bold; }
    KeyChooser .chooser-detail { height: auto; color: $text-muted; }
    KeyChooser OptionList, KeyChooser OptionList:focus { height: auto; border: none; padding: 0; }
    """

    def __init__(self, title: str, detail: Text, choices: Sequence[ChoiceType]) -> None:
        super().__init__()
        self._title = title
        self._detail = detail
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), id=self.TITLE_ID, classes="chooser-title", markup=False)
            yield Static(self._detail, id=self.DETAIL_ID, classes="chooser-detail", markup=False)
            yield OptionList(*(Option(Text(f"{c.key}  {c.label}"), id=c.key) for c in self._choices))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(str(event.option.id))

    def action_choose(self, key: str) -> None:
        chosen = next((choice for choice in self._choices if choice.key == key), None)
        if chosen is not None:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
