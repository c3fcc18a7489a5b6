"""A passage's history (`h` in a timeline): every version in which it existed, what each step
did to it (the words changed, numbers marked), when it first appeared and when it was removed
or moved; Enter on an entry compares the two versions of that step.

`history_entries` is Textual-free (rich Text, from the History's steps); the screen lists them.
Text from the documents is appended to rich Text objects, never parsed as markup, and with its
control characters made visible (one for one, so the word offsets still hold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.app.entry_list import EntryListScreen
from tui.app.highlights import CHANGED, NUMERIC, TYPOGRAPHIC, Span, block_spans
from tui.engine.history import History, HistoryStep, PassageHistory
from tui.engine.model import Block, BlockKind, Passage
from tui.engine.pair_diffs import PairDiffs, pair_diffs
from tui.engine.safe_text import for_terminal

# Without colour every mark still reads: struck = removed words, underlined = added words,
# bold reversed = a changed number, italic = typography only (as in the panes).
OLD_STYLES = {CHANGED: Style(strike=True), NUMERIC: Style(bold=True, reverse=True, strike=True),
              TYPOGRAPHIC: Style(italic=True)}
NEW_STYLES = {CHANGED: Style(underline=True), NUMERIC: Style(bold=True, reverse=True, underline=True),
              TYPOGRAPHIC: Style(italic=True)}
WHOLE_OLD = Style(strike=True)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line (or a few) of the history, and the two versions Enter compares."""

    prompt: Text
    pair: tuple[int, int]


def marked(text: str, spans: tuple[Span, ...], styles: dict[str, Style]) -> Text:
    out = Text(for_terminal(text))
    for span in spans:
        out.stylize(styles[span.role], span.start, span.end)
    return out


def _side(passages: tuple[Passage, ...], spans: tuple[tuple[Span, ...], ...], styles: dict[str, Style],
          prefix: str) -> Text:
    out = Text(prefix)
    for k, passage in enumerate(passages):
        if k:
            out.append(" ¶ ")
        out.append_text(marked(passage.text, spans[k] if k < len(spans) else (), styles))
    return out


def _numeric(block: Block, diffs: PairDiffs) -> bool:
    left, right = block_spans(block, diffs)
    return any(span.role == NUMERIC for side in (left, right) for spans in side for span in spans)


def _step_words(history: History, step: HistoryStep) -> tuple[str, list[Text]]:
    """What a step did in words ("changed, a number changed"), and its texts: the old one
    struck where it changed, the new one underlined."""
    alignment = history.step(step.step)
    diffs = pair_diffs(alignment)
    lines: list[Text] = []
    changes: list[str] = []
    numeric = False
    for index, change in zip(step.blocks, step.changes, strict=True):
        block = alignment.blocks[index]
        if change != "equal" and change not in changes:
            changes.append(change)
        if block.moved and "moved" not in changes:
            changes.append("moved")
        if not block.left or not block.right:
            passages = block.left or block.right
            style = WHOLE_OLD if block.left else Style(underline=True)
            lines.append(_side(passages, tuple((Span(0, len(p.text), "x"),) for p in passages),
                               {"x": style}, "  − " if block.left else "  + "))
            continue
        if change == "equal":
            continue
        numeric = numeric or _numeric(block, diffs)
        left_spans, right_spans = block_spans(block, diffs)
        if block.kind is not BlockKind.EQUAL or block.typographic_only:
            lines.append(_side(block.left, left_spans, OLD_STYLES, "  − "))
        lines.append(_side(block.right, right_spans, NEW_STYLES, "  + "))
    words = ", ".join(changes) or "unchanged"
    if numeric:
        words += " — a number changed"
    return words, lines


def _version_text(history: History, version: int, indices: tuple[int, ...]) -> Text:
    units = history.units(version)
    out = Text("    ")
    for k, index in enumerate(indices):
        if k:
            out.append(" ¶ ")
        out.append(for_terminal(units[index].text))
    return out


def _heading(text: str, detail: str = "") -> Text:
    out = Text(text, Style(bold=True))
    if detail:
        out.append(" — " + detail)
    return out


def history_entries(history: History, found: PassageHistory, label=lambda v: f"v{v}") -> list[Entry]:
    """The entries of the screen, oldest first. `label(version)` names a version ("v3 a.txt")."""
    entries: list[Entry] = []
    first = found.first_version
    origin = "in the first version already" if first == 1 else "first appeared"
    prompt = _heading(label(first), origin)
    prompt.append("\n")
    prompt.append_text(_version_text(history, first, found.passages_in(first)))
    entries.append(Entry(prompt, (first - 1, first) if first > 1 else (1, 2)))
    quiet: list[int] = []  # versions in a row where it stayed as it was

    def flush() -> None:
        if quiet:
            a, b = quiet[0], quiet[-1]
            span = label(a) if a == b else f"{label(a)} … {label(b)}"
            entries.append(Entry(_heading(span, "unchanged"), (a - 1, b)))
            quiet.clear()

    for step in found.steps:
        if step.step < first:
            continue  # the step that added it: the first entry says so
        version = step.step + 1
        if not step.changed:
            quiet.append(version)
            continue
        flush()
        if all(change == "removed" for change in step.changes):
            prompt = _heading(label(version), "removed")
            _, lines = _step_words(history, step)
        else:
            words, lines = _step_words(history, step)
            prompt = _heading(label(version), words)
        for line in lines:
            prompt.append("\n")
            prompt.append_text(line)
        entries.append(Entry(prompt, (step.step, version)))
    flush()
    return entries


def summary(found: PassageHistory, passage: Passage, unit: str) -> Text:
    """One line: which passage, when it appeared, changed, moved, was removed."""
    lines = f"line {passage.start_line}" if passage.start_line == passage.end_line else (
        f"lines {passage.start_line}–{passage.end_line}")
    text = Text(f" {unit.capitalize()} {passage.index + 1} of v{found.version} ({lines})", Style(bold=True))
    parts = [f"first appeared in v{found.first_version}" if found.first_version > 1 else "in v1 already"]
    changed = [v for v in found.changed_in if v > found.first_version]
    if changed:
        shown = ", ".join(f"v{v}" for v in changed[:8]) + (" …" if len(changed) > 8 else "")
        parts.append(f"changed in {shown}")
    moved = [s.step + 1 for s in found.steps if "moved" in s.changes]
    if moved:
        parts.append("moved in " + ", ".join(f"v{v}" for v in moved[:8]))
    parts.append(f"removed in v{found.removed_in}" if found.removed_in else "still in the newest version")
    text.append(" · " + " · ".join(parts))
    return text


class PassageHistoryScreen(EntryListScreen[tuple[int, int] | None]):
    """The entries in a list: Enter compares that entry's versions, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "dismiss_none", "Close the passage history", id="diptych.history_close"),
    ]
    BORDER_TITLE = "Passage history — ↑↓ choose, Enter compares those versions, Esc closes"
    TITLE_ID = "history-summary"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._entries[event.option_index].pair)
