"""A reviewer's corrections of the alignment: unpair a pair, pair two one-sided passages, say that a
pair moved (or did not).

A correction names its passages by content (`identity.side_key` of each side), never by position,
so it applies again after a restart and to a newer version in which those passages are unchanged
(or, by correction_carry.py, changed a little: it is then kept about the passages it found).
`nth` tells apart passages of identical text: the correction is about the n-th passage (0-based,
in reading order) with that key among those it can apply to (pairs; or removed, added passages).

`correct(alignment, corrections)` applies them in the order they were made, each to the result of
the ones before: a pure function of the engine's alignment, shared by the app, `--json` and
`--report`. A correction whose passages are not there (any more) is skipped and reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tui.engine.align import similarity, word_strings_of
from tui.engine.model import Alignment, Block, BlockKind, Passage, SentenceLink
from tui.engine.normalize import equality_key
from tui.review.identity import side_key, side_text

EXCERPT_CHARS = 400  # of each side, kept with a correction so that one not applied can be shown


class CorrectionKind(StrEnum):
    """What the reviewer said; the value is what JSON and reports write."""

    PAIRED = "paired"  # these two one-sided passages are one passage, changed
    UNPAIRED = "unpaired"  # this pair is a passage removed and another added
    MOVED = "moved"  # this pair moved
    NOT_MOVED = "not-moved"  # this pair did not move

    @property
    def opposite(self) -> CorrectionKind:
        return _OPPOSITE[self]

    @property
    def label(self) -> str:
        """In words, for the app and the reports."""
        return _LABELS[self]


_OPPOSITE = {
    CorrectionKind.PAIRED: CorrectionKind.UNPAIRED, CorrectionKind.UNPAIRED: CorrectionKind.PAIRED,
    CorrectionKind.MOVED: CorrectionKind.NOT_MOVED, CorrectionKind.NOT_MOVED: CorrectionKind.MOVED,
}
_LABELS = {
    CorrectionKind.PAIRED: "paired by the reviewer",
    CorrectionKind.UNPAIRED: "unpaired by the reviewer: one passage removed, another added",
    CorrectionKind.MOVED: "marked as moved by the reviewer",
    CorrectionKind.NOT_MOVED: "marked as not moved by the reviewer",
}


@dataclass(frozen=True, slots=True)
class Correction:
    kind: CorrectionKind
    left_key: str  # identity.side_key of the left passages
    right_key: str
    left_nth: int = 0
    right_nth: int = 0
    left_excerpt: str = ""  # the texts as they were, for a report of a correction not applied
    right_excerpt: str = ""
    carried: bool = False  # taken over from the review of an earlier version
    lost: bool = False  # taken over, but its passages are not in these versions
    # identity.side_text of each side, whole: a newer version whose passages changed a little
    # finds them by it (correction_carry.py); "" in a correction saved by an earlier diptych.
    left_text: str = ""
    right_text: str = ""

    @property
    def target(self) -> tuple[str, str, str, int, int]:
        """What the correction is about, without what was kept alongside."""
        return (str(self.kind), self.left_key, self.right_key, self.left_nth, self.right_nth)


def not_applied_text(count: int) -> str:
    """What the app and the reports say of corrections kept but not applied (`count` > 0)."""
    if count == 1:
        return "1 correction could not be applied: its passages changed"
    return f"{count} corrections could not be applied: their passages changed"


@dataclass(frozen=True, slots=True)
class Corrected:
    """An alignment with corrections applied. `source`: the engine's alignment; `alignment`: the
    one to show (`source` itself when nothing applied); `marks`: index in `alignment.blocks` of
    each corrected block, with its correction (an unpaired pair gives two blocks)."""

    source: Alignment
    alignment: Alignment
    applied: tuple[Correction, ...] = ()
    missing: tuple[Correction, ...] = ()  # not applied: their passages are not (all) there
    marks: dict[int, Correction] = field(default_factory=dict)


def apply_corrections(alignment: Alignment, corrections: Iterable[Correction]) -> Alignment:
    """The alignment the reviewer sees: `alignment` with `corrections` applied in order."""
    return correct(alignment, corrections).alignment


# Finds the passages of a correction that does not apply as it is, in the blocks as corrected so
# far: the same correction about those passages, or None (correction_carry.py gives one).
Retarget = Callable[[Alignment, Sequence[Block], Correction], Correction | None]


def correct(
    alignment: Alignment, corrections: Iterable[Correction], retarget: Retarget | None = None
) -> Corrected:
    """Apply `corrections` in order (see the module's docstring); `alignment` is not changed.
    One whose passages are not found is given to `retarget`, if any: what it returns is applied
    (and listed in `applied`) in its place."""
    corrections = [c for c in corrections if not c.lost]
    if not corrections:
        return Corrected(alignment, alignment)
    blocks = list(alignment.blocks)
    marked: dict[int, Correction] = {}  # id(block) -> its correction
    applied: list[Correction] = []
    missing: list[Correction] = []
    for correction in corrections:
        result = _apply_one(alignment, blocks, correction)
        if result is None and retarget is not None:
            found = retarget(alignment, blocks, correction)
            result = None if found is None else _apply_one(alignment, blocks, found)
            correction = correction if found is None or result is None else found
        if result is None:
            missing.append(correction)
            continue
        blocks, touched = result
        for block in touched:
            marked[id(block)] = correction
        applied.append(correction)
    if not applied:
        return Corrected(alignment, alignment, missing=tuple(missing))
    out = Alignment(
        alignment.left, alignment.right, alignment.options, alignment.left_units, alignment.right_units,
        blocks, _relinked(alignment.sentence_links, blocks, len(alignment.left_units),
                          len(alignment.right_units)),
    )
    marks = {i: marked[id(b)] for i, b in enumerate(blocks) if id(b) in marked}
    return Corrected(alignment, out, tuple(applied), tuple(missing), marks)


# -- one correction ---------------------------------------------------------------------------------


def _is_pair(block: Block) -> bool:
    return bool(block.left) and bool(block.right)


def _nth(blocks: Sequence[Block], candidates: Sequence[int], side: str, key: str, nth: int) -> int | None:
    """Index in `blocks` of the nth candidate whose `side` has `key`."""
    seen = 0
    for index in candidates:
        passages = blocks[index].left if side == "left" else blocks[index].right
        if side_key(passages) == key:
            if seen == nth:
                return index
            seen += 1
    return None


def _apply_one(
    alignment: Alignment, blocks: list[Block], c: Correction
) -> tuple[list[Block], list[Block]] | None:
    """The blocks after `c`, in reading order, and the blocks it made; None if it cannot apply."""
    if c.kind is CorrectionKind.PAIRED:
        lefts, rights = candidates_of(c.kind, blocks)
        li = _nth(blocks, lefts, "left", c.left_key, c.left_nth)
        ri = _nth(blocks, rights, "right", c.right_key, c.right_nth)
        if li is None or ri is None:
            return None
        pair = pair_block(blocks[li].left, blocks[ri].right, alignment.options.normalize)
        pair = replace(pair, moved=_crosses(pair, blocks))
        rest = [b for i, b in enumerate(blocks) if i not in (li, ri)]
        return in_reading_order([*rest, pair], len(alignment.left_units), len(alignment.right_units)), [pair]
    pairs = [i for i, b in enumerate(blocks) if _is_pair(b)]
    index = _nth(blocks, pairs, "left", c.left_key, c.left_nth)
    if index is None or index != _nth(blocks, pairs, "right", c.right_key, c.right_nth):
        return None
    block = blocks[index]
    if c.kind is CorrectionKind.UNPAIRED:
        made = [Block(BlockKind.LEFT_ONLY, (p,), (), None) for p in block.left]
        made += [Block(BlockKind.RIGHT_ONLY, (), (p,), None) for p in block.right]
        rest = blocks[:index] + blocks[index + 1:]
        return in_reading_order([*rest, *made], len(alignment.left_units), len(alignment.right_units)), made
    if c.kind is CorrectionKind.MOVED:
        moved = replace(block, moved=True)
        changed = [*blocks[:index], moved, *blocks[index + 1:]]
        return in_reading_order(changed, len(alignment.left_units), len(alignment.right_units)), [moved]
    # NOT_MOVED: the pair is in order, so the pairs in order that it crosses are the ones moved
    # (the panes show the pairs in order in the reading order of both documents).
    kept = replace(block, moved=False)
    others = [
        replace(b, moved=True) if i != index and _is_pair(b) and not b.moved and _cross(b, kept) else b
        for i, b in enumerate(blocks)
    ]
    others[index] = kept
    return in_reading_order(others, len(alignment.left_units), len(alignment.right_units)), [kept]


def _cross(a: Block, b: Block) -> bool:
    """Do two pairs cross (one is earlier on the left and later on the right)?"""
    dl = a.left[0].index - b.left[0].index
    dr = a.right[0].index - b.right[0].index
    return (dl < 0 < dr) or (dr < 0 < dl)


def _crosses(pair: Block, blocks: Iterable[Block]) -> bool:
    return any(_is_pair(b) and not b.moved and _cross(b, pair) for b in blocks)


def pair_block(left: tuple[Passage, ...], right: tuple[Passage, ...], normalize: bool) -> Block:
    """The block of two sides paired by the reviewer: equal or changed, with the engine's score."""
    left_key = " ".join(equality_key(p.text, normalize) for p in left)
    right_key = " ".join(equality_key(p.text, normalize) for p in right)
    if left_key == right_key:
        typographic = " ".join(p.text for p in left).split() != " ".join(p.text for p in right).split()
        return Block(BlockKind.EQUAL, left, right, 1.0, typographic_only=typographic)
    return Block(BlockKind.CHANGED, left, right, round(pair_score(left_key, right_key), 4))


def pair_score(left_key: str, right_key: str) -> float:
    """Similarity in [0, 1] of two equality keys, as the aligner scores a pair."""
    strings, _ = word_strings_of([left_key, right_key])
    return similarity(strings[0], strings[1])


def in_reading_order(blocks: Iterable[Block], left_count: int, right_count: int) -> list[Block]:
    """Blocks in the engine's order (tui.engine.align: Aligner._blocks): by their first left
    passage, each added passage just before the first pair in order that comes after it."""
    by_left: dict[int, Block] = {}
    by_right: dict[int, Block] = {}
    for block in blocks:
        if block.left:
            by_left[block.left[0].index] = block
        else:
            by_right[block.right[0].index] = block
    out: list[Block] = []
    next_right = 0

    def flush_right(upto: int) -> None:
        nonlocal next_right
        while next_right < upto:
            added = by_right.pop(next_right, None)
            if added is not None:
                out.append(added)
            next_right += 1

    for i in range(left_count):
        block = by_left.get(i)
        if block is None:
            continue
        if block.right and not block.moved:
            flush_right(block.right[0].index)
            next_right = max(next_right, block.right[-1].index + 1)
        out.append(block)
    flush_right(right_count)
    out.extend(by_right[i] for i in sorted(by_right))  # only if pairs in order crossed
    return out


def _relinked(
    links: list[SentenceLink], blocks: list[Block], left_count: int, right_count: int
) -> list[SentenceLink]:
    """The sentence links with the blocks' new indices; a link inside one block is dropped (the
    block's word diff shows that sentence now)."""
    if not links:
        return []
    of_left = [0] * left_count
    of_right = [0] * right_count
    for index, block in enumerate(blocks):
        for p in block.left:
            of_left[p.index] = index
        for p in block.right:
            of_right[p.index] = index
    out = []
    for link in links:
        left_block, right_block = of_left[link.left.paragraph], of_right[link.right.paragraph]
        if left_block != right_block:
            out.append(replace(link, left_block=left_block, right_block=right_block))
    return out


# -- making a correction from what the reviewer selected --------------------------------------------


def _excerpt(passages: tuple[Passage, ...]) -> str:
    text = "\n\n".join(p.text for p in passages)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _count_before(blocks: Sequence[Block], candidates: Iterable[int], side: str, index: int) -> int:
    key = side_key(blocks[index].left if side == "left" else blocks[index].right)
    return sum(
        1 for i in candidates
        if i < index and side_key(blocks[i].left if side == "left" else blocks[i].right) == key
    )


def candidates_of(kind: CorrectionKind, blocks: Sequence[Block]) -> tuple[list[int], list[int]]:
    """Indices of the blocks a correction of `kind` can be about, for its left and its right side:
    the removed and the added passages for "paired", the pairs (both sides) for the others."""
    if kind is CorrectionKind.PAIRED:
        return ([i for i, b in enumerate(blocks) if b.kind is BlockKind.LEFT_ONLY],
                [i for i, b in enumerate(blocks) if b.kind is BlockKind.RIGHT_ONLY])
    pairs = [i for i, b in enumerate(blocks) if _is_pair(b)]
    return pairs, pairs


def about(kind: CorrectionKind, blocks: Sequence[Block], left: int, right: int, **kept: bool) -> Correction:
    """The correction of `kind` about the left side of `blocks[left]` and the right side of
    `blocks[right]` (one block for a pair): keyed by their content, told apart from passages of
    the same text by their rank. `kept`: `carried`, `lost`."""
    lefts, rights = candidates_of(kind, blocks)
    return Correction(
        kind, side_key(blocks[left].left) or "", side_key(blocks[right].right) or "",
        _count_before(blocks, lefts, "left", left), _count_before(blocks, rights, "right", right),
        _excerpt(blocks[left].left), _excerpt(blocks[right].right),
        left_text=side_text(blocks[left].left), right_text=side_text(blocks[right].right), **kept,
    )


def _of_pair(alignment: Alignment, index: int, kind: CorrectionKind) -> Correction:
    if not _is_pair(alignment.blocks[index]):
        raise ValueError("only a pair can be unpaired or marked (not) moved")
    return about(kind, alignment.blocks, index, index)


def unpair(alignment: Alignment, index: int) -> Correction:
    """The correction that unpairs block `index` of `alignment`."""
    return _of_pair(alignment, index, CorrectionKind.UNPAIRED)


def mark_moved(alignment: Alignment, index: int, moved: bool) -> Correction:
    """The correction that says block `index` (a pair) moved, or did not."""
    return _of_pair(alignment, index, CorrectionKind.MOVED if moved else CorrectionKind.NOT_MOVED)


def pair(alignment: Alignment, first: int, second: int) -> Correction:
    """The correction that pairs two one-sided blocks (a removed and an added passage, either order)."""
    blocks = alignment.blocks
    kinds = {blocks[first].kind: first, blocks[second].kind: second}
    if set(kinds) != {BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY}:
        raise ValueError("a removed passage pairs with an added one")
    return about(CorrectionKind.PAIRED, blocks, kinds[BlockKind.LEFT_ONLY], kinds[BlockKind.RIGHT_ONLY])


@dataclass(frozen=True, slots=True)
class Candidate:
    """A passage of the other side that a one-sided passage could be paired with."""

    index: int  # in Alignment.blocks
    score: float  # similarity in [0, 1], as the aligner scores a pair
    passage: Passage


def candidates(alignment: Alignment, index: int) -> list[Candidate]:
    """The one-sided passages of the other side than block `index` (a one-sided block), most
    similar first (ties in reading order)."""
    blocks = alignment.blocks
    block = blocks[index]
    if block.kind is BlockKind.LEFT_ONLY:
        other, side = BlockKind.RIGHT_ONLY, "right"
    elif block.kind is BlockKind.RIGHT_ONLY:
        other, side = BlockKind.LEFT_ONLY, "left"
    else:
        raise ValueError("only a removed or an added passage is paired by hand")
    normalize = alignment.options.normalize
    mine = " ".join(equality_key(p.text, normalize) for p in block.left + block.right)
    found = []
    for i, b in enumerate(blocks):
        if b.kind is other:
            passage = (b.right if side == "right" else b.left)[0]
            found.append(Candidate(i, pair_score(mine, equality_key(passage.text, normalize)), passage))
    return sorted(found, key=lambda c: (-c.score, c.index))
