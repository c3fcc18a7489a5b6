"""The JSON contract of `diptych --json` (schema "diptych.alignment/1")."""

from __future__ import annotations

import json
import mmap
import os
import struct
from collections.abc import Callable, Iterator
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
    ops = [op for op in ops if op.tag != "equal" or op.typographic]
    classes = PairClassifier(left["text"], right["text"], normalize).classes_of(ops)
    return [
        {
            "tag": op.tag,
            "typographic": op.typographic,
            "numeric": op.numeric,
            "left": [op.left_start, op.left_end],
            "right": [op.right_start, op.right_end],
            "classes": list(found),  # str members: json writes their values
        }
        for op, found in zip(ops, classes, strict=True)
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


# The blocks' lines are shared with a forked child when the work they take is estimated at this
# or more: the characters of the changed pairs and one-sided passages (their word diffs and change
# classes are most of the work of --json, some 0.1-0.3 ms per 1000) and `_BLOCK_WORK` a block.
PARALLEL_MIN_WORK = 150_000
_BLOCK_WORK = 100
# The blocks are cut into this many chunks of about equal work: this process takes them from the
# front, the child from the back, until they meet, so that both finish together whatever the
# share of each (the cost of the classes varies from one passage to another, this process also
# writes the output, and on a large pair the helper process is finding the sentence links).
_CHUNKS = 48
# Shared between the two (each writes one): the chunks this process has taken (all before the
# number), and the first of those the child has written (all from it to the end).
_COUNTER = struct.Struct("q")
_TAKEN, _WRITTEN_FROM = 0, _COUNTER.size


def _block_lines(alignment: Alignment, blocks: list[Block], with_words: bool) -> Iterator[str]:
    for block in blocks:
        yield json.dumps(block_to_dict(block, alignment, with_words), ensure_ascii=False)


def _work(block: Block, with_words: bool) -> int:
    if not with_words or (block.kind is BlockKind.EQUAL and not block.typographic_only):
        return _BLOCK_WORK
    size = 0
    for passages in (block.left, block.right):
        if passages:
            size += passages[-1].end_offset - passages[0].start_offset
    return _BLOCK_WORK + size


def _chunk_bounds(alignment: Alignment, with_words: bool) -> list[int] | None:
    """Where the chunks of blocks begin (and the last one ends), or None when this process
    should write every line itself (too little work to share, or no fork possible)."""
    works = [_work(block, with_words) for block in alignment.blocks]
    total = sum(works)
    if total < PARALLEL_MIN_WORK or len(works) < 2 or not may_fork():
        return None
    bounds, done = [0], 0
    for i, work in enumerate(works[:-1]):
        done += work
        if done * _CHUNKS >= total * len(bounds):
            bounds.append(i + 1)
    bounds.append(len(works))
    return bounds


def _can_fork(alignment: Alignment) -> bool:
    return _chunk_bounds(alignment, True) is not None


def _start_child(
    alignment: Alignment, bounds: list[int], progress: mmap.mmap, with_words: bool
) -> tuple[int, int] | None:
    """Fork a child that writes chunks from the last one down until it reaches those this
    process has taken, then sends their lines through a pipe (the first chunk's index on a line
    of its own, then the lines): (pid, read end), or None when no child could be started. A
    compact JSON value never contains a line end, so the lines travel as one text."""
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
            blocks, chunk, written = alignment.blocks, len(bounds) - 1, []
            while chunk > 0 and _COUNTER.unpack_from(progress, _TAKEN)[0] < chunk:
                chunk -= 1
                lines = _block_lines(alignment, blocks[bounds[chunk]:bounds[chunk + 1]], with_words)
                written.append("\n".join(lines))
                _COUNTER.pack_into(progress, _WRITTEN_FROM, chunk)
            text = "\n".join([str(chunk), *reversed(written)])
            with os.fdopen(write_fd, "wb") as out:
                out.write(text.encode("utf-8", "surrogatepass"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def block_lines(
    alignment: Alignment, with_words: bool = True, meanwhile: Callable[[], object] | None = None
) -> Iterator[str]:
    """One JSON line per block, in order; with enough work, two processes share it (see
    `_CHUNKS`). `meanwhile`: other work of this process that may be done while a child writes
    blocks (before this process takes its first chunk); called only if there is a child."""
    blocks = alignment.blocks
    bounds = _chunk_bounds(alignment, with_words)
    if bounds is None:
        yield from _block_lines(alignment, blocks, with_words)
        return
    chunks = len(bounds) - 1
    progress = mmap.mmap(-1, 2 * _COUNTER.size)
    _COUNTER.pack_into(progress, _TAKEN, 0)
    _COUNTER.pack_into(progress, _WRITTEN_FROM, chunks)
    child = _start_child(alignment, bounds, progress, with_words)
    if child is None:
        yield from _block_lines(alignment, blocks, with_words)
        return
    taken = 0
    finished = False
    try:
        if meanwhile is not None:
            meanwhile()
        # A chunk is taken before it is written and the child checks before each one, so that
        # each is written at least once (both may write one at the same time: ours is kept).
        while taken < chunks and taken < _COUNTER.unpack_from(progress, _WRITTEN_FROM)[0]:
            taken += 1
            _COUNTER.pack_into(progress, _TAKEN, taken)
            yield from _block_lines(alignment, blocks[bounds[taken - 1]:bounds[taken]], with_words)
        finished = True
    finally:
        if not finished:  # the reader stopped early: stop the child (its write fails) and wait
            _COUNTER.pack_into(progress, _TAKEN, chunks)
            os.close(child[1])
            os.waitpid(child[0], 0)
    yield from _child_lines(child, alignment, bounds, taken, with_words)


def _child_lines(
    child: tuple[int, int], alignment: Alignment, bounds: list[int], taken: int, with_words: bool
) -> Iterator[str]:
    """The lines of the chunks from `taken` on, as the child wrote them; if it failed for any
    reason, written here instead."""
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
        first, _, text = data.decode("utf-8", "surrogatepass").partition("\n")
        lines = text.split("\n") if text else []
        first_chunk = int(first)
        if first_chunk <= taken and len(lines) == bounds[-1] - bounds[first_chunk]:
            yield from lines[bounds[taken] - bounds[first_chunk]:]
            return
    yield from _block_lines(alignment, alignment.blocks[bounds[taken]:], with_words)


def iter_alignment_json(
    alignment: Alignment,
    with_words: bool = True,
    blocks: Iterator[str] | None = None,
    link_lines: Iterator[str] | None = None,
) -> Iterator[str]:
    """The JSON text in pieces: top-level keys one per line, each block (and link) on a line of
    its own. Built entry by entry, so a large alignment is written without holding the whole
    text, and the dicts behind it, in memory at once (a 10 MB pair makes some 36 MB of JSON).

    json.dumps with `indent` would run the pure-Python encoder (seconds on a large pair); compact
    dumps of each entry use the C encoder and keep the output readable with `grep` and `less`.
    `blocks`, `link_lines`: the blocks' and links' lines when they come from elsewhere
    (`diptych --json` has them from tui.engine.alignment_run).
    """
    lines = [
        f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in _header(alignment).items()
    ]
    pending = ["{\n" + ",\n".join(lines)]
    size = len(pending[0])
    lists = (
        ("blocks", blocks if blocks is not None else block_lines(alignment, with_words)),
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
