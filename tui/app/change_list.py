"""The change list (`l`): every difference on one screen with its review marks, classes, score
and first words, most significant first (a changed number, amount, date, negation, modal, quote
or name before the rest: tui.engine.significance) or in reading order (`s` toggles); Enter jumps
to it. The rows are the review report's items (tui.review.report_model), so the list, the
report and `--json` agree on every difference's classes. The session's filter (F, z:
filter_actions.py) applies here too: only the differences it keeps are listed, and F and z change
it from the list as from the main view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static

from tui.app.diff_filter import DiffFacts, DiffFilter
from tui.app.entry_list import EntryListScreen
from tui.engine.safe_text import for_terminal
from tui.review.marks import gutter_marks
from tui.review.report_model import Item, ReviewReport, significant_excerpt

# How many characters of a difference's text a row shows after its classes.
EXCERPT_CHARS = 40
# A row's widest, in cells: the list's inside at 80 columns, so that each difference keeps one
# line however many classes it has (the end of its excerpt gives way: "…").
ROW_CELLS = 74


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
    prompt.truncate(ROW_CELLS, overflow="ellipsis")
    return ChangeEntry(item.block_index, item.number, item.significance, prompt)


def change_entries(report: ReviewReport, by_significance: bool = True) -> list[ChangeEntry]:
    """One entry per difference; most significant first (ties in reading order) or reading order."""
    entries = [_entry(item) for item in report.items]
    if by_significance:
        entries.sort(key=lambda entry: entry.significance)  # stable: ties stay in reading order
    return entries


def _title(count: int, by_significance: bool, total: int | None = None, filter_words: str = "") -> Text:
    """`total`: every difference, when a filter keeps only `count` of them."""
    order = "most significant first" if by_significance else "in reading order"
    marks = "Marks: ✓ reviewed, ? re-check, ! flagged, ✎ note, ⇄ corrected."
    if total is None:
        return Text(f"{count} differences, {order}. {marks}")
    head = f"{count} of {total} differences (filter: {filter_words}), {order}. {marks}"
    if count == 0:
        head += "\nNothing matches the filter: F then c clears it."
    return Text(head)


class FilterOwner(Protocol):
    """Who holds the session's filter (the app: filter_actions.FilterActions)."""

    diff_filter: DiffFilter

    def difference_facts(self) -> dict[int, DiffFacts]: ...

    def filter_kept(self, chosen: DiffFilter) -> int: ...

    def kept_blocks(self) -> frozenset[int] | None: ...

    def set_diff_filter(self, chosen: DiffFilter | None) -> None: ...


class ChangeListScreen(EntryListScreen[int | None]):
    """Dismissed with the chosen difference's block index, or None."""

    BORDER_TITLE = "Changes — Enter jumps · s: order · F filter · z typography · Esc closes"
    TITLE_ID = "change-list-title"
    BINDINGS: ClassVar[list[BindingType]] = [
        *EntryListScreen.BINDINGS,
        Binding("escape,q", "dismiss_none", "Close", show=False),
        Binding("s", "toggle_order", "Significance or reading order", show=False),
        Binding("F", "filter_chooser", "Filter by class, kind and size", show=False),
        Binding("z", "toggle_form_only", "Hide typography and punctuation only", show=False),
    ]

    def __init__(
        self,
        report: ReviewReport,
        entries: Sequence[ChangeEntry] | None = None,
        owner: FilterOwner | None = None,
    ) -> None:
        """`entries`: the report's, most significant first, when already made (in a worker
        thread for a large report: a Text per difference costs half a second on 10,000).
        `owner`: who holds the session's filter, which the list follows and can change."""
        self._report = report
        self._owner = owner
        self._by_significance = True
        # Every difference's entry, most significant first; the filter and the order pick from it.
        self._all = list(entries) if entries is not None else change_entries(report)
        shown = self._shown()
        super().__init__(self._make_title(len(shown)), shown)

    def _shown(self) -> list[ChangeEntry]:
        """The entries the filter keeps, in the chosen order (sorted stably: ties in reading
        order, as change_entries orders them)."""
        keep = self._owner.kept_blocks() if self._owner is not None else None
        shown = [entry for entry in self._all if keep is None or entry.block in keep]
        if not self._by_significance:
            shown.sort(key=lambda entry: entry.number)
        return shown

    def _make_title(self, count: int) -> Text:
        owner = self._owner
        if owner is None or owner.kept_blocks() is None:
            return _title(count, self._by_significance)
        return _title(count, self._by_significance, len(self._report.items), owner.diff_filter.describe())

    @property
    def entries(self) -> Sequence[ChangeEntry]:
        return self._entries

    def action_toggle_order(self) -> None:
        self._by_significance = not self._by_significance
        self._show_entries()

    def action_filter_chooser(self) -> None:
        owner = self._owner
        if owner is None:
            return
        from tui.app.filter_chooser import FilterChooser

        self.app.push_screen(
            FilterChooser(owner.diff_filter, owner.filter_kept, len(owner.difference_facts())),
            self._filter_chosen,
        )

    def action_toggle_form_only(self) -> None:
        if self._owner is not None:
            self._filter_chosen(self._owner.diff_filter.toggle_form_only())

    def _filter_chosen(self, chosen: DiffFilter | None) -> None:
        if self._owner is None or chosen is None:
            return
        self._owner.set_diff_filter(chosen)  # the main view follows it at once
        self._show_entries()

    def _show_entries(self) -> None:
        shown = self._shown()
        self.query_one(f"#{self.TITLE_ID}", Static).update(self._make_title(len(shown)))
        self.show_entries(shown)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._entries):
            self.dismiss(self._entries[event.option_index].block)
