"""An alignment (and a reviewer's marks) -> the Redline every format renders.

Order: the newer version's passages in their order, with each removed passage where it was. The
blocks come in the older version's order and their non-moved pairs are in order on both sides
(the engine's invariant, checked here all the same); a moved pair is cut in two, its older text
staying where it was (moved from) and its newer text going where the newer version has it
(moved to), before the first block that comes after it in the newer version.

Paragraph marks: every passage ends with a mark that the versions holding it keep. Word (and so
every format here) ends a document with a paragraph that has no mark of its own, so the last mark
each version keeps is not written: what follows it joins that version's last paragraph, and a
mark no version keeps joins its two paragraphs (a removed last passage sits in the same paragraph
as the inserted one that replaced it).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import count

from tui.engine.model import Alignment, Block, BlockKind
from tui.redline.model import (
    ACCEPTED,
    ONLY_NEWER,
    ONLY_OLDER,
    REJECTED,
    Move,
    Note,
    Paragraph,
    Redline,
    Role,
    Run,
    Summary,
)
from tui.redline.pieces import Mark, PairPieces, Piece, Side, one_sided, side_of


@dataclass(frozen=True, slots=True)
class ReviewerMark:
    """What a reviewer wrote on a difference (from the review store)."""

    note: str
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class _Item:
    """A block, or one place of a moved block, in the redline's order."""

    block: int
    place: str  # "pair", "left" (removed, or moved from), "right" (inserted, or moved to)
    right_index: int | None  # the first newer passage it holds, for ordering
    move: int | None = None


def build_redline(
    alignment: Alignment, marks: Mapping[int, ReviewerMark] | None = None, *, generated: float
) -> Redline:
    """The redline of `alignment`; `marks`: reviewer's notes and flags by block index."""
    items, moves = _order(alignment.blocks)
    changes = count(1)
    summary = _block_counts(alignment.blocks)
    stream: list[Piece] = []
    moved: dict[int, list[Piece]] = {}
    for item in items:
        stream.extend(_pieces(alignment, item, changes, summary, moved))
    paragraphs = _paragraphs(stream)
    _shift_marks_after_changed_ends(paragraphs)
    move_places = _move_places(paragraphs, moves)
    notes = _notes(paragraphs, marks or {})
    summary.notes = len(notes)
    return Redline(
        left=alignment.left, right=alignment.right, options=alignment.options, paragraphs=paragraphs,
        moves=move_places, notes=notes, summary=summary, generated=generated,
    )


# -- order -----------------------------------------------------------------------------------------


def _order(blocks: list[Block]) -> tuple[list[_Item], dict[int, int]]:
    """The items in the redline's order, and the move number of each moved block."""
    base: list[_Item] = []
    displaced: list[_Item] = []
    moves: dict[int, int] = {}
    last_right = -1
    for index, block in enumerate(blocks):
        paired = bool(block.left) and bool(block.right)
        first_right = block.right[0].index if block.right else None
        in_order = first_right is None or first_right > last_right
        if paired and (block.moved or not in_order):
            moves[index] = len(moves) + 1
            base.append(_Item(index, "left", None, moves[index]))
            displaced.append(_Item(index, "right", first_right, moves[index]))
        elif paired:
            base.append(_Item(index, "pair", first_right))
        elif block.left:
            base.append(_Item(index, "left", None))
        elif in_order:
            base.append(_Item(index, "right", first_right))
        else:
            displaced.append(_Item(index, "right", first_right))
        if first_right is not None and in_order and not block.moved:
            last_right = block.right[-1].index
    return _place(base, displaced), moves


def _place(base: list[_Item], displaced: list[_Item]) -> list[_Item]:
    """`base` with each displaced item put before the first item that comes after it in the
    newer version."""
    positions = [i for i, item in enumerate(base) if item.right_index is not None]
    firsts = [base[i].right_index or 0 for i in positions]
    before: dict[int, list[_Item]] = {}
    for item in sorted(displaced, key=lambda item: item.right_index or 0):
        k = bisect.bisect_right(firsts, item.right_index or 0)
        before.setdefault(positions[k] if k < len(positions) else len(base), []).append(item)
    out: list[_Item] = []
    for i, item in enumerate(base):
        out.extend(before.get(i, ()))
        out.append(item)
    out.extend(before.get(len(base), ()))
    return out


