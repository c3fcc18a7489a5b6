"""Sentence links found by a child process while the parent aligns the paragraphs.

After the paragraphs are aligned, `diptych --json` has two jobs: the blocks (word diffs and
JSON) and the sentence links. Most of the links' work — splitting paragraphs into sentences,
their keys and word strings — does not need the alignment. So a child forked right after
segmentation does it while the parent aligns (one core each); the parent then hands the
alignment over as plain block indices in shared memory, encodes the blocks while the child links
the sentences, and writes the JSON lines the child sends back. Whatever goes wrong in the child,
the parent finds the links itself: the output is the same either way.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import select
import threading
from array import array
from collections.abc import Iterator

from tui.engine.align import SentenceSides, link_sentences
from tui.engine.compare import block_map, find_sentence_links
from tui.engine.model import Alignment, AlignOptions, BlockKind, Document, Passage, SentenceLink
from tui.engine.report_json import link_to_dict
from tui.engine.segment import sentences

# Below this many characters in both documents together, the whole run takes a fraction of a
# second and a second process is not worth starting.
MIN_PARALLEL_CHARS = 200_000

_KINDS = list(BlockKind)
_INT = array("i").itemsize


def _can_fork(left: Document, right: Document, options: AlignOptions) -> bool:
    return (
        options.unit == "paragraph"
        and len(left.text) + len(right.text) >= MIN_PARALLEL_CHARS
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # never fork a process with threads (the app)
    )


class LinksInAdvance:
    """Start with the documents; `hand_over` the alignment; `lines` gives the links' JSON."""

    def __init__(
        self,
        left: Document,
        right: Document,
        units: tuple[list[Passage], list[Passage]],
        options: AlignOptions,
    ):
        """`units`: the documents' paragraphs, as the alignment will use them."""
        self._pid: int | None = None
        if not _can_fork(left, right, options):
            return
        left_units, right_units = units
        # Room for the hand-over: a header, each block's kind and each paragraph's block.
        slots = 3 + 2 * (len(left_units) + len(right_units))
        self._shared = mmap.mmap(-1, slots * _INT)
        go_read, self._go = os.pipe()
        self._result, result_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (go_read, self._go, self._result, result_write):
                os.close(fd)
            return
        if pid == 0:  # the child: prepare, wait for the alignment, link, send, leave
            status = 1
            try:
                os.close(self._go)
                os.close(self._result)
                _child(left, right, units, options, self._shared, go_read, result_write)
                status = 0
            finally:
                os._exit(status)
        os.close(go_read)
        os.close(result_write)
        self._pid = pid

    def hand_over(self, alignment: Alignment) -> None:
        """Give the child the alignment's blocks: each block's kind, each paragraph's block."""
        if self._pid is None:
            return
        kinds, block_of_l, block_of_r = block_map(alignment)
        data = array("i", [len(kinds), len(block_of_l), len(block_of_r)])
        data.extend(_KINDS.index(kind) for kind in kinds)
        data.extend(block_of_l)
        data.extend(block_of_r)
        payload = data.tobytes()
        if len(payload) > len(self._shared):  # cannot happen (see the room above); be safe
            self.close()
            return
        self._shared[: len(payload)] = payload
        with contextlib.suppress(OSError):  # the child ended already: `lines` finds the links here
            os.write(self._go, b"1")
        os.close(self._go)

    def lines(self, alignment: Alignment) -> Iterator[str]:
        """The links' JSON lines: the child's, or (no child, or it failed) found here. A
        generator: nothing waits for the child before the first line is asked for."""
        text = self._collect()
        if text is not None:
            if text:
                yield from text.split("\n")
            return
        alignment.sentence_links = find_sentence_links(alignment)
        for link in alignment.sentence_links:
            yield link_json(link, alignment.left, alignment.right)

    def _collect(self) -> str | None:
        if self._pid is None:
            return None
        data = b""
        with os.fdopen(self._result, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status != 0 or not data.startswith(b"ok\n"):
            return None
        return data[3:].decode("utf-8", "surrogatepass")

    def close(self) -> None:
        """End the child early (the output stopped, or the hand-over failed)."""
        if self._pid is None:
            return
        for fd in (self._go, self._result):
            with contextlib.suppress(OSError):  # closed already
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, 9)
        os.waitpid(self._pid, 0)
        self._pid = None


def link_json(link: SentenceLink, left: Document, right: Document) -> str:
    return json.dumps(link_to_dict(link, left, right), ensure_ascii=False)


# The child prepares whole documents this many paragraphs at a time, looking between two
# slices whether the parent's alignment has come.
SLICE_PARAGRAPHS = 400


def _child(
    left: Document,
    right: Document,
    units: tuple[list[Passage], list[Passage]],
    options: AlignOptions,
    shared: mmap.mmap,
    go: int,
    result: int,
) -> None:
    left_units, right_units = units
    sides = SentenceSides([], [], options.normalize)
    # While the parent aligns, prepare the sentences of every paragraph, in document order; once
    # the alignment has come, only those of the paragraphs that are not equal are still needed
    # (on a large pair that is mostly unchanged, most of them are equal).
    nl, nr = len(left_units), len(right_units)
    slices = max(1, (nl + nr) // SLICE_PARAGRAPHS)
    done_l = done_r = 0
    for k in range(1, slices + 1):
        if select.select([go], [], [], 0)[0]:
            break
        upto_l, upto_r = nl * k // slices, nr * k // slices
        sides.add(
            sentences(left, left_units[done_l:upto_l]), sentences(right, right_units[done_r:upto_r])
        )
        done_l, done_r = upto_l, upto_r
    with os.fdopen(go, "rb") as signal:
        if signal.read(1) != b"1":
            return  # the parent went away or gave up
    header = array("i")
    header.frombytes(shared[: 3 * _INT])
    n_blocks, n_left, n_right = header
    if (n_left, n_right) != (nl, nr):
        return  # not the paragraphs the parent aligned: let it find the links itself
    data = array("i")
    data.frombytes(shared[3 * _INT : (3 + n_blocks + n_left + n_right) * _INT])
    kinds = [_KINDS[k] for k in data[:n_blocks]]
    block_of_l = data[n_blocks : n_blocks + n_left].tolist()
    block_of_r = data[n_blocks + n_left :].tolist()
    equal = BlockKind.EQUAL
    sides.add(
        sentences(left, [p for p in left_units[done_l:] if kinds[block_of_l[p.index]] is not equal]),
        sentences(right, [p for p in right_units[done_r:] if kinds[block_of_r[p.index]] is not equal]),
    )
    links = link_sentences(kinds, block_of_l, block_of_r, sides, options.threshold)
    text = "\n".join(link_json(link, left, right) for link in links)
    with os.fdopen(result, "wb") as out:
        out.write(b"ok\n" + text.encode("utf-8", "surrogatepass"))
