"""Blame (`b` in a timeline): for each passage of the newest version, the version that introduced
it and the version of its last change (and of its last move), its words newer than the passage
underlined. Enter compares the versions of its last change; `h` opens its passage history.

`blame_entries` is Textual-free; the History computes the blame (tui/engine/lineage.py), which
aligns every step, so the app asks for it off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.app.entry_list import EntryListScreen
from tui.engine.lineage import Blame
from tui.engine.safe_text import for_terminal

EXCERPT = 400  # characters of a passage shown (a long paragraph wraps over a few lines)


@dataclass(frozen=True, slots=True)
class BlameEntry:
    prompt: Text
    index: int  # the passage's index in the newest version
    pair: tuple[int, int]  # the versions of its last change (Enter compares them)


def blame_words(blame: Blame) -> str:
    words = f"since v{blame.introduced}"
    words += f" · last changed v{blame.changed}" if blame.changed != blame.introduced else " · never changed"
    if blame.moved is not None:
        words += f" · moved v{blame.moved}"
    return words


def blame_entries(blames: list[Blame], count: int) -> list[BlameEntry]:
    entries: list[BlameEntry] = []
    width = max((len(blame_words(b)) for b in blames), default=0)
    for blame in blames:
        passage = blame.passage
        prompt = Text(f"¶{passage.index + 1:<4}", Style(bold=True))
        prompt.append(blame_words(blame).ljust(width) + " │ ")
        text = passage.text[:EXCERPT]
        excerpt = Text(for_terminal(text) + ("…" if len(passage.text) > EXCERPT else ""))
        for start, end, version in blame.words:
            if version > blame.introduced and start < len(text):
                excerpt.stylize(Style(underline=True), start, min(end, len(text)))
        prompt.append_text(excerpt)
        # Its last change (or its arrival); never changed since v1: the first version against
        # the newest shows it equal in both.
        pair = (blame.changed - 1, blame.changed) if blame.changed > 1 else (1, count)
        entries.append(BlameEntry(prompt, passage.index, pair))
    return entries


class BlameScreen(EntryListScreen[tuple[str, object] | None]):
    """Dismissed with ("pair", (a, b)) to compare two versions, ("history", index) to open a
    passage's history, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,b", "dismiss_none", "Close the blame view", id="diptych.blame_close"),
        Binding("h", "history", "History of this passage", id="diptych.blame_history"),
    ]
    BORDER_TITLE = "Blame — Enter compares its last change, h its history, Esc closes"
    TITLE_ID = "blame-title"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("pair", self._entries[event.option_index].pair))

    def action_history(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(("history", self._entries[highlighted].index))
