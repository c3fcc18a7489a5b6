"""The JSON contract of `diptych --json` (schema "diptych.alignment/1")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from tui.engine.compare import compute_stats
from tui.engine.model import Alignment, Block, Document, Passage, SentenceLink
from tui.engine.worddiff import diff_words

SCHEMA = "diptych.alignment/1"


def _side(passages: tuple[Passage, ...], doc: Document) -> dict[str, Any] | None:
    if not passages:
        return None
    start, end = passages[0].start_offset, passages[-1].end_offset
    return {
        "start_line": passages[0].start_line,
        "end_line": passages[-1].end_line,
        "start_offset": start,
        "end_offset": end,
        "text": doc.text[start:end],
    }


def _words(block: Block, alignment: Alignment) -> list[dict[str, Any]] | None:
    """Changed words of a pair, offsets relative to each side's `text`."""
    if not block.left or not block.right or (block.kind == "equal" and not block.typographic_only):
        return None
    left = _side(block.left, alignment.left)
    right = _side(block.right, alignment.right)
    assert left is not None and right is not None
    ops = diff_words(left["text"], right["text"], alignment.options.normalize)
    return [
        {
            "tag": op.tag,
            "typographic": op.typographic,
            "numeric": op.numeric,
            "left": [op.left_start, op.left_end],
            "right": [op.right_start, op.right_end],
        }
        for op in ops
        if op.tag != "equal" or op.typographic
    ]


def block_to_dict(block: Block, alignment: Alignment, with_words: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": str(block.kind),
        "moved": block.moved,
        "score": block.score,
        "typographic_only": block.typographic_only,
        "left": _side(block.left, alignment.left),
        "right": _side(block.right, alignment.right),
    }
    if with_words:
        out["words"] = _words(block, alignment)
    return out


def _doc(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"path": doc.path, "line_count": doc.line_count, "encoding": doc.encoding}
    if doc.note:
        out["note"] = doc.note
    return out


def _header(alignment: Alignment) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "left": _doc(alignment.left),
        "right": _doc(alignment.right),
        "options": asdict(alignment.options),
        "stats": asdict(compute_stats(alignment)),
    }


def _link_to_dict(link: SentenceLink, alignment: Alignment) -> dict[str, Any]:
    return {
        "left": _side((link.left,), alignment.left),
        "right": _side((link.right,), alignment.right),
        "score": link.score,
        "left_block": link.left_block,
        "right_block": link.right_block,
    }


def alignment_to_dict(alignment: Alignment, with_words: bool = True) -> dict[str, Any]:
    return {
        **_header(alignment),
        "blocks": [block_to_dict(b, alignment, with_words) for b in alignment.blocks],
        # Sentences that moved from one block into another (paragraph mode); block indices
        # point into "blocks".
        "sentence_links": [_link_to_dict(link, alignment) for link in alignment.sentence_links],
    }


# iter_alignment_json yields pieces of about this many characters.
_CHUNK = 1 << 20


def iter_alignment_json(alignment: Alignment, with_words: bool = True) -> Iterator[str]:
    """The JSON text in pieces: top-level keys one per line, each block (and link) on a line of
    its own. Built entry by entry, so a large alignment is written without holding the whole
    text, and the dicts behind it, in memory at once (a 10 MB pair makes some 36 MB of JSON).

    json.dumps with `indent` would run the pure-Python encoder (seconds on a large pair); compact
    dumps of each entry use the C encoder and keep the output readable with `grep` and `less`.
    """
    lines = [
        f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in _header(alignment).items()
    ]
    pending = ["{\n" + ",\n".join(lines)]
    size = len(pending[0])
    lists = (
        ("blocks", (block_to_dict(b, alignment, with_words) for b in alignment.blocks)),
        ("sentence_links", (_link_to_dict(link, alignment) for link in alignment.sentence_links)),
    )
    for key, entries in lists:
        opening = f",\n {json.dumps(key)}: ["
        first = True
        for entry in entries:
            piece = ("\n  " if first else ",\n  ") + json.dumps(entry, ensure_ascii=False)
            if first:
                piece = opening + piece
                first = False
            pending.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                yield "".join(pending)
                pending, size = [], 0
        pending.append(opening + "]" if first else "\n ]")
    pending.append("\n}")
    yield "".join(pending)


def alignment_to_json(alignment: Alignment, with_words: bool = True) -> str:
    """The whole JSON text (see iter_alignment_json)."""
    return "".join(iter_alignment_json(alignment, with_words))
