"""One block of the alignment as a stream of runs and paragraph marks (build.py orders the blocks).

A pair's two texts are cut by the engine's word diff into runs both versions share, runs only the
older one has and runs only the newer one has; the whitespace between the diff's token runs is
compared too, so that a space one version has and the other has not is a change of its own.
Inside preformatted passages (code, verse) whitespace is text: an indentation or a line break that
differs is tracked as well. Passage boundaries inside a block (a split or a merge) become
paragraph marks: kept by both versions, or by one of them. Taken together, the runs and marks
that accepting keeps are the newer text, and those that rejecting keeps are the older text,
token for token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import count, pairwise

from tui.engine.model import Passage, UnitKind
from tui.engine.tokens import TOKEN_RE
from tui.engine.worddiff import WordOp, diff_words
from tui.redline.classes import class_spans, pair_classes, passage_classes
from tui.redline.model import Role, Run, Summary


@dataclass(frozen=True, slots=True)
class Mark:
    """A paragraph mark in the stream: the end of a passage (`kind`, heading `level`) in the
    versions its role keeps."""

    role: Role
    kind: UnitKind
    level: int = 0


Piece = Run | Mark


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a block: its text, and the passage ends inside it as whitespace gaps."""

    text: str
    gaps: tuple[tuple[int, int], ...]  # (start, end) of the whitespace between two passages
    ends: tuple[Mark, ...]  # the mark each gap stands for (kind of the passage it ends)
    last: Mark  # the mark of the side's last passage
    preformatted: bool = False  # one of its passages is: its whitespace is text (indentation, lines)

    def gap_in(self, start: int, end: int) -> int | None:
        """The gap inside text[start:end], if any (a gap is never cut by a token)."""
        for index, (gap_start, gap_end) in enumerate(self.gaps):
            if start <= gap_start and gap_end <= end:
                return index
        return None


def side_of(document_text: str, passages: tuple[Passage, ...], role: Role) -> Side:
    base = passages[0].start_offset
    ends = tuple(passage_mark(p, role) for p in passages)
    gaps = tuple((a.end_offset - base, b.start_offset - base) for a, b in pairwise(passages))
    preformatted = any(p.kind is UnitKind.PREFORMATTED for p in passages)
    return Side(document_text[base:passages[-1].end_offset], gaps, ends[:-1], ends[-1], preformatted)


def passage_mark(passage: Passage, role: Role) -> Mark:
    return Mark(role, passage.kind, heading_level(passage.text) if passage.kind is UnitKind.HEADING else 0)


def heading_level(text: str) -> int:
    """A Markdown heading's level ("## Title": 2), a setext one's ("Title\\n===": 1, "---": 2);
    2 for a heading found by its shape (a short title line), under a document's title."""
    stripped = text.lstrip()
    hashes = len(stripped) - len(stripped.lstrip("#"))
    if 1 <= hashes <= 6:
        return hashes
    last_line = text.rstrip().rsplit("\n", 1)[-1].strip()
    if "\n" in text.strip() and last_line[:1] == "=":
        return 1
    return 2


def one_sided(side: Side, role: Role, block: int, tally: Summary) -> Iterator[Piece]:
    """A passage (or passages) only one version has: its text with `role`, and its marks."""
    classes = passage_classes(side.text)
    tally.count_change("passage", classes)
    yield from _cut_classified(side, 0, len(side.text), role, block, classes)
    yield side.last