# -- pieces ----------------------------------------------------------------------------------------


def _pieces(
    alignment: Alignment, item: _Item, changes: count, summary: Summary, moved: dict[int, list[Piece]]
) -> Iterator[Piece]:
    """The item's pieces; `moved` keeps a moved pair's pieces for its other place."""
    block = alignment.blocks[item.block]
    normalize = alignment.options.normalize
    if item.place != "pair" and item.move is None:  # removed or inserted
        removed = item.place == "left"
        doc, passages = (alignment.left, block.left) if removed else (alignment.right, block.right)
        role = Role.DELETE if removed else Role.INSERT
        yield from one_sided(side_of(doc.text, passages, role), role, item.block, summary)
        return
    if item.move is None or item.block not in moved:
        left = side_of(alignment.left.text, block.left, Role.EQUAL)
        right = side_of(alignment.right.text, block.right, Role.EQUAL)
        pieces = PairPieces(left, right, item.block, changes, normalize, summary).pieces()
        if item.move is None:
            yield from pieces
            return
        moved[item.block] = list(pieces)
    # One place of a moved pair: the pair's pieces as that version has them.
    kept, as_moved = (REJECTED, Role.MOVE_FROM) if item.place == "left" else (ACCEPTED, Role.MOVE_TO)
    for piece in moved[item.block]:
        if piece.role not in kept:
            continue
        # Shared text (and marks, and what differs only in typography) is the moved text; the
        # words only this version has stay deletions (older place) or insertions (newer place).
        if piece.role is Role.EQUAL or isinstance(piece, Mark) or piece.typographic:
            piece = replace(piece, role=as_moved)
        yield replace(piece, move=item.move) if isinstance(piece, Run) else piece


# -- paragraphs ------------------------------------------------------------------------------------


def _paragraphs(stream: list[Piece]) -> list[Paragraph]:
    """Cut the stream into paragraphs at the marks that stay (see the module's docstring)."""
    marks = [i for i, piece in enumerate(stream) if isinstance(piece, Mark)]
    if not marks:
        return []
    last_accepted = max((i for i in marks if stream[i].role in ACCEPTED), default=-1)
    last_rejected = max((i for i in marks if stream[i].role in REJECTED), default=-1)
    paragraphs: list[Paragraph] = []
    runs = _Runs()
    for i, piece in enumerate(stream):
        if isinstance(piece, Run):
            runs.add(piece)
            continue
        accepted = piece.role in ACCEPTED and i != last_accepted
        rejected = piece.role in REJECTED and i != last_rejected
        if accepted and rejected:
            role = Role.EQUAL
        elif accepted:
            role = piece.role if piece.role in (Role.INSERT, Role.MOVE_TO) else Role.INSERT
        elif rejected:
            role = piece.role if piece.role in (Role.DELETE, Role.MOVE_FROM) else Role.DELETE
        else:
            continue
        paragraphs.append(Paragraph(runs.done(), piece.kind, role, piece.level, len(paragraphs) + 1))
    last = stream[marks[-1]]
    assert isinstance(last, Mark)
    paragraphs.append(Paragraph(runs.done(), last.kind, Role.EQUAL, last.level, len(paragraphs) + 1))
    return paragraphs


# Paragraphs only one version has, by the version: what their text and marks may be.
_FAMILIES = ((ONLY_NEWER, Role.INSERT), (ONLY_OLDER, Role.DELETE))


