"""The "Correct…" chooser (`C`): what the reviewer can say about the selected passage's pairing,
each with one key — unpair a pair, pair a removed or added passage with one of the other side,
say that a pair moved or did not, or undo the correction that made this passage.

`correction_choices` is pure (which choices a block has); `CorrectionChooser` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from tui.app.key_chooser import KeyChooser
from tui.engine.model import BlockKind
from tui.engine.safe_text import for_terminal
from tui.review.corrections import Corrected, Correction


@dataclass(frozen=True, slots=True)
class CorrectionChoice:
    key: str
    action: str  # "undo", "unpair", "pair", "moved", "not-moved"
    label: str


def correction_choices(
    corrected: Corrected, index: int, last: Correction | None = None
) -> list[CorrectionChoice]:
    """What can be said about block `index` of `corrected.alignment`; `last`: the review's last
    correction, offered for undoing when it is about other passages (a pair marked not moved that
    was equal is no difference any more: it cannot be selected to undo it)."""
    block = corrected.alignment.blocks[index]
    choices = []
    made_by = corrected.marks.get(index)
    if made_by is not None:
        choices.append(CorrectionChoice("z", "undo", f"Undo: this passage was {made_by.kind.label}"))
    if last is not None and (made_by is None or made_by.target != last.target):
        words = for_terminal(" ".join((last.left_excerpt or last.right_excerpt).split()[:6]))
        label = f"Undo the last correction ({last.kind}: {words} …)"
        choices.append(CorrectionChoice("l", "undo-last", label))
    if block.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY):
        other = "an added" if block.kind is BlockKind.LEFT_ONLY else "a removed"
        label = f"Pair with… {other} passage (a list, best match first)"
        choices.append(CorrectionChoice("p", "pair", label))
        return choices
    if made_by is None or made_by.kind.value != "paired":  # a pair made by hand: undo unpairs it
        choices.append(CorrectionChoice("u", "unpair", "Unpair: a passage removed and another added"))
    if made_by is None or made_by.kind.value not in ("moved", "not-moved"):
        if block.moved:
            choices.append(CorrectionChoice("m", "not-moved", "Not moved: this pair stays in place"))
        else:
            choices.append(CorrectionChoice("m", "moved", "Moved: this pair changed place"))
    return choices


class CorrectionChooser(KeyChooser[CorrectionChoice]):
    """Dismissed with the chosen correction, or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="diptych.correct_cancel"),
        *(Binding(key, f"choose('{key}')", show=False) for key in "zlpum"),
    ]
    TITLE_ID = "correct-title"
    DETAIL_ID = "correct-what"

    def __init__(self, what: Text, choices: list[CorrectionChoice]) -> None:
        # `what`: the passage, in words
        super().__init__("Correct the pairing (Esc closes)", what, choices)
