"""Display rows built from an Alignment at a given width: the whole picture the panes scroll over.

Each alignment block becomes a band of rows. Side by side, paired passages start on the same row,
the shorter side is padded with filler rows and a one-sided passage faces filler. Stacked (narrow
terminals), the left passage is shown above its right partner, each labelled. A moved block is shown
at its left position with both texts; a one-row stub marks where its right passage falls among the
right passages. A block holding a sentence that moved from or into another paragraph (a sentence
link) gets one note row per link at the bottom of its band, on the sentence's side, naming the
other end. With folding on, each run of equal blocks becomes one "N equal passages" row.

Rows are produced on demand as lists of (text, role) fragments: the pane maps roles to styles and
caches the strips. Building a Layout wraps every passage once (word wrap for prose, cut without
reflow for preformatted text); rendering a row only slices.

Pure Python + rich.cells (no Textual import): unit-tested directly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from tui.app.display_text import DisplayText, display_text, wrap
from tui.app.highlights import HighlightCache, PassageSpans
from tui.engine.collector import collector_paused
from tui.engine.model import Alignment, Block, BlockKind, Document, Passage, SentenceLink, UnitKind
from tui.engine.positions import gutter_label, gutter_width, span_label, where
from tui.engine.safe_text import for_terminal

# Below this many columns two panes are too narrow to compare prose (each text column would get
# fewer than ~44 cells, about seven words): the layout stacks the two sides instead.
SIDE_BY_SIDE_MIN_WIDTH = 100
# Below these the app shows a "terminal too small" message instead of a layout.
MIN_WIDTH, MIN_HEIGHT = 40, 10

LEFT, RIGHT = 0, 1

# Gutter markers: readable without colour.
MARK_EQUAL, MARK_CHANGED, MARK_LEFT, MARK_RIGHT, MARK_MOVED, MARK_TYPO = "=", "~", "<", ">", "↕", "≈"
MARK_FILTERED = "-"  # a fold holding differences the filter leaves out (diff_filter.py)
SELECTED_FIRST, SELECTED_REST = "▶", "┃"
FILLER = "╱"
# Sentence-link notes: the sentence went to the other side's paragraph / came from it.
LINK_TO, LINK_FROM = "↪", "↩"
NOTE_MARK = "✎"  # as the review marks write a note (tui.review.marks.NOTED)
# Review marks, as tui.review.marks draws them (a test holds them equal; this module stays free
# of the review package, for tui/render_static.py).
REVIEWED_MARK, RECHECK_MARK, FLAG_MARK, CORRECTED_MARK = "✓", "?", "!", "⇄"
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class RowMarks:
    """The review marks of a difference, drawn in two cells on its first row: reviewed (or to
    review again), then flagged (or has a note); a pairing the reviewer corrected takes the
    second cell when it is free, else the first (it never hides a review mark)."""

    reviewed: bool = False
    recheck: bool = False  # marked in an earlier version whose text changed (unless reviewed again)
    flagged: bool = False
    note: bool = False
    corrected: bool = False  # made by a reviewer's correction (C)

    def cells(self) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """The two cells as (text, role) fragments; None when there is no mark."""
        first = REVIEWED_MARK if self.reviewed else RECHECK_MARK if self.recheck else " "
        second = (FLAG_MARK, "review-flag") if self.flagged else (NOTE_MARK if self.note else " ", "review")
        if self.corrected:
            if second[0] == " ":
                second = (CORRECTED_MARK, "review")
            elif first == " ":
                first = CORRECTED_MARK
        if first == " " and second[0] == " ":
            return None
        return (first, "review"), second


NO_MARKS = RowMarks()


class ItemKind(StrEnum):
    BLOCK = "block"
    STUB = "stub"  # where a moved block's right passage falls on the right side
    FOLD = "fold"  # a run of equal blocks, folded


class Item(NamedTuple):  # a tuple: a 2 MB document makes tens of thousands of them per layout
    kind: ItemKind
    block: int  # block index (FOLD: the first folded block)
    count: int = 1  # FOLD: how many blocks


def block_marker(block: Block) -> str:
    if block.moved:
        return MARK_MOVED
    if block.kind is BlockKind.CHANGED:
        return MARK_CHANGED
    if block.kind is BlockKind.LEFT_ONLY:
        return MARK_LEFT
    if block.kind is BlockKind.RIGHT_ONLY:
        return MARK_RIGHT
    return MARK_TYPO if block.typographic_only else MARK_EQUAL


def marker_role(marker: str) -> str:
    return {
        MARK_EQUAL: "gutter-equal", MARK_CHANGED: "gutter-changed", MARK_LEFT: "gutter-left",
        MARK_RIGHT: "gutter-right", MARK_MOVED: "gutter-moved", MARK_TYPO: "gutter-typo",
    }[marker]


def _is_plain_equal(block: Block) -> bool:
    return block.kind is BlockKind.EQUAL and not block.moved and not block.typographic_only


def stub_positions(blocks: Sequence[Block]) -> dict[int, list[int]]:
    """For each moved block, the block index before which its stub goes (len(blocks) = at the end).

    Non-moved blocks with right passages are in right reading order, so the stub goes before the
    first of them whose right passages come after the moved passage.
    """
    anchors: list[int] = []  # first right passage index of each non-moved right-bearing block
    anchor_blocks: list[int] = []
    for index, block in enumerate(blocks):
        if block.right and not block.moved:
            anchors.append(block.right[0].index)
            anchor_blocks.append(index)
    positions: dict[int, list[int]] = {}
    moved = [(b.right[0].index, i) for i, b in enumerate(blocks) if b.moved and b.right]
    for right_index, block_index in sorted(moved):
        k = bisect_left(anchors, right_index)
        before = anchor_blocks[k] if k < len(anchor_blocks) else len(blocks)
        positions.setdefault(before, []).append(block_index)
    return positions


def build_items(
    blocks: Sequence[Block], fold_equal: bool, one_row: Callable[[Block], bool] | None = None,
    hidden: AbstractSet[int] = frozenset(),
) -> list[Item]:
    """The items in reading order. Folding, a run of equal blocks becomes one row, except a lone
    block that `one_row` says fits in one row already: its text is shorter than the fold's.
    `hidden`: differences a filter leaves out (diff_filter.py), folded with the equal blocks."""
    stubs = stub_positions(blocks)
    items: list[Item] = []
    for index, block in enumerate(blocks):
        for moved_block in stubs.get(index, ()):
            items.append(Item(ItemKind.STUB, moved_block))
        if fold_equal and (_is_plain_equal(block) or index in hidden):
            last = items[-1] if items else None
            if last is not None and last.kind is ItemKind.FOLD and last.block + last.count == index:
                items[-1] = Item(ItemKind.FOLD, last.block, last.count + 1)
            else:
                items.append(Item(ItemKind.FOLD, index, 1))
            continue
        items.append(Item(ItemKind.BLOCK, index))
    for moved_block in stubs.get(len(blocks), ()):
        items.append(Item(ItemKind.STUB, moved_block))
    if one_row is not None:
        items = [
            Item(ItemKind.BLOCK, item.block)
            if item.kind is ItemKind.FOLD and item.count == 1 and one_row(blocks[item.block]) else item
            for item in items
        ]
    return items


LineRef = tuple[int, int, int]  # (passage position within the side, display start, display end)


class SideLines:
    """The wrapped lines of one side of a band: the per-passage line lists shared with the
    TextStore's cache (a layout of a 2 MB document copies no line)."""

    __slots__ = ("count", "parts")

    def __init__(self, parts: list[list[tuple[int, int]]]) -> None:
        self.parts = parts
        self.count = sum(map(len, parts)) if len(parts) != 1 else len(parts[0])

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, row: int) -> LineRef:
        if row < 0:
            row += self.count
        for pos, lines in enumerate(self.parts):
            if row < len(lines):
                start, end = lines[row]
                return pos, start, end
            row -= len(lines)
        raise IndexError(row)

    def __iter__(self) -> Iterator[LineRef]:
        for pos, lines in enumerate(self.parts):
            for start, end in lines:
                yield pos, start, end


