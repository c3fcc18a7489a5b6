"""Lineage: passages followed through the versions of a history (V1..VN, oldest first).

A passage of version k and a passage of version k+1 are the same passage when step k (the
alignment of versions k → k+1) pairs them: an equal or a changed block, moved or not. A split
(1→2) or a merge (2→1) links each passage of one side with each of the other, so lineage
branches there. Passages joined by such links across any number of steps form a *strand* (a
connected component): one entry of the "lineage" of `diptych --json` with many versions. The
history of one passage (`History.passage_history`) is narrower: its ancestors and descendants.

`LineageBuilder` is fed the steps oldest first and keeps of each only which block holds each
passage (`StepLinks`), so a long history streams through it. For the passages of the newest
version it follows when each was introduced, last changed and last moved, and the version in
which each of its words first appeared (blame). Versions and steps are numbered from 1: step k
goes from version k to version k+1.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.engine.model import Alignment, Block, BlockKind, Passage
from tui.engine.tokens import NUMBER_WORDS, TOKEN_RE, WORD_RE
from tui.engine.worddiff import diff_words

# The version of each word (token) of a passage, in order; an int when all are of one version
# (most passages: shared from version to version while they stay equal, never expanded).
Origins = int | list[int]


def change_of(block: Block) -> str:
    """What a step did to the passages of a block, in a reader's words: "added", "removed",
    "changed", "split", "merged", "moved" (the same text in another place) or "equal"."""
    if block.kind is BlockKind.RIGHT_ONLY:
        return "added"
    if block.kind is BlockKind.LEFT_ONLY:
        return "removed"
    # Several passages into one, or one into several, is a change even when the words are the
    # same (the aligner calls a merge of unchanged paragraphs equal).
    if len(block.left) > len(block.right):
        return "merged"
    if len(block.right) > len(block.left):
        return "split"
    if block.kind is BlockKind.EQUAL:
        return "moved" if block.moved else "equal"
    return "changed"


@dataclass(frozen=True, slots=True)
class StepLinks:
    """A step without its text: each block's kind and passages, and each passage's block."""

    changes: tuple[str, ...]  # change_of each block
    moved: tuple[bool, ...]
    left: tuple[tuple[int, ...], ...]  # per block: its passages in the older version
    right: tuple[tuple[int, ...], ...]  # ... and in the newer one
    block_of_left: tuple[int, ...]  # per passage of the older version: its block
    block_of_right: tuple[int, ...]

    @classmethod
    def of(cls, alignment: Alignment) -> StepLinks:
        blocks = alignment.blocks
        block_of_left = [0] * len(alignment.left_units)
        block_of_right = [0] * len(alignment.right_units)
        for b, block in enumerate(blocks):
            for p in block.left:
                block_of_left[p.index] = b
            for p in block.right:
                block_of_right[p.index] = b
        return cls(
            changes=tuple(change_of(block) for block in blocks),
            moved=tuple(block.moved for block in blocks),
            left=tuple(tuple(p.index for p in block.left) for block in blocks),
            right=tuple(tuple(p.index for p in block.right) for block in blocks),
            block_of_left=tuple(block_of_left),
            block_of_right=tuple(block_of_right),
        )


class PassageRef(NamedTuple):
    index: int  # position in its version's passages (paragraphs, or sentences)
    start_line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Event:
    """A step that did something to a strand: one block of that step."""

    step: int  # from version `step` to `step + 1`
    block: int  # index in that step's blocks
    change: str  # "added", "removed", "changed", "split", "merged" or "moved"
    moved: bool
    numeric: bool  # a number changed (in a pair's words; any number of an added or removed passage)


@dataclass(frozen=True, slots=True)
class Strand:
    """Passages linked across versions: one passage through its history, with its splits and
    merges. It exists in every version from `first_version` to `last_version`."""

    id: int
    first_version: int
    last_version: int
    removed_in: int | None  # the first version without it; None when it is in the newest
    passages: tuple[tuple[PassageRef, ...], ...]  # per version, first_version..last_version
    events: tuple[Event, ...]  # in step order; steps that left it equal and in place are omitted


@dataclass(frozen=True, slots=True)
class Blame:
    """Where a passage of the newest version comes from."""

    passage: Passage
    strand: int  # Strand.id
    introduced: int  # the version its oldest ancestor appeared in
    changed: int  # the version of the last change of its text (`introduced` when none since)
    moved: int | None  # the version it last moved in (None: never moved)
    words: tuple[tuple[int, int, int], ...]  # (start, end, version): runs of words by the version
    # each first appeared in, offsets into passage.text (the spaces between two runs in neither)


_DIGIT = re.compile(r"\d")


def has_number(text: str) -> bool:
    """Digits or a number word anywhere in `text` (as the word diff flags numbers)."""
    return bool(_DIGIT.search(text)) or not NUMBER_WORDS.isdisjoint(
        word.casefold() for word in WORD_RE.findall(text)
    )


def _token_starts(passages: Sequence[Passage], base: int) -> tuple[list[int], list[int]]:
    """Start offsets (relative to `base`) of the tokens of some passages, and each one's count."""
    starts: list[int] = []
    counts: list[int] = []
    for p in passages:
        shift = p.start_offset - base
        found = [m.start() + shift for m in TOKEN_RE.finditer(p.text)]
        starts.extend(found)
        counts.append(len(found))
    return starts, counts


