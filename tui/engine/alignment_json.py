"""The JSON contract of `diptych --json` (schema "diptych.alignment/1")."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from tui.engine.classes import PairClassifier, in_order, passage_classes
from tui.engine.compare import compute_stats
from tui.engine.forking import may_fork
from tui.engine.model import Alignment, Block, BlockKind, Document, Passage, SentenceLink
from tui.engine.positions import span_json
from tui.engine.worddiff import diff_words

SCHEMA = "diptych.alignment/1"


def _side(passages: tuple[Passage, ...], doc: Document) -> dict[str, Any] | None:
    if not passages:
        return None
    start, end = passages[0].start_offset, passages[-1].end_offset
    out = {
        "start_line": passages[0].start_line,
        "end_line": passages[-1].end_line,
        "start_offset": start,
        "end_offset": end,
        "text": doc.text[start:end],
    }
    if doc.source is not None:  # a converted document: where the span is in the original
        out.update(span_json(doc, passages[0], passages[-1]))
    return out


def _words(block: Block, alignment: Alignment) -> list[dict[str, Any]] | None:
    """Changed words of a pair, offsets relative to each side's `text`."""
    if not block.left or not block.right or (block.kind == "equal" and not block.typographic_only):
        return None
    left = _side(block.left, alignment.left)
    right = _side(block.right, alignment.right)
    assert left is not None and right is not None
    normalize = alignment.options.normalize
    ops = diff_words(left["text"], right["text"], normalize)
    classifier = PairClassifier(left["text"], right["text"], normalize)
    return [
        {
            "tag": op.tag,
            "typographic": op.typographic,
            "numeric": op.numeric,
            "left": [op.left_start, op.left_end],
            "right": [op.right_start, op.right_end],
            "classes": list(classifier.classes(op)),  # str members: json writes their values
        }
        for op in ops
        if op.tag != "equal" or op.typographic
    ]


def _classes(block: Block, sides: dict[str, Any], words: list[dict[str, Any]] | None) -> list[str]:
    """A pair's classes are those of its word runs; a one-sided passage's, those of its text."""
    if words is not None:
        return list(in_order(cls for word in words for cls in word["classes"]))
    if block.kind is BlockKind.LEFT_ONLY or block.kind is BlockKind.RIGHT_ONLY:
        return list(passage_classes((sides["left"] or sides["right"])["text"]))
    return []


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
        words = out["words"] = _words(block, alignment)
        out["classes"] = _classes(block, out, words)
    return out


def document_origin(doc: Document) -> dict[str, Any]:
    """What a document's JSON says of where its text came from: a reading note, and the format
    (and view) of a converted document; the review report's JSON says the same."""
    out: dict[str, Any] = {}
    if doc.note:
        out["note"] = doc.note
    if doc.source is not None:
        out["format"] = doc.source.format
        if doc.source.view is not None:
            out["view"] = doc.source.view
    return out


def _doc(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "line_count": doc.line_count, "encoding": doc.encoding, **document_origin(doc)}


def _header(alignment: Alignment) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "left": _doc(alignment.left),
        "right": _doc(alignment.right),
        "options": asdict(alignment.options),
        "stats": asdict(compute_stats(alignment)),
    }


def link_to_dict(link: SentenceLink, left: Document, right: Document) -> dict[str, Any]:
    return {
        "left": _side((link.left,), left),
        "right": _side((link.right,), right),
        "score": link.score,
        "left_block": link.left_block,
        "right_block": link.right_block,
    }


def link_json(link: SentenceLink, left: Document, right: Document) -> str:
    """One sentence link as its compact JSON line."""
    return json.dumps(link_to_dict(link, left, right), ensure_ascii=False)


def alignment_to_dict(alignment: Alignment, with_words: bool = True) -> dict[str, Any]:
    return {
        **_header(alignment),
        "blocks": [block_to_dict(b, alignment, with_words) for b in alignment.blocks],
        # Sentences that moved from one block into another (paragraph mode); block indices
        # point into "blocks".
        "sentence_links": [
            link_to_dict(link, alignment.left, alignment.right) for link in alignment.sentence_links
        ],
    }


