"""Pair with… (`C`, then `p`): the passages of the other side that are one-sided too, most similar
first, each with its similarity score, its line and its first words. Enter pairs; Esc closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.app.entry_list import EntryListScreen
from tui.engine.safe_text import for_terminal
from tui.review.corrections import Candidate

FIRST_WORDS = 14
MAX_ENTRIES = 300  # the best this many: a passage that far down the list is not its partner


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return for_terminal(" ".join(words[:count]) + (" …" if len(words) > count else ""))


@dataclass(frozen=True, slots=True)
class PairEntry:
    candidate: Candidate
    prompt: Text


def pair_entries(found: list[Candidate], side: str) -> list[PairEntry]:
    """`side`: where the candidates are ("left" or "right"), for their line numbers."""
    mark = "l" if side == "left" else "r"
    entries = []
    for candidate in found[:MAX_ENTRIES]:
        prompt = Text(f"{candidate.score:4.2f} ", Style(bold=True))
        prompt.append(f"{mark}{candidate.passage.start_line:<5} ", Style(dim=True))
        prompt.append(first_words(candidate.passage.text))
        entries.append(PairEntry(candidate, prompt))
    return entries


def picker_title(text: str, removed: bool, total: int) -> Text:
    what = "removed" if removed else "added"
    other = "added" if removed else "removed"
    title = Text(f" Pair the {what} passage “")
    title.append(first_words(text, 10), Style(italic=True))
    shown = f"the best {MAX_ENTRIES} of {total}" if total > MAX_ENTRIES else str(total)
    title.append(f"” with one of the {shown} {other} passages (score, line, first words):")
    return title


class PairPicker(EntryListScreen[int | None]):
    """Dismissed with the chosen passage's block index, or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Close without pairing", id="diptych.pair_close"),
    ]
    BORDER_TITLE = "Pair with… — ↑↓ choose, Enter pairs, Esc closes"
    TITLE_ID = "pair-title"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._entries[event.option_index].candidate.index)