_NO_LINES = SideLines([])


@dataclass(slots=True)
class Band:
    item: Item
    top: int
    height: int
    left: SideLines = _NO_LINES
    right: SideLines = _NO_LINES
    gap: int = 1  # blank rows after the content
    once: bool = False  # stacked view of a plain equal block: the text is shown once for both sides
    notes: tuple[tuple[int, SentenceLink], ...] = ()  # (side, link): one note row each, after the text
    review_note: str = ""  # the reviewer's note on the difference: one row after those

    @property
    def content_rows(self) -> int:
        return self.height - self.gap

    @property
    def text_rows(self) -> int:
        return self.height - self.gap - len(self.notes) - (1 if self.review_note else 0)


@dataclass(frozen=True, slots=True)
class Row:
    frags: list[tuple[str, str]]  # (text, role); the texts' cell widths add up to the layout width
    selected: bool = False
    block: int | None = None


class TextStore:
    """Display texts of passages, shared by every layout of the same documents (re-aligning with
    another threshold keeps the same passages; width changes never touch them)."""

    def __init__(self) -> None:
        self._texts: dict[tuple[int, int, int, bool], DisplayText] = {}
        # Wrapped lines at the last width asked for: folding or re-aligning at the same width
        # reuses them (only a resize wraps again).
        self._wrapped: dict[tuple[int, int, int, bool], tuple[int, list[tuple[int, int]]]] = {}

    def wrapped(self, side: int, passage: Passage, width: int) -> list[tuple[int, int]]:
        pre = passage.kind is UnitKind.PREFORMATTED
        key = (side, passage.start_offset, passage.end_offset, pre)
        cached = self._wrapped.get(key)
        if cached is not None and cached[0] == width:
            return cached[1]
        lines = wrap(self.get(side, passage), width)
        self._wrapped[key] = (width, lines)
        return lines

    def get(self, side: int, passage: Passage) -> DisplayText:
        pre = passage.kind is UnitKind.PREFORMATTED
        key = (side, passage.start_offset, passage.end_offset, pre)
        text = self._texts.get(key)
        if text is None:
            text = display_text(passage.text, pre)
            self._texts[key] = text
        return text


