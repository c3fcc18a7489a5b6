"""The review report's model: every difference with both texts, its changed words and numbers,
and the reviewer's marks and notes, plus the marks of an earlier version that could not be carried
over. The renderers (report_markdown.py, report_html.py, report_json.py) format it and import only
this module; report.py, the facade, renders and writes files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from tui import __version__
from tui.engine.classes import ChangeClass
from tui.engine.compare import compute_stats
from tui.engine.model import Alignment, AlignOptions, Block, BlockKind, Document, Stats
from tui.engine.pair_diffs import pair_diffs
from tui.engine.positions import span_json, span_label
from tui.engine.significance import PLAIN, is_form_only, significance
from tui.engine.worddiff import WordOp
from tui.review.corrections import not_applied_text
from tui.review.identity import difference_ids, document_hash
from tui.review.store import (
    BLANK,
    CarryOver,
    MarkState,
    ReviewCounts,
    ReviewSession,
)


@dataclass(frozen=True, slots=True)
class Side:
    start_line: int
    end_line: int
    text: str  # the original text of the side's passages, as in the document
    # Where the side is in a converted document (Word, PDF...), in words and as JSON.
    position: str | None = None
    position_json: dict[str, Any] = field(default_factory=dict)

    @property
    def lines(self) -> str:
        if self.position is not None:
            return self.position
        if self.start_line == self.end_line:
            return f"line {self.start_line}"
        return f"lines {self.start_line}–{self.end_line}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text in a rendered passage. role: "equal", "delete", "insert" or "typographic"
    (different only in quotes, dashes or spaces: shown, but not a real change)."""

    text: str
    role: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """One difference, as reported."""

    number: int  # 1-based position among the differences
    block_index: int  # position in Alignment.blocks
    id: str  # DifferenceId.token: stable across runs
    kind: str  # BlockKind value
    moved: bool
    score: float | None
    typographic_only: bool
    left: Side | None
    right: Side | None
    words: tuple[WordOp, ...] | None  # None for one-sided differences; offsets into left/right text
    numbers: tuple[tuple[str, str], ...]  # (old, new) text of every change involving a number
    state: MarkState
    classes: tuple[str, ...] = ()  # the engine's change classes, most significant first
    significance: int = 0  # tui.engine.significance.significance: lower comes first
    left_passages: int = 1  # more than one on a side: a split or a merge
    right_passages: int = 1
    corrected: str | None = None  # a reviewer's correction made this block: CorrectionKind's value

    @property
    def label(self) -> str:
        """What happened, in words a reviewer uses."""
        if self.kind == BlockKind.LEFT_ONLY:
            return "Removed"
        if self.kind == BlockKind.RIGHT_ONLY:
            return "Added"
        if self.kind == BlockKind.EQUAL:
            return "Moved (text unchanged)" if self.moved else "Unchanged"
        split = self.left_passages > 1 or self.right_passages > 1
        base = "Changed (split or merged)" if split else "Changed"
        return base + (", moved" if self.moved else "")

    @property
    def carry_note(self) -> str | None:
        """How this difference's marks came from an earlier review, for every report format."""
        if self.state.carried == "fuzzy":
            return "text changed since the earlier review: flag and note carried, review again"
        if self.state.carried == "exact":
            return "marks carried from the earlier review"
        return None

    def left_segments(self) -> list[Segment]:
        return side_segments(self.left.text if self.left else "", self.words, "left")

    def right_segments(self) -> list[Segment]:
        return side_segments(self.right.text if self.right else "", self.words, "right")

    def inline_segments(self) -> list[Segment]:
        """The new text with deletions interleaved where they were (for one-column formats)."""
        if self.words is None or self.left is None or self.right is None:
            return []
        return inline_segments(self.left.text, self.right.text, self.words)


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    """One of the reviewer's corrections, as reported."""

    kind: str  # CorrectionKind's value: "paired", "unpaired", "moved", "not-moved"
    label: str  # in words
    applied: bool  # False: its passages are not (all) in these versions
    carried: bool  # taken over from the review of an earlier version
    left_excerpt: str
    right_excerpt: str
    differences: tuple[int, ...] = ()  # numbers of the differences it made

    @property
    def status(self) -> str:
        if not self.applied:
            return "not applied: its passages are not (or no longer so) in this alignment"
        return "applied, carried from an earlier review" if self.carried else "applied"


CORRECTIONS_INTRO = (
    "Pairings the reviewer corrected by hand, in the order they were made; the differences below "
    "are those of the corrected alignment."
)