def _expanded(origins: Origins, count: int) -> list[int]:
    if isinstance(origins, int):
        return [origins] * count
    if len(origins) == count:
        return origins
    return [max(origins)] * count  # never expected: claim the newest of its versions, not older


def _compact(versions: list[int]) -> Origins:
    if versions and all(v == versions[0] for v in versions):
        return versions[0]
    return versions


def carry_words(
    block: Block, left_origins: Sequence[Origins], alignment: Alignment, version: int
) -> tuple[list[Origins], bool]:
    """The origins of the words of a pair's right passages, from those of its left passages:
    a word the word diff finds unchanged keeps its version, others are of `version`. Also
    whether a number changed."""
    left_base, right_base = block.left[0].start_offset, block.right[0].start_offset
    left_text = alignment.left.text[left_base : block.left[-1].end_offset]
    right_text = alignment.right.text[right_base : block.right[-1].end_offset]
    left_starts, left_counts = _token_starts(block.left, left_base)
    right_starts, right_counts = _token_starts(block.right, right_base)
    left_versions = [v for o, n in zip(left_origins, left_counts, strict=True) for v in _expanded(o, n)]
    right_versions = [version] * len(right_starts)
    numeric = False
    for op in diff_words(left_text, right_text, alignment.options.normalize):
        if op.tag != "equal":
            numeric = numeric or op.numeric
            continue
        lo, hi = bisect_left(left_starts, op.left_start), bisect_left(left_starts, op.left_end)
        ro, rhi = bisect_left(right_starts, op.right_start), bisect_left(right_starts, op.right_end)
        right_versions[ro : ro + min(hi - lo, rhi - ro)] = left_versions[lo : lo + min(hi - lo, rhi - ro)]
    out: list[Origins] = []
    at = 0
    for count in right_counts:
        out.append(_compact(right_versions[at : at + count]))
        at += count
    return out, numeric


def word_runs(passage: Passage, origins: Origins) -> tuple[tuple[int, int, int], ...]:
    """(start, end, version) runs of consecutive words of one version."""
    if isinstance(origins, int):
        return ((0, len(passage.text), origins),)
    spans = [m.span() for m in TOKEN_RE.finditer(passage.text)]
    versions = _expanded(origins, len(spans))
    runs: list[tuple[int, int, int]] = []
    for (start, end), version in zip(spans, versions, strict=True):
        if runs and runs[-1][2] == version:
            runs[-1] = (runs[-1][0], end, version)
        else:
            runs.append((start, end, version))
    return tuple(runs)