@dataclass(frozen=True, slots=True)
class Geometry:
    width: int
    stacked: bool
    number_width: int  # digits of line numbers
    left_text: int  # text column widths (stacked: both the same)
    right_text: int

    @staticmethod
    def for_width(width: int, stacked: bool, max_line: int, label_width: int = 0) -> Geometry:
        """`label_width`: the widest position label of a converted document (¶12, p3:14)."""
        digits = max(3, len(str(max(1, max_line))), label_width)
        if stacked:
            # sel + marker + space + label(2) + space + number + space
            text = max(1, width - (6 + digits + 1))
            return Geometry(width, True, digits, text, text)
        # sel + number + space | " M " | number + space. Both text columns get the same width,
        # so that identical text wraps at the same words; an odd cell is left blank at the
        # right edge.
        overhead = 1 + (digits + 1) * 2 + 3
        text = max(1, (width - overhead) // 2)
        return Geometry(width, False, digits, text, text)


def choose_stacked(width: int) -> bool:
    return width < SIDE_BY_SIDE_MIN_WIDTH


class Layout:
    """All display rows of an alignment at one width, folding and view mode."""

    def __init__(
        self,
        alignment: Alignment,
        width: int,
        *,
        stacked: bool | None = None,
        fold_equal: bool = False,
        texts: TextStore | None = None,
        highlights: HighlightCache | None = None,
        key_hints: bool = True,
        review_notes: Mapping[int, str] | None = None,
        hidden: AbstractSet[int] = frozenset(),
    ) -> None:
        self.alignment = alignment
        # Differences the filter leaves out: folded like equal passages when folding.
        self.hidden = hidden
        # The reviewer's notes by block (the first block of a difference): a row under each.
        self.review_notes = review_notes or {}
        # Fold and stub rows name the app's keys (f, m); a static render (tui/render_static.py)
        # has no keys to press.
        self.key_hints = key_hints
        self.blocks = alignment.blocks
        self.width = max(1, width)
        self.stacked = choose_stacked(self.width) if stacked is None else stacked
        self.fold_equal = fold_equal
        self.texts = texts or TextStore()
        self.highlights = highlights if highlights is not None else HighlightCache(alignment)
        max_line = max(alignment.left.line_count, alignment.right.line_count)
        label_width = max(gutter_width(alignment.left), gutter_width(alignment.right))
        self.geometry = Geometry.for_width(self.width, self.stacked, max_line, label_width)
        self.items: list[Item] = []
        self.bands: list[Band] = []
        self._tops: list[int] = []
        self._band_of_block: dict[int, int] = {}
        self._band_of_stub: dict[int, int] = {}
        self._display_spans: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
        self.links_of_block = links_by_block(alignment.sentence_links)
        # Set by the app; changing them needs only a repaint, not a new layout.
        self.selection: tuple[int, int] | None = None  # selected block range, inclusive
        self.selected_stub: int | None = None  # moved block whose stub is selected
        self.matches: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        self.current_match: tuple[int, int, int, int] | None = None  # (block, side, pos, start)
        # The review marks of a block (changing them needs a repaint only).
        self.review_marks: Callable[[int], RowMarks] | None = None
        self._build()

    # -- building ------------------------------------------------------------------------------

    def _lines(self, side: int, passages: Sequence[Passage], width: int) -> SideLines:
        wrapped = self.texts.wrapped
        return SideLines([wrapped(side, passage, width) for passage in passages])

    def _gap_after(self, index: int) -> int:
        """One blank row between bands; none between sentences of the same paragraph."""
        if self.alignment.options.unit != "sentence" or index + 1 >= len(self.items):
            return 1
        a, b = self.items[index], self.items[index + 1]
        if a.kind is not ItemKind.BLOCK or b.kind is not ItemKind.BLOCK:
            return 1
        ba, bb = self.blocks[a.block], self.blocks[b.block]
        shared = False
        for pa, pb in ((ba.left, bb.left), (ba.right, bb.right)):
            if pa and pb:
                if pa[-1].paragraph != pb[0].paragraph:
                    return 1
                shared = True
        return 0 if shared else 1

    def _fits_one_row(self, block: Block) -> bool:
        """One passage a side, each one line within its column (a conservative test: no wrapping
        is computed)."""
        geo = self.geometry
        return all(
            len(side) == 1 and "\n" not in side[0].text and cell_len(side[0].text) <= width
            for side, width in ((block.left, geo.left_text), (block.right, geo.right_text))
        )

    def _build(self) -> None:
        # Building makes ~10^5 small objects and no reference cycles; with a large alignment in
        # memory, the cyclic collector's passes (triggered by those allocations) would cost more
        # than the building itself.
        with collector_paused():
            self.items = build_items(self.blocks, self.fold_equal, self._fits_one_row, self.hidden)
            self._build_bands()

    def _build_bands(self) -> None:
        geo = self.geometry
        top = 0
        for index, item in enumerate(self.items):
            gap = self._gap_after(index)
            band = Band(item, top, 0, gap=gap)
            if item.kind is ItemKind.BLOCK:
                block = self.blocks[item.block]
                band.left = self._lines(LEFT, block.left, geo.left_text)
                if geo.stacked and _is_plain_equal(block):
                    band.once = True
                else:
                    band.right = self._lines(RIGHT, block.right, geo.right_text)
                if geo.stacked:
                    content = len(band.left) + len(band.right)
                else:
                    content = max(len(band.left), len(band.right))
                band.notes = self.links_of_block.get(item.block, ())
                band.review_note = self.review_notes.get(item.block, "")
                content += len(band.notes) + (1 if band.review_note else 0)
                self._band_of_block[item.block] = index
            elif item.kind is ItemKind.STUB:
                content = 1
                self._band_of_stub[item.block] = index
            else:
                content = 1
                for b in range(item.block, item.block + item.count):
                    self._band_of_block[b] = index
            band.height = content + gap
            self.bands.append(band)
            self._tops.append(top)
            top += band.height
        self.total_rows = top

    # -- lookups -------------------------------------------------------------------------------

    def band_at(self, y: int) -> int | None:
        if y < 0 or y >= self.total_rows:
            return None
        return bisect_right(self._tops, y) - 1

    def block_at(self, y: int) -> int | None:
        """Block shown at row y (a fold or stub counts as its block)."""
        band = self.band_at(y)
        return None if band is None else self.bands[band].item.block

    def block_rows(self, block: int) -> tuple[int, int] | None:
        """(first row, row after the last content row) of the band showing `block`."""
        index = self._band_of_block.get(block)
        if index is None:
            return None
        band = self.bands[index]
        return band.top, band.top + band.content_rows

    def stub_rows(self, block: int) -> tuple[int, int] | None:
        index = self._band_of_stub.get(block)
        if index is None:
            return None
        band = self.bands[index]
        return band.top, band.top + band.content_rows

    def is_folded(self, block: int) -> bool:
        index = self._band_of_block.get(block)
        return index is not None and self.bands[index].item.kind is ItemKind.FOLD

    def row_of_text(self, block: int, side: int, pos: int, offset: int) -> int | None:
        """Row showing display offset `offset` of passage `pos` on `side` of `block`."""
        index = self._band_of_block.get(block)
        if index is None:
            return None
        band = self.bands[index]
        if band.item.kind is not ItemKind.BLOCK:
            return band.top
        lines = band.left if side == LEFT or band.once else band.right
        base = band.top + (len(band.left) if self.geometry.stacked and side == RIGHT else 0)
        for k, (p, start, end) in enumerate(lines):
            if p == pos and start <= offset <= end:
                return base + k
        return band.top

    # -- rendering -----------------------------------------------------------------------------

    def _selected(self, band: Band) -> bool:
        item = band.item
        if item.kind is ItemKind.STUB:
            return self.selected_stub == item.block
        if self.selection is None:
            return False
        first, last = self.selection
        return item.block <= last and first <= item.block + item.count - 1

    def row(self, y: int) -> Row:
        index = self.band_at(y)
        if index is None:
            return Row([(" " * self.width, "blank")])
        band = self.bands[index]
        r = y - band.top
        selected = self._selected(band)
        if r >= band.content_rows:
            # The gap inside a selected run (several one-sided passages) stays part of it.
            inside = selected and index + 1 < len(self.bands) and self._selected(self.bands[index + 1])
            if inside:
                return Row(_fit([(SELECTED_REST, "sel")], self.width), True, band.item.block)
            return Row([(" " * self.width, "blank")], False, band.item.block)
        first_row = r == 0 and (
            band.item.kind is ItemKind.STUB or self.selection is None or band.item.block <= self.selection[0]
        )
        sel = (SELECTED_FIRST if first_row else SELECTED_REST) if selected else " "
        frags: list[tuple[str, str]] = [(sel, "sel" if selected else "blank")]
        if band.item.kind is ItemKind.FOLD:
            frags += self._fold_row(band)
        elif band.item.kind is ItemKind.STUB:
            frags += self._stub_row(band)
        elif r >= band.text_rows + len(band.notes):
            frags += self._review_note_row(band)
        elif r >= band.text_rows:
            frags += self._note_row(band, band.notes[r - band.text_rows])
        elif self.geometry.stacked:
            frags += self._stacked_row(band, r)
        else:
            frags += self._side_row(band, r)
        return Row(_fit(frags, self.width), selected, band.item.block)

    def _number(
        self, side: int, passages: Sequence[Passage], line: LineRef | None, lines: SideLines, k: int
    ) -> str:
        """The gutter by a passage's first row: its line number, or its place in a converted
        document (¶12, p3:14)."""
        digits = self.geometry.number_width
        if line is None:
            return " " * digits
        first_of_passage = k == 0 or lines[k - 1][0] != line[0]
        if not first_of_passage:
            return " " * digits
        doc = self.alignment.left if side == LEFT else self.alignment.right
        return gutter_label(doc, passages[line[0]]).rjust(digits)

    def _review_cells(self, band: Band, r: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """The two review cells of a difference's first row, as fragments (None: no marks)."""
        if r != 0 or self.review_marks is None:
            return None
        return self.review_marks(band.item.block).cells()

    def _side_row(self, band: Band, r: int) -> list[tuple[str, str]]:
        geo = self.geometry
        block = self.blocks[band.item.block]
        marker = block_marker(block)
        review = self._review_cells(band, r)
        one_sided = block.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY)
        frags: list[tuple[str, str]] = []
        for side, lines, passages, width in (
            (LEFT, band.left, block.left, geo.left_text),
            (RIGHT, band.right, block.right, geo.right_text),
        ):
            line = lines[r] if r < len(lines) else None
            if side == RIGHT:
                show = r == 0 or (marker != MARK_EQUAL and marker != MARK_TYPO)
                if review is None:
                    frags.append((f" {marker if show else ' '} ", marker_role(marker)))
                else:  # the reviewed mark before the kind marker, flag or note after it
                    frags += [review[0], (marker, marker_role(marker)), review[1]]
            frags.append((self._number(side, passages, line, lines, r) + " ", "lineno"))
            if line is None:
                # Facing a one-sided passage: hatched; padding of a shorter partner: blank.
                if one_sided:
                    frags.append((FILLER * width, "fill"))
                else:
                    frags.append((" " * width, "pad"))
            else:
                frags += self._text(band.item.block, side, passages, line, width, block)
        return frags

    def _stacked_row(self, band: Band, r: int) -> list[tuple[str, str]]:
        geo = self.geometry
        block = self.blocks[band.item.block]
        marker = block_marker(block)
        if r < len(band.left):
            side, lines, passages, k = LEFT, band.left, block.left, r
            label = "LR" if band.once else "L "
        else:
            side, lines, passages, k = RIGHT, band.right, block.right, r - len(band.left)
            label = " R"
        line = lines[k]
        show = r == 0 or (marker != MARK_EQUAL and marker != MARK_TYPO)
        review = self._review_cells(band, r) or ((" ", "blank"), (" ", "blank"))
        frags = [
            (marker if show else " ", marker_role(marker)),
            review[0],
            (label if k == 0 else "  ", "label"),
            review[1],
            (self._number(side, passages, line, lines, k) + " ", "lineno"),
        ]
        frags += self._text(band.item.block, side, passages, line, geo.left_text, block)
        return frags

    def _fold_row(self, band: Band) -> list[tuple[str, str]]:
        item = band.item
        folded = self.blocks[item.block : item.block + item.count]
        noun = "passage" if item.count == 1 else "passages"
        spans = []
        for name, doc, side in (("left", self.alignment.left, LEFT), ("right", self.alignment.right, RIGHT)):
            # A moved block's right passage is elsewhere (at its stub); a filtered-out one-sided
            # passage has none on the other side.
            passages = [
                p for block in folded
                for p in (block.left if side == LEFT else () if block.moved else block.right)
            ]
            if passages:
                spans.append(f"{name} {_span_label(doc, passages[0], passages[-1])}")
        where = ", ".join(spans)
        filtered = sum(1 for b in range(item.block, item.block + item.count) if b in self.hidden)
        if filtered == item.count:
            what = f"{item.count} {noun} filtered out"
        elif filtered:
            what = f"{item.count} {noun}: {item.count - filtered} equal, {filtered} filtered out"
        else:
            what = f"{item.count} equal {noun}"
        hint = " — f shows them" if self.key_hints else ""
        # Not "=" when differences are folded in: they are not equal, only filtered out.
        text = f"{MARK_FILTERED if filtered else MARK_EQUAL} ··· {what} ({where}){hint} ···"
        return [(text, "fold")]

    def _stub_row(self, band: Band) -> list[tuple[str, str]]:
        geo = self.geometry
        block = self.blocks[band.item.block]
        right_line = gutter_label(self.alignment.right, block.right[0])
        note = f"moved: shown at left {where(self.alignment.left, block.left[0])}"
        if self.key_hints:
            note += " — press m"
        if geo.stacked:
            return [
                (MARK_MOVED, "gutter-moved"), (" ", "blank"), (" R", "label"), (" ", "blank"),
                (right_line.rjust(geo.number_width) + " ", "lineno"), (note, "stub"),
            ]
        return [
            (" " * geo.number_width + " ", "lineno"),
            (" " * geo.left_text, "pad"),
            (f" {MARK_MOVED} ", "gutter-moved"),
            (right_line.rjust(geo.number_width) + " ", "lineno"),
            (_clip(note, geo.right_text), "stub"),
        ]

    def _review_note_row(self, band: Band) -> list[tuple[str, str]]:
        """The reviewer's note under its difference, across both columns: its first line, cut to
        fit (the whole note is in the editor, `c`, and the reports)."""
        geo = self.geometry
        lines = band.review_note.strip().splitlines() or [""]
        more = " …" if len(lines) > 1 else ""
        text = f"{NOTE_MARK} note: " + " ".join(for_terminal(lines[0]).split()) + more
        block = self.blocks[band.item.block]
        marker = block_marker(block)
        shown = marker if marker not in (MARK_EQUAL, MARK_TYPO) else " "
        indent = " " * geo.number_width + " "
        if geo.stacked:
            return [(shown, marker_role(marker)), ("    ", "blank"), (indent, "lineno"),
                    (clip_ellipsis(text, geo.left_text), "review-note")]
        room = geo.left_text + 3 + len(indent) + geo.right_text
        return [(indent, "lineno"), (clip_ellipsis(text, room), "review-note")]

    def _note_row(self, band: Band, note: tuple[int, SentenceLink]) -> list[tuple[str, str]]:
        geo = self.geometry
        side, link = note
        text = link_note(side, link, self.alignment)
        block = self.blocks[band.item.block]
        marker = block_marker(block)
        shown = marker if marker not in (MARK_EQUAL, MARK_TYPO) else " "
        if geo.stacked:
            return [
                (shown, marker_role(marker)), (" ", "blank"),
                ("L " if side == LEFT else " R", "label"), (" ", "blank"),
                (" " * geo.number_width + " ", "lineno"), (clip_ellipsis(text, geo.left_text), "link-note"),
            ]
        facing = FILLER if block.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY) else " "
        facing_role = "fill" if facing == FILLER else "pad"
        blank_number = (" " * geo.number_width + " ", "lineno")
        gutter = (f" {shown} ", marker_role(marker))
        if side == LEFT:
            return [
                blank_number, (clip_ellipsis(text, geo.left_text), "link-note"), gutter,
                blank_number, (facing * geo.right_text, facing_role),
            ]
        return [
            blank_number, (facing * geo.left_text, facing_role), gutter,
            blank_number, (clip_ellipsis(text, geo.right_text), "link-note"),
        ]

    def _spans_for(self, block_index: int, side: int, pos: int) -> list[tuple[int, int, str]]:
        """Word-diff spans of one passage in display coordinates (cached)."""
        key = (block_index, side, pos)
        spans = self._display_spans.get(key)
        if spans is None:
            block = self.blocks[block_index]
            passages = block.left if side == LEFT else block.right
            left_spans, right_spans = self.highlights.get(block_index)
            source: PassageSpans = left_spans if side == LEFT else right_spans
            display = self.texts.get(side, passages[pos])
            role_prefix = "word-left-" if side == LEFT else "word-right-"
            # A linked sentence first: the word-diff spans drawn over it still show.
            passage = passages[pos]
            base = passage.start_offset
            spans = [
                (display.to_display(start - base), display.to_display(end - base), "link-sentence")
                for start, end in self._linked_sentences(block_index, side, passage)
            ]
            spans += [
                (display.to_display(s.start), display.to_display(s.end), role_prefix + s.role)
                for s in source[pos]
            ]
            self._display_spans[key] = spans
        return spans

    def _linked_sentences(self, block_index: int, side: int, passage: Passage) -> list[tuple[int, int]]:
        """Document offsets of the linked sentences of `block_index` inside `passage`."""
        found = []
        for note_side, link in self.links_of_block.get(block_index, ()):
            if note_side != side:
                continue
            sentence = link.left if side == LEFT else link.right
            if passage.start_offset <= sentence.start_offset and sentence.end_offset <= passage.end_offset:
                found.append((sentence.start_offset, sentence.end_offset))
        return found

    def _text(
        self, block_index: int, side: int, passages: Sequence[Passage], line: LineRef, width: int,
        block: Block,
    ) -> list[tuple[str, str]]:
        pos, start, end = line
        display = self.texts.get(side, passages[pos])
        if block.kind is BlockKind.LEFT_ONLY:
            base = "text-left-only"
        elif block.kind is BlockKind.RIGHT_ONLY:
            base = "text-right-only"
        else:
            base = "text"
        spans = list(self._spans_for(block_index, side, pos))
        for s, e in self.matches.get((block_index, side, pos), ()):
            current = self.current_match == (block_index, side, pos, s)
            spans.append((s, e, "match-current" if current else "match"))
        frags = _cut(display.text, start, end, base, spans)
        used = sum(cell_len(t) for t, _ in frags)
        if used < width:
            frags.append((" " * (width - used), base if base != "text" else "pad"))
        return frags


