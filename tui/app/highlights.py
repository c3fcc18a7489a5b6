"""Word-level highlights of a block: which characters of each passage are changed, numeric
changes, or only typographic. Computed lazily per block (only blocks that get drawn) and cached;
the word diff itself is the alignment's (tui/engine/pair_diffs.py), shared with the overview
strip and the change list.

Pure Python (no Textual).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine.model import Alignment, Block, BlockKind, Passage
from tui.engine.pair_diffs import PairDiffs, pair_diffs
from tui.engine.tokens import is_numeric, tokenize

# Roles of highlighted characters (mapped to styles by the pane).
CHANGED = "changed"
NUMERIC = "numeric"
TYPOGRAPHIC = "typographic"


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # offsets into one passage's text, end exclusive
    end: int
    role: str


PassageSpans = tuple[tuple[Span, ...], ...]  # one tuple of spans per passage of a side


def _split(spans: list[tuple[int, int, str]], passages: Sequence[Passage]) -> PassageSpans:
    """Cut spans over a side's text (the document from its first passage to its last) into
    spans per passage; what lies between two passages belongs to neither."""
    out: list[list[Span]] = [[] for _ in passages]
    base = passages[0].start_offset
    bounds = [(p.start_offset - base, p.end_offset - base) for p in passages]
    for start, end, role in spans:
        for k, (b0, b1) in enumerate(bounds):
            s, e = max(start, b0), min(end, b1)
            if s < e:
                out[k].append(Span(s - b0, e - b0, role))
    return tuple(tuple(x) for x in out)


def block_spans(block: Block, diffs: PairDiffs) -> tuple[PassageSpans, PassageSpans]:
    """(left spans, right spans) of a block of the alignment whose word diffs `diffs` are;
    empty for one-sided and plain equal blocks."""
    empty_l = tuple(() for _ in block.left)
    empty_r = tuple(() for _ in block.right)
    if not block.left or not block.right:
        return empty_l, empty_r
    if block.kind is BlockKind.EQUAL and not block.typographic_only:
        return empty_l, empty_r
    left_text, right_text = diffs.texts(block)
    left: list[tuple[int, int, str]] = []
    right: list[tuple[int, int, str]] = []
    for op in diffs.ops(block):
        if op.tag == "equal":
            if op.typographic:
                left.append((op.left_start, op.left_end, TYPOGRAPHIC))
                right.append((op.right_start, op.right_end, TYPOGRAPHIC))
            continue
        role = NUMERIC if op.numeric else CHANGED
        if block.kind is BlockKind.EQUAL:
            # The block is equal after normalisation, so every difference in it is typographic,
            # even where the tokens do not line up one to one ("--" against "—").
            role = TYPOGRAPHIC
        if op.left_end > op.left_start:
            left.extend(_numbers_apart(left_text, op.left_start, op.left_end, role))
        if op.right_end > op.right_start:
            right.extend(_numbers_apart(right_text, op.right_start, op.right_end, role))
    return _split(left, block.left), _split(right, block.right)


def _numbers_apart(text: str, start: int, end: int, role: str) -> list[tuple[int, int, str]]:
    """A changed run that involves a number: the run is CHANGED, its number tokens NUMERIC, so
    "nine" stands out inside "at least nine people" without the whole sentence turning loud."""
    if role != NUMERIC:
        return [(start, end, role)]
    spans = [(start, end, CHANGED)]
    for token in tokenize(text[start:end]):
        if is_numeric(token.text):
            spans.append((start + token.start, start + token.end, NUMERIC))
    return spans


class HighlightCache:
    """Word spans per block index, computed on first use (a 2 MB document has thousands of
    blocks; only the few on screen are ever diffed)."""

    def __init__(self, alignment: Alignment) -> None:
        self._blocks = alignment.blocks
        self._diffs = pair_diffs(alignment)
        self._cache: dict[int, tuple[PassageSpans, PassageSpans]] = {}
        self.errors: list[str] = []  # word diffs that failed (the passages are shown unmarked)

    def get(self, block_index: int) -> tuple[PassageSpans, PassageSpans]:
        spans = self._cache.get(block_index)
        if spans is None:
            block = self._blocks[block_index]
            try:
                spans = block_spans(block, self._diffs)
            except Exception as exc:  # a word-diff bug must not take the whole review down
                # The passage is still shown, with its gutter mark; only the word marks are lost.
                self.errors.append(f"block {block_index}: {type(exc).__name__}: {exc}")
                spans = (tuple(() for _ in block.left), tuple(() for _ in block.right))
            self._cache[block_index] = spans
        return spans

    def __len__(self) -> int:
        return len(self._cache)