def _shift_marks_after_changed_ends(paragraphs: list[Paragraph]) -> None:
    """Paragraphs only one version has, after a paragraph that ends with text of that version:
    the break before them is the one marked, not the break after the last of them.

    Both say the same to Word, but LibreOffice joins a change that ends a paragraph to a change
    that starts the next one, as if nothing were between them; it then takes the unmarked
    break between the two for part of the change and loses it (rejecting "Title{+ more+}",
    "{+New paragraph.+}", "Text" gave "TitleText"). With the marked break right after the text,
    the whole change is one range, break included. (The unmarked break after them is lost all
    the same when the paragraph after them starts with a change too: every break there touches a
    change, and one is unmarked.) The cost, in Word only: rejecting every change gives the text
    before them the formatting of the last of them (a heading becomes body text), which is why
    this is done only where LibreOffice needs it."""
    for index in range(len(paragraphs) - 1):
        before, first = paragraphs[index], paragraphs[index + 1]
        if before.mark is not Role.EQUAL or not before.runs:
            continue
        for family, plain in _FAMILIES:
            if before.runs[-1].role not in family or not first.wholly(family):
                continue
            last = index + 1
            while last + 1 < len(paragraphs) and paragraphs[last + 1].wholly(family):
                last += 1
            before.mark, paragraphs[last].mark = plain, Role.EQUAL
            break


class _Runs:
    """A paragraph's runs as they come: a run joins the one before when nothing but the text
    tells them apart, and a space only one version has joins the inserted or deleted words
    beside it. (Texts are joined once, at the end: a paragraph can have thousands of runs.)"""

    def __init__(self) -> None:
        self._runs: list[Run] = []
        self._texts: list[list[str]] = []

    def add(self, run: Run) -> None:
        if self._runs:
            before = self._runs[-1]
            if before.kind == run.kind or (_lone_space(run) and before.role is run.role):
                self._texts[-1].append(run.text)
                return
            if _lone_space(before) and before.role is run.role and run.role is not Role.EQUAL:
                self._runs[-1] = run
                self._texts[-1].append(run.text)
                return
        self._runs.append(run)
        self._texts.append([run.text])

    def done(self) -> list[Run]:
        runs = [
            run if len(texts) == 1 else replace(run, text="".join(texts))
            for run, texts in zip(self._runs, self._texts, strict=True)
        ]
        self._runs, self._texts = [], []
        return runs


def _lone_space(run: Run) -> bool:
    """Whitespace one version has and the other has not, outside any word change (a run whose
    text is whitespace only: the joined texts of a _Runs entry keep that true of its first)."""
    return run.typographic and run.change is None and run.role is not Role.EQUAL and not run.text.strip()


def _move_places(paragraphs: list[Paragraph], moves: Mapping[int, int]) -> list[Move]:
    first_from: dict[int, int] = {}
    first_to: dict[int, int] = {}
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if run.move is None:
                continue
            places = first_from if run.role in REJECTED else first_to
            places.setdefault(run.move, paragraph.number)
    return [
        Move(number, block, first_from.get(number, 0), first_to.get(number, 0))
        for block, number in sorted(moves.items(), key=lambda entry: entry[1])
    ]


# -- notes and summary ---------------------------------------------------------------------------


def _notes(paragraphs: list[Paragraph], marks: Mapping[int, ReviewerMark]) -> list[Note]:
    """Each note anchored on its difference's text: the newer place of moved text."""
    wanted = {block for block, mark in marks.items() if mark.note.strip() or mark.flagged}
    spans: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    for p, paragraph in enumerate(paragraphs):
        for r, run in enumerate(paragraph.runs):
            if run.block not in wanted or (run.move is not None and run.role in REJECTED):
                continue
            start = spans[run.block][0] if run.block in spans else (p, r)
            spans[run.block] = (start, (p, r))
    return [
        Note(block, marks[block].note.strip(), marks[block].flagged, *spans[block])
        for block in sorted(spans, key=lambda b: spans[b][0])
    ]


def _block_counts(blocks: list[Block]) -> Summary:
    """The summary's counts of passages; PairPieces and one_sided count the word changes."""
    summary = Summary()
    for block in blocks:
        summary.moved += block.moved
        if block.kind is BlockKind.LEFT_ONLY:
            summary.removed += 1
        elif block.kind is BlockKind.RIGHT_ONLY:
            summary.inserted += 1
        elif block.kind is BlockKind.CHANGED:
            summary.changed += 1
        elif block.typographic_only:
            summary.typographic += 1
        elif not block.moved:
            summary.unchanged += 1
    return summary


__all__ = ["ReviewerMark", "Side", "build_redline"]
