"""The filter chooser (`F`): a key turns a change class or a kind of difference on or off, another
picks the smallest size, `z` hides changes of typography or punctuation only, `c` clears
everything; each choice shows its state with a marker that needs no colour ([x] / [ ], (*) / ( ))
and a line says how many differences the filter keeps. Esc or Enter closes it with the filter as
it stands."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.diff_filter import ADDED, CHANGED, MOVED, REMOVED, SIZE_STEPS, DiffFilter
from tui.engine.classes import ChangeClass

# The key of each class, in ChangeClass's order (of significance). Mnemonic where the letter is
# free: n and m go to number and money, so negation takes g and modal o.
CLASS_KEYS: tuple[tuple[str, ChangeClass], ...] = (
    ("n", ChangeClass.NUMBER), ("m", ChangeClass.MONEY), ("d", ChangeClass.DATE),
    ("g", ChangeClass.NEGATION), ("o", ChangeClass.MODAL), ("q", ChangeClass.QUOTE),
    ("e", ChangeClass.ENTITY), ("t", ChangeClass.TYPOGRAPHIC), ("p", ChangeClass.PUNCTUATION),
)
# The key of each kind: its initial, upper case (the lower-case letters are the classes').
KIND_KEYS: tuple[tuple[str, str], ...] = (("C", CHANGED), ("A", ADDED), ("R", REMOVED), ("M", MOVED))
# The key of each size step: 1 any size, 2 at least 3 words...
SIZE_KEYS: tuple[tuple[str, int], ...] = tuple((str(k + 1), words) for k, words in enumerate(SIZE_STEPS))
FORM_ONLY_KEY = "z"
CLEAR_KEY = "c"
CLASSES_PER_ROW = 3


def _size_label(words: int) -> str:
    return "any size" if words == 0 else f"≥{words} words"


def chooser_text(chosen: DiffFilter, kept: int, total: int) -> Text:
    """The chooser's body: every choice with its key and state, and what the filter keeps."""
    text = Text()
    text.append("Classes", style="bold")
    text.append(" (a difference with any one chosen; none chosen: every class)\n")
    for row in range(0, len(CLASS_KEYS), CLASSES_PER_ROW):
        cells = [
            f"[{'x' if cls.value in chosen.classes else ' '}] {key} {cls.value:<12}"
            for key, cls in CLASS_KEYS[row:row + CLASSES_PER_ROW]
        ]
        text.append(" " + " ".join(cells).rstrip() + "\n")
    text.append("Kinds", style="bold")
    text.append(" (none chosen: every kind)\n")
    text.append(" " + " ".join(
        f"[{'x' if kind in chosen.kinds else ' '}] {key} {kind:<12}" for key, kind in KIND_KEYS
    ).rstrip() + "\n")
    text.append("Size", style="bold")
    text.append(" (words deleted and inserted, or of a passage on one side)\n")
    sizes = [
        f"({'*' if chosen.min_words == words else ' '}) {key} {_size_label(words)}"
        for key, words in SIZE_KEYS
    ]
    text.append(" " + "  ".join(sizes) + "\n")
    text.append(f" [{'x' if chosen.hide_form_only else ' '}] {FORM_ONLY_KEY} hide changes of typography or"
                " punctuation only\n")
    text.append(f"     {CLEAR_KEY} clear all\n\n")
    matched = (
        f"{kept} of {total} differences match."
        if chosen.active
        else f"No filter: all {total} differences."
    )
    text.append(matched, style="bold")
    if chosen.active and kept == 0:
        text.append(f" Nothing to show: {CLEAR_KEY} clears the filter.")
    return text


class FilterChooser(ModalScreen[DiffFilter]):
    """Dismissed with the filter as the reviewer left it (Esc and Enter alike: every choice is
    already shown as it will apply)."""

    BODY_ID = "filter-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,F", "close", "Close", show=False),
        *(Binding(key, f"toggle_class('{cls.value}')", cls.value, show=False) for key, cls in CLASS_KEYS),
        *(Binding(key, f"toggle_kind('{kind}')", kind, show=False) for key, kind in KIND_KEYS),
        *(Binding(key, f"size({words})", _size_label(words), show=False) for key, words in SIZE_KEYS),
        Binding(FORM_ONLY_KEY, "toggle_form_only", "Typography and punctuation", show=False),
        Binding(CLEAR_KEY, "clear", "Clear all", show=False),
    ]

    DEFAULT_CSS = """
    FilterChooser { align: center middle; }
    FilterChooser > Vertical {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    FilterChooser #filter-body { height: auto; }
    """

    def __init__(self, chosen: DiffFilter, kept: Callable[[DiffFilter], int], total: int) -> None:
        super().__init__()
        self.chosen = chosen
        self._kept = kept  # how many differences a filter keeps
        self._total = total

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Filter the differences — a key turns a choice on or off · Esc closes"
            yield Static(self._body(), id=self.BODY_ID, markup=False)

    def _body(self) -> Text:
        return chooser_text(self.chosen, self._kept(self.chosen), self._total)

    def _set(self, chosen: DiffFilter) -> None:
        self.chosen = chosen
        self.query_one(f"#{self.BODY_ID}", Static).update(self._body())

    def action_toggle_class(self, cls: str) -> None:
        self._set(self.chosen.toggle_class(cls))

    def action_toggle_kind(self, kind: str) -> None:
        self._set(self.chosen.toggle_kind(kind))

    def action_size(self, words: int) -> None:
        self._set(self.chosen.with_min_words(words))

    def action_toggle_form_only(self) -> None:
        self._set(self.chosen.toggle_form_only())

    def action_clear(self) -> None:
        self._set(DiffFilter())

    def action_close(self) -> None:
        self.dismiss(self.chosen)
