"""The change list (`l`): every difference on one screen with its review marks, classes, score
and first words, most significant first (a changed number, amount, date, negation, modal, quote
or name before the rest: tui.engine.significance) or in reading order (`s` toggles); Enter jumps
to it. The rows are the review report's items (tui.review.report_model), so the list, the
report and `--json` agree on every difference's classes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.app.entry_list import EntryListScreen
from tui.engine.safe_text import for_terminal
from tui.review.marks import gutter_marks
from tui.review.report_model import Item, ReviewReport, significant_excerpt

# How many characters of a difference's text a row shows after its classes.
EXCERPT_CHARS = 40


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    block: int  # index in Alignment.blocks: where Enter goes
    number: int  # the difference's number, in reading order
    significance: int  # lower comes first
    prompt: Text


def _entry(item: Item) -> ChangeEntry:
    marks = gutter_marks(item.state, corrected=item.corrected is not None)
    kind = "moved" if item.moved and item.kind == "equal" else item.kind.replace("_", " ")
    if item.corrected is not None:
        kind += ", corrected"
    classes = ", ".join(item.classes) if item.classes else "-"
    score = f"{item.score:.2f}" if item.score is not None else "    "
    excerpt = for_terminal(significant_excerpt(item))
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
    prompt = Text.assemble(
        (f"{item.number:>3} ", "bold"), f"{marks} ", (classes, "bold"), f" · {kind} {score} · ", excerpt,
    )
    return ChangeEntry(item.block_index, item.number, item.significance, prompt)


def change_entries(report: ReviewReport, by_significance: bool = True) -> list[ChangeEntry]:
    """One entry per difference; most significant first (ties in reading order) or reading order."""
    entries = [_entry(item) for item in report.items]
    if by_significance:
        entries.sort(key=lambda entry: entry.significance)  # stable: ties stay in reading order
    return entries


def _title(count: int, by_significance: bool) -> Text:
    order = "most significant first" if by_significance else "in reading order"
    return Text(f"{count} differences, {order}. Marks: ✓ reviewed, ? re-check, ! flagged, ✎ note.")


class ChangeListScreen(EntryListScreen[int | None]):
    """Dismissed with the chosen difference's block index, or None."""

    BORDER_TITLE = "Changes — Enter jumps · s: significance ↔ reading order · Esc closes"
    TITLE_ID = "change-list-title"
    BINDINGS: ClassVar[list[BindingType]] = [
        *EntryListScreen.BINDINGS,
        Binding("escape,q", "dismiss_none", "Close", show=False),
        Binding("s", "toggle_order", "Significance or reading order", show=False),
    ]

    def __init__(self, report: ReviewReport, entries: Sequence[ChangeEntry] | None = None) -> None:
        """`entries`: the report's, most significant first, when already made (in a worker
        thread for a large report: a Text per difference costs half a second on 10,000)."""
        self._report = report
        self._by_significance = True
        entries = list(entries) if entries is not None else change_entries(report)
        super().__init__(_title(len(entries), True), entries)

    @property
    def entries(self) -> Sequence[ChangeEntry]:
        return self._entries

    def action_toggle_order(self) -> None:
        self._by_significance = not self._by_significance
        # The same entries in the other order (sorted stably, as change_entries orders them).
        entries = sorted(
            self._entries, key=lambda entry: (entry.significance, entry.number) if self._by_significance
            else entry.number,
        )
        self.query_one(f"#{self.TITLE_ID}").update(_title(len(entries), self._by_significance))
        self.show_entries(entries)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._entries[event.option_index].block)