class LineageBuilder:
    """Fed the steps oldest first (`add_step`); then `strands()` and `blame()` of the newest."""

    def __init__(self, first: Sequence[Passage]):
        self._starts: list[int] = []  # node number of each version's first passage
        self._lines: list[list[tuple[int, int]]] = []  # per version, each passage's lines
        self._parent: list[int] = []  # union-find over nodes (a node: one passage of one version)
        self._events: list[tuple[Event, int]] = []  # with a node of the strand it belongs to
        self._add_version(first)
        self._newest = list(first)
        count = len(first)
        self._introduced = [1] * count
        self._changed = [1] * count
        self._moved: list[int | None] = [None] * count
        self._origins: list[Origins] = [1] * count

    @property
    def versions(self) -> int:
        return len(self._starts)

    def _add_version(self, passages: Sequence[Passage]) -> None:
        start = len(self._parent)
        self._starts.append(start)
        self._lines.append([(p.start_line, p.end_line) for p in passages])
        self._parent.extend(range(start, start + len(passages)))

    def _find(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)  # the root is a strand's oldest passage

    def add_step(self, alignment: Alignment) -> None:
        """The alignment of the newest version so far (left) with the next one (right)."""
        if len(alignment.left_units) != len(self._newest):
            raise ValueError("the step does not start from the newest version")
        step = self.versions
        version = step + 1
        old, new = self._starts[-1], len(self._parent)
        self._add_version(alignment.right_units)
        count = len(alignment.right_units)
        introduced = [version] * count
        changed = [version] * count
        moved: list[int | None] = [None] * count
        origins: list[Origins] = [version] * count
        for b, block in enumerate(alignment.blocks):
            change = change_of(block)
            if not block.right:  # removed: an event of each passage's strand
                for p in block.left:
                    self._events.append((Event(step, b, change, False, has_number(p.text)), old + p.index))
                continue
            if not block.left:  # added: each passage is new, a strand of its own for now
                for p in block.right:
                    self._events.append((Event(step, b, change, False, has_number(p.text)), new + p.index))
                continue
            lefts = [p.index for p in block.left]
            for p in block.left[1:]:
                self._union(old + lefts[0], old + p.index)
            for p in block.right:
                self._union(old + lefts[0], new + p.index)
            numeric = False
            if change == "equal" and len(lefts) == 1 == len(block.right) and not block.typographic_only:
                carried: list[Origins] = [self._origins[lefts[0]]]  # the same words: shared
            else:
                carried, numeric = carry_words(block, [self._origins[i] for i in lefts], alignment, version)
            born = min(self._introduced[i] for i in lefts)
            last_change = max(self._changed[i] for i in lefts)
            last_moves = [m for i in lefts if (m := self._moved[i]) is not None]
            last_move = version if block.moved else max(last_moves, default=None)
            for p, words in zip(block.right, carried, strict=True):
                introduced[p.index] = born
                changed[p.index] = last_change if change in ("equal", "moved") else version
                moved[p.index] = last_move
                origins[p.index] = words
            if change != "equal":
                self._events.append((Event(step, b, change, block.moved, numeric), old + lefts[0]))
        self._newest = list(alignment.right_units)
        self._introduced, self._changed, self._moved, self._origins = introduced, changed, moved, origins

    def _roots(self) -> tuple[list[int], dict[int, int]]:
        """Each node's root, and each root's strand id (strands in order of their oldest passage)."""
        roots = [self._find(node) for node in range(len(self._parent))]
        ids: dict[int, int] = {}
        for root in roots:  # nodes go version by version: roots come oldest passage first
            if root not in ids:
                ids[root] = len(ids)
        return roots, ids

    def strands(self) -> list[Strand]:
        roots, ids = self._roots()
        members: list[list[list[PassageRef]]] = [[] for _ in ids]  # per strand, per version
        first: list[int] = [0] * len(ids)
        for v, (start, lines) in enumerate(zip(self._starts, self._lines, strict=True), start=1):
            for index, (start_line, end_line) in enumerate(lines):
                sid = ids[roots[start + index]]
                versions = members[sid]
                if not versions:
                    first[sid] = v
                while first[sid] + len(versions) <= v:
                    versions.append([])
                versions[v - first[sid]].append(PassageRef(index, start_line, end_line))
        events: list[list[Event]] = [[] for _ in ids]
        for event, node in self._events:
            found = events[ids[roots[node]]]
            if found and (found[-1].step, found[-1].block) == (event.step, event.block):
                # Two passages of one added or removed block in the same strand: one event.
                if event.numeric and not found[-1].numeric:
                    found[-1] = event
                continue
            found.append(event)
        newest = self.versions
        out: list[Strand] = []
        for sid, versions in enumerate(members):
            last = first[sid] + len(versions) - 1
            out.append(Strand(
                id=sid, first_version=first[sid], last_version=last,
                removed_in=None if last == newest else last + 1,
                passages=tuple(tuple(refs) for refs in versions),
                events=tuple(sorted(events[sid], key=lambda e: (e.step, e.block))),
            ))
        return out

    def blame(self) -> list[Blame]:
        """Each passage of the newest version: where it comes from."""
        roots, ids = self._roots()
        start = self._starts[-1]
        return [
            Blame(
                passage=p, strand=ids[roots[start + p.index]], introduced=self._introduced[p.index],
                changed=self._changed[p.index], moved=self._moved[p.index],
                words=word_runs(p, self._origins[p.index]),
            )
            for p in self._newest
        ]
