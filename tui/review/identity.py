"""Identity of documents and of differences, computed from content only.

A review must survive reopening the same pair (same identities) and, as far as possible, a newer
version of one document (identities of untouched differences unchanged). So nothing here depends on
line numbers, offsets, passage indexes or file paths: only on the text.

Texts are compared after the engine's typographic normalisation and whitespace collapsing
(`equality_key(..., normalize=True)`), so re-wrapping a paragraph or straightening its quotes does
not orphan a reviewer's note. Case is kept: a change of case is a change a reviewer may have judged.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tui.engine.model import Block, Document, Passage
from tui.engine.normalize import equality_key

# Separates fields inside a hashed string; cannot occur in a normalised text (whitespace collapsed).
_FIELD = "\x1f"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_hash(doc: Document) -> str:
    """Hash of a document's decoded text: the same text read from any encoding or path is one document."""
    return _digest(doc.text)


def side_text(passages: Iterable[Passage]) -> str:
    """Normalised text of one side of a block. Passages are joined with a space, so splitting a
    paragraph in two (or merging two) without changing words keeps the side's key."""
    return equality_key(" ".join(p.text for p in passages), True)


def side_key(passages: tuple[Passage, ...]) -> str | None:
    """Key of one side's content, None for an empty side."""
    if not passages:
        return None
    return _digest("side" + _FIELD + side_text(passages))


@dataclass(frozen=True, slots=True)
class DifferenceId:
    """Who a difference is, from its content.

    `content` identifies the exact difference (both sides and kind); `occurrence` tells apart
    differences with identical content in one alignment (the same paragraph added twice);
    `left`/`right` key each side alone, for the fuzzy carry-over to a newer version in which one
    side of the difference changed.
    """

    content: str
    occurrence: int
    kind: str
    left: str | None
    right: str | None

    @property
    def token(self) -> str:
        """A short printable id, stable across runs (used in JSON reports)."""
        return f"{self.content[:16]}.{self.occurrence}"


def content_key(block: Block) -> str:
    """Key of a difference's content: its kind and the normalised text of both sides.

    `moved` is deliberately not part of it: whether a pair crosses the main alignment depends on
    other passages, and a note about the wording of a passage still applies after an unrelated edit
    elsewhere makes it count as moved (or no longer moved).
    """
    fields = ("difference", str(block.kind), side_text(block.left), side_text(block.right))
    return _digest(_FIELD.join(fields))


def difference_ids(blocks: Iterable[Block]) -> dict[int, DifferenceId]:
    """Identity of every difference among `blocks`, keyed by the block's position in the iterable.

    Equal blocks that are not moved are not differences and get no identity.
    """
    seen: Counter[str] = Counter()
    out: dict[int, DifferenceId] = {}
    for index, block in enumerate(blocks):
        if not block.is_difference:
            continue
        content = content_key(block)
        out[index] = DifferenceId(
            content=content,
            occurrence=seen[content],
            kind=str(block.kind),
            left=side_key(block.left),
            right=side_key(block.right),
        )
        seen[content] += 1
    return out


def difference_id(block: Block) -> DifferenceId:
    """Identity of a single difference, as its first occurrence (see `difference_ids` for a list)."""
    if not block.is_difference:
        raise ValueError("an equal, unmoved block is not a difference")
    return difference_ids([block])[0]