@dataclass(frozen=True, slots=True)
class ReviewReport:
    left: Document
    right: Document
    left_hash: str
    right_hash: str
    options: AlignOptions
    stats: Stats
    items: tuple[Item, ...]
    counts: ReviewCounts
    carry: CarryOver
    store_path: str | None  # None when there was no review store to read
    generated: float  # seconds since the epoch
    version: str = __version__
    notes: int = field(default=0)  # differences with a note
    corrections: tuple[CorrectionEntry, ...] = ()

    @property
    def by_significance(self) -> tuple[Item, ...]:
        """The differences that change a thing of meaning (a number, an amount, a date, a
        negation, a modal, a quotation, a name), most significant first, ties in reading order."""
        return tuple(sorted((i for i in self.items if i.significance < PLAIN), key=lambda i: i.significance))

    @property
    def corrections_not_applied(self) -> str:
        """"2 corrections could not be applied: their passages changed.", or "" when none."""
        count = sum(1 for c in self.corrections if not c.applied)
        return not_applied_text(count) + "." if count else ""

    @property
    def numeric_items(self) -> int:
        return sum(1 for item in self.items if item.numbers)

    def summary_rows(self) -> list[tuple[str, str]]:
        """The summary table shared by the Markdown and HTML reports: (label, value) rows."""
        s, c = self.stats, self.counts
        return [
            ("Differences to review", str(c.total)),
            ("Reviewed", f"{c.reviewed} of {c.total}"),
            ("Flagged", str(c.flagged)),
            ("With a note", str(self.notes)),
            ("With a changed number", str(self.numeric_items)),
            ("Changed passages", str(s.changed)),
            ("Moved passages", str(s.moved)),
            ("Removed (left only)", str(s.left_only)),
            ("Added (right only)", str(s.right_only)),
            ("Unchanged passages", str(s.equal)),
            ("Typographic-only changes (not counted)", str(s.typographic_only)),
            ("Left text matched", f"{s.left_matched * 100:.1f} %"),
            ("Right text matched", f"{s.right_matched * 100:.1f} %"),
        ]


def _side(block: Block, doc: Document, which: str) -> Side | None:
    passages = block.left if which == "left" else block.right
    if not passages:
        return None
    start, end = passages[0].start_offset, passages[-1].end_offset
    first, last = passages[0], passages[-1]
    return Side(first.start_line, last.end_line, doc.text[start:end],
                span_label(doc, first, last), span_json(doc, first, last))


def build_report(
    alignment: Alignment, session: ReviewSession | None = None, *, now: float | None = None
) -> ReviewReport:
    """The report of `alignment`, with the marks of `session` (which must be of this alignment)."""
    if session is not None and session.alignment is not alignment:
        raise ValueError("the review session belongs to another alignment")
    # The session identified every difference when it was opened (hashing each one's text).
    ids = session.ids if session is not None else difference_ids(alignment.blocks)
    corrected = session.corrected.marks if session is not None else {}
    diffs = pair_diffs(alignment)  # the pairs' word diffs, shared with the app's panes and strip
    items: list[Item] = []
    for number, index in enumerate(sorted(ids), start=1):
        block = alignment.blocks[index]
        left, right = _side(block, alignment.left, "left"), _side(block, alignment.right, "right")
        words: tuple[WordOp, ...] | None = None
        numbers: tuple[tuple[str, str], ...] = ()
        classes: tuple[ChangeClass, ...] = ()
        form_only = False
        if left is not None and right is not None:
            words = diffs.ops(block)  # offsets into left.text and right.text: the same slices
            numbers = tuple(
                (left.text[op.left_start:op.left_end], right.text[op.right_start:op.right_end])
                for op in words if op.numeric
            )
            classes, form_only = diffs.classes(block), is_form_only(diffs.runs(block))
        elif left is not None or right is not None:
            # A removed or added passage: every number in it is a changed number.
            numbers = _numbers_of_one_side(left, right)
            classes = diffs.classes(block)  # its text's, cached for the app's status bar and filter
        items.append(Item(
            number=number, block_index=index, id=ids[index].token, kind=str(block.kind), moved=block.moved,
            score=block.score, typographic_only=block.typographic_only, left=left, right=right,
            words=words, numbers=numbers, state=session.state(index) if session is not None else BLANK,
            classes=tuple(str(c) for c in classes),
            significance=significance(block.kind, classes, form_only or block.typographic_only),
            left_passages=len(block.left), right_passages=len(block.right),
            corrected=str(corrected[index].kind) if index in corrected else None,
        ))
    counts = session.counts() if session is not None else ReviewCounts(0, 0, len(items))
    return ReviewReport(
        left=alignment.left, right=alignment.right,
        left_hash=document_hash(alignment.left), right_hash=document_hash(alignment.right),
        options=alignment.options, stats=compute_stats(alignment), items=tuple(items), counts=counts,
        carry=session.carry if session is not None else CarryOver(),
        store_path=session.store_path if session is not None else None,
        generated=time.time() if now is None else now,
        notes=sum(1 for item in items if item.state.note),
        corrections=_corrections(session, items) if session is not None else (),
    )


def with_marks_of(report: ReviewReport, session: ReviewSession) -> ReviewReport:
    """`report`, built from `session` (the app builds a large one in a worker thread), with the
    session's marks as they are now: the reviewer may have marked a difference meanwhile.
    The report itself when none changed."""
    items = tuple(
        item if (state := session.state(item.block_index)) == item.state else replace(item, state=state)
        for item in report.items
    )
    if all(new is old for new, old in zip(items, report.items, strict=True)):
        return report
    notes = sum(1 for item in items if item.state.note)
    return replace(report, items=items, counts=session.counts(), notes=notes)