class PairPieces:
    """The pieces of paired passages; `changes` numbers the word changes across the document,
    `tally` (when given) counts them."""

    def __init__(
        self, left: Side, right: Side, block: int, changes: count, normalize: bool, tally: Summary | None
    ) -> None:
        self.left, self.right, self.block = left, right, block
        self.changes, self.normalize, self.tally = changes, normalize, tally

    def pieces(self) -> Iterator[Piece]:
        left, right = self.left.text, self.right.text
        if left == right and not self.left.gaps and not self.right.gaps:
            yield Run(right, Role.EQUAL, self.block)
        else:
            yield from self._diff(diff_words(left, right, self.normalize))
        # The block's end: the last passage of both versions.
        yield replace(self.right.last, role=Role.EQUAL)

    def _diff(self, ops: list[WordOp]) -> Iterator[Piece]:
        # The engine's change classes of the word runs, the pair's runs seen together.
        classes = pair_classes(self.left.text, self.right.text, ops, self.normalize)
        left_at = right_at = 0
        for index, op in enumerate(ops):
            yield from self._slot(left_at, op.left_start, right_at, op.right_start)
            yield from self._op(op, classes.get(index, ()))
            left_at, right_at = op.left_end, op.right_end
        yield from self._slot(left_at, len(self.left.text), right_at, len(self.right.text))

    def _op(self, op: WordOp, classes: tuple[str, ...]) -> Iterator[Piece]:
        block = self.block
        if op.tag == "equal" and not op.typographic:
            yield from self._equal(op)
            return
        change = next(self.changes)
        if op.tag == "equal":  # the same word but for its typography: tracked, as a replacement
            yield Run(self.left.text[op.left_start:op.left_end], Role.DELETE, block,
                      typographic=True, change=change)
            yield Run(self.right.text[op.right_start:op.right_end], Role.INSERT, block,
                      typographic=True, change=change)
            return
        if self.tally is not None:
            self.tally.count_change(op.tag, classes)
        left, right = self.left, self.right
        yield from _cut_classified(left, op.left_start, op.left_end, Role.DELETE, block, classes, change)
        yield from _cut_classified(right, op.right_start, op.right_end, Role.INSERT, block, classes, change)

    def _equal(self, op: WordOp) -> Iterator[Piece]:
        """Tokens both texts have; the whitespace between them may differ, and passages may end
        between them on one side only (a split or a merge): then token by token."""
        left = self.left.text[op.left_start:op.left_end]
        right = self.right.text[op.right_start:op.right_end]
        if left == right and self.left.gap_in(op.left_start, op.left_end) is None and (
            self.right.gap_in(op.right_start, op.right_end) is None
        ):
            yield Run(right, Role.EQUAL, self.block)
            return
        left_tokens = [m.span() for m in TOKEN_RE.finditer(self.left.text, op.left_start, op.left_end)]
        right_tokens = [m.span() for m in TOKEN_RE.finditer(self.right.text, op.right_start, op.right_end)]
        previous: tuple[tuple[int, int], tuple[int, int]] | None = None
        for (ls, le), (rs, re_) in zip(left_tokens, right_tokens, strict=True):
            if previous is not None:
                yield from self._slot(previous[0][1], ls, previous[1][1], rs)
            yield Run(self.right.text[rs:re_], Role.EQUAL, self.block)
            previous = ((ls, le), (rs, re_))

    def _slot(self, left_start: int, left_end: int, right_start: int, right_end: int) -> Iterator[Piece]:
        """The whitespace between two tokens (either may be empty), where a passage may end."""
        left_space = self.left.text[left_start:left_end]
        right_space = self.right.text[right_start:right_end]
        left_gap = self.left.gap_in(left_start, left_end)
        right_gap = self.right.gap_in(right_start, right_end)
        block = self.block
        if left_gap is not None and right_gap is not None:
            yield replace(self.right.ends[right_gap], role=Role.EQUAL)
        elif left_gap is not None:  # merged: the older version's break goes
            if right_space:
                yield Run(right_space, Role.INSERT, block, typographic=True)
            yield replace(self.left.ends[left_gap], role=Role.DELETE)
        elif right_gap is not None:  # split: the newer version's break comes
            if left_space:
                yield Run(left_space, Role.DELETE, block, typographic=True)
            yield replace(self.right.ends[right_gap], role=Role.INSERT)
        elif left_space == right_space or (
            # Between words of flowed text only whether there is space counts: a redline joins
            # hard-wrapped lines, and runs of spaces read as one.
            left_space and right_space and not (self.left.preformatted or self.right.preformatted)
        ):
            if right_space:
                yield Run(right_space, Role.EQUAL, block)
        elif left_space and right_space:  # "    x" -> "        x", "a\n\nb" -> "a\nb" in a code block
            change = next(self.changes)
            yield Run(left_space, Role.DELETE, block, typographic=True, change=change)
            yield Run(right_space, Role.INSERT, block, typographic=True, change=change)
        elif left_space:  # "a, b" -> "a,b": a space only one version has
            yield Run(left_space, Role.DELETE, block, typographic=True)
        else:
            yield Run(right_space, Role.INSERT, block, typographic=True)


def _cut_classified(
    side: Side, start: int, end: int, role: Role, block: int,
    classes: tuple[str, ...], change: int | None = None,
) -> Iterator[Piece]:
    """_cut, with the things of `classes` (its numbers...) in runs of their own that have them."""
    at = start
    for span_start, span_end, span_classes in class_spans(side.text[start:end], classes):
        yield from _cut(side, at, start + span_start, role, block, change=change)
        yield from _cut(side, start + span_start, start + span_end, role, block, span_classes, change)
        at = start + span_end
    yield from _cut(side, at, end, role, block, change=change)


def _cut(
    side: Side, start: int, end: int, role: Role, block: int,
    classes: tuple[str, ...] = (), change: int | None = None,
) -> Iterator[Piece]:
    """side.text[start:end] as runs of `role`, with a mark (of that role) at each passage end."""
    for index, (gap_start, gap_end) in enumerate(side.gaps):
        if start <= gap_start and gap_end <= end:
            if gap_start > start:
                yield Run(side.text[start:gap_start], role, block, classes, change=change)
            yield replace(side.ends[index], role=role)
            start = gap_end
    if end > start:
        yield Run(side.text[start:end], role, block, classes, change=change)