# iter_alignment_json yields pieces of about this many characters.
_CHUNK = 1 << 20


# Alignments with at least this many blocks encode the second half of their blocks in a forked
# child while this process encodes the first half (word diffs are most of the work of --json).
PARALLEL_MIN_BLOCKS = 2000


def _block_lines(alignment: Alignment, blocks: list[Block], with_words: bool) -> Iterator[str]:
    for block in blocks:
        yield json.dumps(block_to_dict(block, alignment, with_words), ensure_ascii=False)


def _can_fork(alignment: Alignment) -> bool:
    return len(alignment.blocks) >= PARALLEL_MIN_BLOCKS and may_fork()


def _start_child(alignment: Alignment, blocks: list[Block], with_words: bool) -> tuple[int, int] | None:
    """Fork a child that encodes `blocks` and sends their lines through a pipe: (pid, read end),
    or None when no child could be started. A compact JSON value never contains a line end,
    so the child's lines travel as one text."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: encode, send, leave without cleanup
        status = 1
        try:
            os.close(read_fd)
            text = "\n".join(_block_lines(alignment, blocks, with_words))
            with os.fdopen(write_fd, "wb") as out:
                out.write(text.encode("utf-8", "surrogatepass"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _child_lines(
    child: tuple[int, int], alignment: Alignment, blocks: list[Block], with_words: bool
) -> Iterator[str]:
    """The lines the child encoded; if it failed for any reason, encoded here instead."""
    pid, read_fd = child
    data = b""
    inp = os.fdopen(read_fd, "rb")
    try:
        data = inp.read()
    finally:
        # Closed before waiting: if the reader stopped early (a closed pipe downstream), the
        # child's write fails and it exits instead of waiting for us forever.
        inp.close()
        _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        yield from data.decode("utf-8", "surrogatepass").split("\n")
    else:
        yield from _block_lines(alignment, blocks, with_words)


def _blocks_json(alignment: Alignment, with_words: bool) -> Iterator[str]:
    """One JSON line per block, in order; on a large alignment two processes share the work
    (a child encodes the second half while this process encodes the first)."""
    blocks = alignment.blocks
    child = _start_child(alignment, blocks[len(blocks) // 2 :], with_words) if _can_fork(alignment) else None
    if child is None:
        yield from _block_lines(alignment, blocks, with_words)
        return
    half = len(blocks) // 2
    finished = False
    try:
        yield from _block_lines(alignment, blocks[:half], with_words)
        finished = True
    finally:
        if not finished:  # the reader stopped early: end the child (its write fails) and wait
            os.close(child[1])
            os.waitpid(child[0], 0)
    yield from _child_lines(child, alignment, blocks[half:], with_words)


def iter_alignment_json(
    alignment: Alignment,
    with_words: bool = True,
    block_lines: Iterator[str] | None = None,
    link_lines: Iterator[str] | None = None,
) -> Iterator[str]:
    """The JSON text in pieces: top-level keys one per line, each block (and link) on a line of
    its own. Built entry by entry, so a large alignment is written without holding the whole
    text, and the dicts behind it, in memory at once (a 10 MB pair makes some 36 MB of JSON).

    json.dumps with `indent` would run the pure-Python encoder (seconds on a large pair); compact
    dumps of each entry use the C encoder and keep the output readable with `grep` and `less`.
    `block_lines`, `link_lines`: the blocks' and links' lines when they come from elsewhere
    (`diptych --json` has the links found by a child process: tui.engine.links_child).
    """
    lines = [
        f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in _header(alignment).items()
    ]
    pending = ["{\n" + ",\n".join(lines)]
    size = len(pending[0])
    lists = (
        ("blocks", block_lines if block_lines is not None else _blocks_json(alignment, with_words)),
        (
            "sentence_links",
            link_lines
            if link_lines is not None
            else (
                link_json(link, alignment.left, alignment.right) for link in alignment.sentence_links
            ),
        ),
    )
    for key, entries in lists:
        opening = f",\n {json.dumps(key)}: ["
        first = True
        for entry in entries:
            piece = ("\n  " if first else ",\n  ") + entry
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