def _cut(
    text: str, start: int, end: int, base: str, spans: list[tuple[int, int, str]]
) -> list[tuple[str, str]]:
    """Fragments of text[start:end]; later spans win over earlier ones where they overlap."""
    if not spans:
        return [(text[start:end], base)] if end > start else []
    roles = [base] * (end - start)
    for s, e, role in spans:
        for i in range(max(s, start), min(e, end)):
            roles[i - start] = role
    frags: list[tuple[str, str]] = []
    run_start = start
    for i in range(start + 1, end + 1):
        if i == end or roles[i - start] != roles[run_start - start]:
            frags.append((text[run_start:i], roles[run_start - start]))
            run_start = i
    return frags


def links_by_block(links: Sequence[SentenceLink]) -> dict[int, tuple[tuple[int, SentenceLink], ...]]:
    """Each block's sentence links as (side, link), the side being where its sentence is;
    in the order of the sentences on that side."""
    found: dict[int, list[tuple[int, SentenceLink]]] = {}
    for link in links:
        found.setdefault(link.left_block, []).append((LEFT, link))
        found.setdefault(link.right_block, []).append((RIGHT, link))

    def order(note: tuple[int, SentenceLink]) -> tuple[int, int]:
        side, link = note
        return side, (link.left if side == LEFT else link.right).start_offset

    return {block: tuple(sorted(notes, key=order)) for block, notes in found.items()}


