"""The data model shared by every stage of the engine and by the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.engine.pair_diffs import PairDiffs


class UnitKind(StrEnum):
    """What a passage is, as found by segmentation."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    PREFORMATTED = "preformatted"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How documents that are not plain text are read (tui/engine/formats)."""

    # HTML: "article" (the main text), "page" (the whole page) or "source" (the markup, as text).
    html: str = "article"
    # Tracked changes of Word/OpenDocument files: "accept" (the result) or "reject" (the original).
    changes: str = "accept"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a piece of a converted document is in the original, in terms its reader can find:
    ("paragraph", 12), ("table", 2, row 3), ("footnote", 4), ("endnote", 1), ("page", 3, line 14)."""

    kind: str  # "paragraph" | "table" | "footnote" | "endnote" | "page"
    number: int  # 1-based: the paragraph, table, note (as numbered in the document) or page
    sub: int | None = None  # table: the row; page: the line on the page (1-based)


@dataclass(frozen=True, slots=True)
class Source:
    """What a converted document (Word, OpenDocument, HTML, PDF) was, and where its text came
    from: Document.text is the extracted text, one unit per line between blank lines, and the
    text from starts[i] (up to starts[i + 1]) is at places[i] in the original."""

    format: str  # "docx" | "odt" | "html" | "pdf"
    name: str  # for people: "Word", "OpenDocument", "HTML", "PDF"
    # Which reading of the original: "accepted" or "original" (tracked changes accepted or
    # rejected), "article" or "page" (HTML's main text or whole page); None: there is only one.
    view: str | None
    options: ReadOptions  # how it was read, to read it again the same way
    starts: tuple[int, ...]  # ascending offsets into Document.text
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input file. `text` is the original text (line ends normalised to \\n), or the
    text extracted from a Word, OpenDocument, HTML or PDF file (then `source` says which)."""

    path: str
    text: str
    encoding: str
    line_count: int
    # Offset of the first character of each line; line n (1-based) starts at line_starts[n - 1].
    line_starts: tuple[int, ...]
    note: str | None = None  # e.g. "decoded as cp1252 by detection"
    source: Source | None = None  # None: a plain text file


@dataclass(frozen=True, slots=True)
class Passage:
    """One alignment unit of a document: a paragraph, heading, list item or sentence."""

    index: int  # position in the document's unit sequence
    kind: UnitKind
    start_offset: int  # character offsets into Document.text, end exclusive
    end_offset: int
    start_line: int  # 1-based, inclusive
    end_line: int
    text: str  # Document.text[start_offset:end_offset]
    paragraph: int  # index of the enclosing paragraph (itself, for paragraph units)


class BlockKind(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"
    LEFT_ONLY = "left_only"
    RIGHT_ONLY = "right_only"


@dataclass(frozen=True, slots=True)
class Block:
    """One alignment unit: one passage on each side, or several consecutive passages on one
    side (a split or merge), or passages found on one side only."""

    kind: BlockKind
    left: tuple[Passage, ...]
    right: tuple[Passage, ...]
    score: float | None  # similarity in [0, 1] of the two sides; None when one-sided
    moved: bool = False  # the pair's order crosses the main alignment
    # Equal only after typographic normalisation (quotes, dashes, ellipses, spaces, case).
    typographic_only: bool = False

    @property
    def is_difference(self) -> bool:
        return self.kind is not BlockKind.EQUAL or self.moved


DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class AlignOptions:
    unit: str = "paragraph"  # "paragraph" | "sentence"
    threshold: float = DEFAULT_THRESHOLD  # minimum similarity for two passages to pair
    normalize: bool = True  # treat typographic-only differences as equal
    markup: bool = True  # cut Markdown, reStructuredText and AsciiDoc by their structure


@dataclass(slots=True)
class Stats:
    equal: int = 0
    changed: int = 0
    moved: int = 0
    left_only: int = 0
    right_only: int = 0
    typographic_only: int = 0
    # Share of each document's characters (in passages) that found a partner on the other side.
    left_matched: float = 0.0
    right_matched: float = 0.0
    differences: int = 0  # blocks a reviewer steps through: not equal, or moved


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """A sentence found again in a different block (paragraph mode only): it moved from one
    paragraph into another, e.g. from a paragraph that is otherwise gone into one that was
    paired with something else. Sentences paired inside one block are not links: the block's
    word diff already shows them."""

    left: Passage  # a sentence of the left document (kind SENTENCE, or the paragraph's kind
    right: Passage  # when it is a heading); `paragraph` is its paragraph's index in *_units
    score: float  # similarity in [0, 1]
    left_block: int  # index in Alignment.blocks of the block holding the left sentence
    right_block: int  # ... and of the block holding the right sentence


@dataclass(slots=True)
class Alignment:
    left: Document
    right: Document
    options: AlignOptions
    left_units: list[Passage]
    right_units: list[Passage]
    blocks: list[Block] = field(default_factory=list)
    # Sentences that moved between blocks (paragraph mode; empty in sentence mode).
    sentence_links: list[SentenceLink] = field(default_factory=list)
    # The word diffs of its pairs, computed once when first asked for (tui/engine/pair_diffs.py:
    # `pair_diffs(alignment)`). Not a constructor argument, and not copied by
    # dataclasses.replace: an alignment made from this one starts with none of its diffs.
    word_diffs: PairDiffs | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def identical(self) -> bool:
        return all(b.kind is BlockKind.EQUAL and not b.moved for b in self.blocks)
