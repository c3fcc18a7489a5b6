"""Texts of the header and the status bar, built from the app's state.

Kept free of Textual so the wording can be tested directly; the widgets only display them (as
rich Text, never as markup: file names can contain "[").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from tui.app.layout import Layout
from tui.app.navigation import Stop
from tui.engine.model import Block, BlockKind, Document, Stats
from tui.engine.positions import format_label
from tui.engine.reading import shown_name
from tui.engine.safe_text import for_terminal
from tui.engine.tokens import words


def document_label(doc: Document, width: int | None = None) -> str:
    """File name, plus its encoding when not UTF-8 (a reviewer must know a file was guessed) and
    its format when it is not plain text ("Word, changes accepted").
    When `width` is given and the path does not fit, the base name is used, then cut with "…"."""
    details = [] if doc.encoding.lower() in ("utf-8", "utf8") else [doc.encoding]
    fmt = format_label(doc)
    if fmt is not None:
        details.insert(0, fmt)
    encoding = f" ({', '.join(details)})" if details else ""
    path = shown_name(doc.path)
    name = for_terminal(path) + encoding
    if width is None or cell_len(name) <= width:
        return name
    name = for_terminal(os.path.basename(path) or path) + encoding
    if cell_len(name) <= width:
        return name
    return set_cell_size(name, max(0, width - 1)) + "…"


def document_notes(left: Document, right: Document) -> str:
    notes = []
    if left.note:
        notes.append(f"left: {for_terminal(left.note)}")
    if right.note:
        notes.append(f"right: {for_terminal(right.note)}")
    return " · ".join(notes)


def kind_name(block: Block) -> str:
    if block.moved:
        detail = "changed" if block.kind is BlockKind.CHANGED else "unchanged"
        return f"moved ({detail})"
    if block.kind is BlockKind.EQUAL:
        return "typographic only" if block.typographic_only else "equal"
    return {BlockKind.CHANGED: "changed", BlockKind.LEFT_ONLY: "left only",
            BlockKind.RIGHT_ONLY: "right only"}[block.kind]


def stop_summary(blocks: list[Block], stops: list[Stop], current: int | None) -> str:
    if not stops:
        return "no differences"
    if current is None:
        return f"diff –/{sum(s.count for s in stops)}"
    # Differences are counted one by one, as the review counter and the report count them: a
    # run of 42 one-sided passages is one stop for n/p, and 42 differences ("diffs 11–52/92").
    stop = stops[current]
    block = blocks[stop.first]
    total = sum(s.count for s in stops)
    first = sum(s.count for s in stops[:current]) + 1
    if stop.count > 1:
        text = f"diffs {first}–{first + stop.count - 1}/{total} {kind_name(block)}"
    else:
        text = f"diff {first}/{total} {kind_name(block)}"
    if block.score is not None and block.kind is BlockKind.CHANGED:
        text += ", " + score_words(block)
    return text


def score_words(block: Block) -> str:
    """"score 0.83", or what changed when the words are all the same: "changed, score 1.00"
    would read as a contradiction."""
    score = block.score or 0.0
    if round(score, 2) < 1.0:
        return f"score {score:.2f}"
    left = words(" ".join(p.text for p in block.left).casefold())
    right = words(" ".join(p.text for p in block.right).casefold())
    return "only punctuation/case/markup" if left == right else "score 0.99"  # some word differs


def totals(stats: Stats) -> str:
    return (
        f"={stats.equal} ~{stats.changed} ↕{stats.moved} <{stats.left_only} >{stats.right_only}"
    )


def shares(stats: Stats) -> str:
    return f"left {stats.left_matched:.0%} found in right, right {stats.right_matched:.0%} in left"


def short_shares(stats: Stats) -> str:
    return f"L {stats.left_matched:.0%}→R, R {stats.right_matched:.0%}→L"


@dataclass(frozen=True, slots=True)
class StatusState:
    position: str  # stop_summary(...)
    stats: Stats | None  # None until the first alignment is done
    unit: str
    threshold: float
    busy: str | None = None  # "aligning…" while a worker runs
    search: str | None = None  # "search 'x' 2/9" while a search is active
    folded: bool = False  # equal passages folded (f)
    review: str | None = None  # "reviewed 3/92, flagged 1"
    review_state: str | None = None  # the current difference's marks in words
    filter: str | None = None  # "filter: number (of 92)" while a filter is set (F, z)
    classes: str | None = None  # the current difference's change classes: "number, date"


def status_line(state: StatusState, width: int) -> str:
    """The most useful parts that fit: position first (with the current difference's change
    classes when they fit beside everything the reviewer checks: its marks, the review count),
    then totals, shares, settings."""
    if state.classes and not state.busy:
        with_classes = replace(state, position=f"{state.position} [{state.classes}]", classes=None)
        line = _status_line(with_classes, width)
        kept = (with_classes.position, state.review_state, state.review)
        if all(part in line for part in kept if part):
            return line
    return _status_line(state, width)


def _status_line(state: StatusState, width: int) -> str:
    unit = "sentences" if state.unit == "sentence" else "paragraphs"
    first = state.busy or state.position
    if state.filter and not state.busy:
        first = f"{first} · {state.filter}"
    if state.folded:
        first = f"{first} │ only differences"
    if state.search:
        first = f"{first} │ {state.search}"
    if state.stats is None:  # nothing aligned yet
        return set_cell_size(" " + first, width) if cell_len(" " + first) > width else " " + first
    # Review progress outlasts the totals and shares: it is what a reviewer checks most.
    review = [state.review] if state.review else []
    marked = f"{first} — {state.review_state}" if state.review_state else first
    settings = f"{unit} ≥{state.threshold:.2f}"
    candidates = [
        [marked, *review, totals(state.stats), shares(state.stats), settings],
        [marked, *review, totals(state.stats), short_shares(state.stats), settings],
        [marked, *review, totals(state.stats), settings],
        [marked, *review, settings],
        [marked, *review],
        [first, *review],
        [first],
    ]
    for parts in candidates:
        text = " " + " │ ".join(parts)
        if cell_len(text) <= width:
            if parts[0] is not marked and marked is not first:
                break  # the marks in words would be dropped: cut a long note short instead
            return text
    note_at = marked.find(NOTE_LABEL)
    if marked is not first and note_at >= 0:
        # "not reviewed, flagged, note: Ask the d…" with the review count, rather than nothing.
        rest = cell_len(" " + " │ ".join(["", *review]))
        room = width - rest
        if room >= cell_len(marked[: note_at + len(NOTE_LABEL)]) + MIN_NOTE_CELLS:
            return " " + " │ ".join([_cut(marked, room), *review])
    for parts in candidates:
        if parts[0] is not marked:
            text = " " + " │ ".join(parts)
            if cell_len(text) <= width:
                return text
    return set_cell_size(" " + first, width)


NOTE_LABEL = "note: "  # as tui.review.marks.state_words writes it
MIN_NOTE_CELLS = 12  # of a note's beginning: less is not worth keeping over the totals


def _cut(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, width - 1).rstrip() + "…"


HINTS = (
    ("n/p", "diff"), ("m", "moved"), ("f", "fold"), ("s", "units"), ("t/T", "threshold"),
    ("/", "search"), ("?", "help"), ("q", "quit"),
)


def hint_line(width: int, searching: bool = False, matched: bool = True) -> str:
    """The key hints; while a search is on, n/N step its matches, or the differences as usual
    when it matched nothing (and the hint says so)."""
    hints = list(HINTS)
    if searching:
        if matched:
            hints[0] = ("n/N", "match")
        hints.insert(1, ("esc", "end search"))
    out = ""
    for key, what in hints:
        piece = f" {key} {what} "
        if cell_len(out + piece) > width:
            break
        out += piece
    return out


def header_text(left: Document, right: Document, layout: Layout | None, width: int) -> Text:
    """One line with both names (side by side: each over its own pane), and a second line with
    decoding notes when there are any."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if layout is not None and not layout.stacked:
        geo = layout.geometry
        half = 1 + geo.number_width + 1 + geo.left_text
        text.append(" ◧ ", "bold")
        text.append(_pad(document_label(left, half - 4), half - 3), "bold")
        text.append(" │ ◨ ", "bold")
        text.append(document_label(right, max(1, width - half - 6)), "bold")
    else:
        suffix = "  · stacked" if layout is not None else ""
        room = max(2, (width - 8 - len(suffix)) // 2)
        text.append(" L ", "bold")
        text.append(document_label(left, room))
        text.append("  R ", "bold")
        text.append(document_label(right, room))
        text.append(suffix, "italic")
    notes = document_notes(left, right)
    if notes:
        text.append("\n " + notes)
    return text


def _pad(text: str, width: int) -> str:
    if width <= 1:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