def _corrections(session: ReviewSession, items: list[Item]) -> tuple[CorrectionEntry, ...]:
    """Every correction of the review, with the differences each one made."""
    applied = {c.target for c in session.corrected.applied}
    marks = session.corrected.marks
    out = []
    for c in session.corrections():
        numbers = tuple(
            i.number for i in items if i.block_index in marks and marks[i.block_index].target == c.target
        )
        out.append(CorrectionEntry(
            str(c.kind), c.kind.label, c.target in applied and not c.lost, c.carried,
            c.left_excerpt, c.right_excerpt, numbers,
        ))
    return tuple(out)


SHORT_RUN_WORDS = 5


def number_excerpt(text: str) -> str:
    """A changed run as a "Numbers changed:" line shows it: a short run whole, without the
    punctuation at its ends ("nine to four", "63"); a longer one by its numbers alone: the run
    ". At least one person has been pulled alive from under the rubble" reads "one", where its
    first characters would hide the number the line is about."""
    from tui.engine.tokens import WORD_RE, is_numeric, tokenize

    text = " ".join(text.split())
    words = list(WORD_RE.finditer(text))
    if len(words) <= SHORT_RUN_WORDS:
        return text[words[0].start():words[-1].end()] if words else text
    return ", ".join(t.text for t in tokenize(text) if is_numeric(t.text))


SIGNIFICANT_INTRO = (
    "Differences that change a number, an amount, a date, a negation, a modal word, a quotation or a "
    "name, most significant first (a changed pair before a passage added or removed); every difference "
    "follows in reading order under Differences."
)
SIGNIFICANT_EXCERPT_WORDS = 12


def significant_excerpt(item: Item) -> str:
    """What a "Most significant first" line shows of a difference: its changed numbers when a
    pair has some ("nine → eight"), else the first words of its newer (or only) text."""
    if item.words is not None and item.numbers and "number" in item.classes:
        return "; ".join(f"{number_excerpt(old) or '(none)'} → {number_excerpt(new) or '(none)'}"
                         for old, new in item.numbers)
    side = item.right or item.left
    words = side.text.split() if side else []
    more = "…" if len(words) > SIGNIFICANT_EXCERPT_WORDS else ""
    return " ".join(words[:SIGNIFICANT_EXCERPT_WORDS]) + more


def where_lines(item: Item) -> str:
    sides = (("left", item.left), ("right", item.right))
    return " → ".join(f"{name} {side.lines}" for name, side in sides if side)


def _numbers_of_one_side(left: Side | None, right: Side | None) -> tuple[tuple[str, str], ...]:
    from tui.engine.tokens import is_numeric, tokenize

    if left is not None:
        return tuple((t.text, "") for t in tokenize(left.text) if is_numeric(t.text))
    assert right is not None
    return tuple(("", t.text) for t in tokenize(right.text) if is_numeric(t.text))


# -- segments ------------------------------------------------------------------------------------


def side_segments(text: str, words: tuple[WordOp, ...] | None, side: str) -> list[Segment]:
    """`text` (one side of a pair) cut into runs: unchanged, changed on this side, typographic."""
    if words is None:
        return [Segment(text, "equal")] if text else []
    out: list[Segment] = []
    pos = 0
    changed_role = "delete" if side == "left" else "insert"
    for op in words:
        start, end = (op.left_start, op.left_end) if side == "left" else (op.right_start, op.right_end)
        if start >= end:
            continue  # nothing of this op on this side (an insertion seen from the left)
        if start > pos:
            out.append(Segment(text[pos:start], "equal"))
        if op.tag == "equal":
            out.append(Segment(text[start:end], "typographic" if op.typographic else "equal"))
        else:
            out.append(Segment(text[start:end], changed_role, op.numeric))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:], "equal"))
    return _merge_equal(out)


def inline_segments(left: str, right: str, words: tuple[WordOp, ...]) -> list[Segment]:
    """The right text, with each deleted or replaced run of the left text just before where it was."""
    out: list[Segment] = []
    pos = 0  # in the right text

    def gap(text: str) -> None:
        if text:
            out.append(Segment(text, "equal"))

    for op in words:
        if op.right_start > pos:
            gap(right[pos:op.right_start])
            pos = op.right_start
        if op.tag == "equal":
            role = "typographic" if op.typographic else "equal"
            out.append(Segment(right[op.right_start:op.right_end], role))
        else:
            if op.left_end > op.left_start:
                if out and not out[-1].text[-1:].isspace():
                    gap(" ")
                out.append(Segment(left[op.left_start:op.left_end], "delete", op.numeric))
                if op.right_end > op.right_start or not right[pos:pos + 1].isspace():
                    gap(" ")  # keep the deleted words apart from what follows
            if op.right_end > op.right_start:
                out.append(Segment(right[op.right_start:op.right_end], "insert", op.numeric))
        pos = max(pos, op.right_end)
    gap(right[pos:])
    return _merge_equal(out)


def _merge_equal(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if out and seg.role == "equal" and out[-1].role == "equal":
            out[-1] = Segment(out[-1].text + seg.text, "equal")
        else:
            out.append(seg)
    return out
