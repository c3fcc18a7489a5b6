"""Word-level highlights of a block: which characters of each passage are changed, numeric
changes, or only typographic. Computed lazily per block (only blocks that get drawn) and cached.

Pure Python (no Textual).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine.model import Block, BlockKind, Passage
from tui.engine.tokens import is_numeric, tokenize
from tui.engine.worddiff import diff_words

# Roles of highlighted characters (mapped to styles by the pane).
CHANGED = "changed"
NUMERIC = "numeric"
TYPOGRAPHIC = "typographic"

# Passages of one side of a split/merge are joined by this before the word diff.
_JOIN = "\n\n"


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # offsets into one passage's text, end exclusive
    end: int
    role: str


PassageSpans = tuple[tuple[Span, ...], ...]  # one tuple of spans per passage of a side


def _split(spans: list[tuple[int, int, str]], passages: Sequence[Passage]) -> PassageSpans:
    """Cut spans over the joined text of a side into spans per passage."""
    out: list[list[Span]] = [[] for _ in passages]
    base = 0
    bounds: list[tuple[int, int]] = []
    for p in passages:
        bounds.append((base, base + len(p.text)))
        base += len(p.text) + len(_JOIN)
    for start, end, role in spans:
        for k, (b0, b1) in enumerate(bounds):
            s, e = max(start, b0), min(end, b1)
            if s < e:
                out[k].append(Span(s - b0, e - b0, role))
    return tuple(tuple(x) for x in out)


def block_spans(block: Block, normalize: bool = True) -> tuple[PassageSpans, PassageSpans]:
    """(left spans, right spans) of a block; empty for one-sided and plain equal blocks."""
    empty_l = tuple(() for _ in block.left)
    empty_r = tuple(() for _ in block.right)
    if not block.left or not block.right:
        return empty_l, empty_r
    if block.kind is BlockKind.EQUAL and not block.typographic_only:
        return empty_l, empty_r
    left_text = _JOIN.join(p.text for p in block.left)
    right_text = _JOIN.join(p.text for p in block.right)
    left: list[tuple[int, int, str]] = []
    right: list[tuple[int, int, str]] = []
    for op in diff_words(left_text, right_text, normalize):
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

    def __init__(self, blocks: Sequence[Block], normalize: bool) -> None:
        self._blocks = blocks
        self._normalize = normalize
        self._cache: dict[int, tuple[PassageSpans, PassageSpans]] = {}
        self.errors: list[str] = []  # word diffs that failed (the passages are shown unmarked)

    def get(self, block_index: int) -> tuple[PassageSpans, PassageSpans]:
        spans = self._cache.get(block_index)
        if spans is None:
            block = self._blocks[block_index]
            try:
                spans = block_spans(block, self._normalize)
            except Exception as exc:  # a word-diff bug must not take the whole review down
                # The passage is still shown, with its gutter mark; only the word marks are lost.
                self.errors.append(f"block {block_index}: {type(exc).__name__}: {exc}")
                spans = (tuple(() for _ in block.left), tuple(() for _ in block.right))
            self._cache[block_index] = spans
        return spans

    def __len__(self) -> int:
        return len(self._cache)