def link_note(side: int, link: SentenceLink, alignment: Alignment | None = None) -> str:
    """The note shown by a linked sentence: where the other end is, and the sentence itself
    (control characters made visible, line breaks and runs of spaces one space)."""
    sentence = " ".join(for_terminal(link.left.text if side == LEFT else link.right.text).split())
    if not sentence.startswith(("“", '"', "‘", "'", "«")):  # a quotation is not quoted twice
        sentence = f"“{sentence}”"
    if side == LEFT:
        other = where(alignment.right, link.right) if alignment else f"line {link.right.start_line}"
        return f"{LINK_TO} sentence moved to right {other}: {sentence}"
    other = where(alignment.left, link.left) if alignment else f"line {link.left.start_line}"
    return f"{LINK_FROM} sentence from left {other}: {sentence}"


def clip_ellipsis(text: str, width: int) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis when it does not fit."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + ELLIPSIS if width >= 1 else ""


def _span_label(doc: Document, first: Passage, last: Passage) -> str:
    """"lines 3–9", or where the passages are in a converted document ("paragraphs 3–9")."""
    label = span_label(doc, first, last)
    if label is not None:
        return label
    start, end = first.start_line, last.end_line
    return f"line {start}" if start == end else f"lines {start}–{end}"


def _clip(text: str, width: int) -> str:
    return set_cell_size(text, width)


def _fit(frags: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Pad or cut the fragments to exactly `width` cells."""
    out: list[tuple[str, str]] = []
    used = 0
    for text, role in frags:
        w = cell_len(text)
        if used + w > width:
            room = width - used
            if room > 0:
                out.append((set_cell_size(text, room), role))
            return out
        out.append((text, role))
        used += w
    if used < width:
        out.append((" " * (width - used), "blank"))
    return out
