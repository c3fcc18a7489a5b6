"""A second process for `diptych --json` of large documents (and each step of a history), which
would otherwise use one core of two.

Forked before segmentation (the helper segments the right document while the parent segments the
left, and the two hand each other their passages), or after it (a history, which segments each
version once: the helper inherits the passages), the helper
1. computes the right document's equality keys and word strings while the parent computes the
   left document's (`align.RightSource`: the parent adopts them, rewriting the word strings in
   its own vocabulary);
2. prepares the sentences of the paragraphs (split, keys, word strings) while the parent aligns:
   most of the sentence links' work does not need the alignment;
3. once the parent hands the alignment over (block indices in shared memory), finds the sentence
   links while the parent writes the blocks (or lays out its rows), and sends them back.
Whatever goes wrong in the helper, the parent does that part itself: the output is the same
either way.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import pickle
import select
import signal
import struct
from array import array
from collections.abc import Iterator
from itertools import chain
from typing import BinaryIO

from tui.engine.align import SentenceSides, equality_keys, link_sentences, word_strings_of
from tui.engine.alignment_json import link_json
from tui.engine.compare import block_map, find_sentence_links
from tui.engine.forking import may_fork
from tui.engine.model import Alignment, AlignOptions, BlockKind, Document, Passage, SentenceLink, UnitKind
from tui.engine.segment import segment, sentences

# Below this many characters in both documents together a second process does not pay when
# the other core is busy. Measured with tui/evaluation/helper_bench.py (alternated runs): with the
# JSON child sharing the blocks by their work, Mastering Bitcoin (1.4 M) gains 14 % with no core
# kept busy and loses 3 % with one busy; Pro Git (0.3 M) gains 5 % and ties; the pairs of 2 M and
# more gained 8-16 % and 2-5 % (ARCHITECTURE.md, "The processes").
MIN_PARALLEL_CHARS = 1_000_000

_KINDS = list(BlockKind)
_UNIT_KINDS = list(UnitKind)
_PASSAGE_INTS = 6  # a passage handed over: kind, start and end offsets, start and end lines, paragraph
_INT = array("i").itemsize
_LENGTH = struct.Struct("<Q")  # before each message of the right side
_SEPARATOR = "\x00"  # between the keys (or word strings) of a message


def _can_fork(left: Document, right: Document, options: AlignOptions) -> bool:
    return len(left.text) + len(right.text) >= MIN_PARALLEL_CHARS and may_fork()


class HelperProcess:
    """Start before segmentation (`right_units`, `send_left_units`) or after it; the Aligner asks
    it for the right side (`keys`, `word_strings`); `hand_over` the alignment; `links` (or
    `link_lines`, their JSON) gives the sentence links. tui.engine.alignment_run drives it."""

    def __init__(
        self,
        left: Document,
        right: Document,
        units: tuple[list[Passage], list[Passage]] | None,
        options: AlignOptions,
        fork: bool = True,
    ):
        """`units`: the documents' paragraphs (or sentences), as the alignment will use them;
        None: the helper segments the right document and sends its passages (`right_units`)
        while the parent segments the left one and hands them over (`send_left_units`): each
        document is segmented once, the two at once. `fork` False: no second process, whatever
        the size (the object then has the parent do everything)."""
        self.options = options
        self._pid: int | None = None
        self._prep: BinaryIO | None = None
        self._go = self._result = self._left_ready = -1
        self._left_shared: mmap.mmap | None = None
        self._right_units_coming = False  # the helper's first message: the right passages
        segment_right = units is None
        if not fork or not _can_fork(left, right, options):
            return
        # Room for the hand-over: a header, each block's kind and each paragraph's block (there
        # are no more paragraphs than lines, nor blocks than paragraphs).
        counts = (len(units[0]), len(units[1])) if units else (left.line_count, right.line_count)
        slots = 3 + 2 * sum(counts)
        self._shared = mmap.mmap(-1, slots * _INT)
        # The left passages, handed over in shared memory: a pipe holds 64 KB, and the parent
        # must not wait for the helper to read them.
        if segment_right:
            self._left_shared = mmap.mmap(-1, (1 + _PASSAGE_INTS * left.line_count) * _INT)
        pipes = [os.pipe() for _ in range(4 if segment_right else 3)]  # right side, go, links, left ready
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            for fd in chain.from_iterable(pipes):
                os.close(fd)
            return
        (prep_read, prep_write), (go_read, go_write), (result_read, result_write) = pipes[:3]
        ready_read, ready_write = pipes[3] if segment_right else (-1, -1)
        if pid == 0:  # the helper: never returns, leaves without cleanup
            # Millions of small objects and no cycles, and the process ends with os._exit: the
            # cyclic collector would only re-scan the heap (the app forks with it on).
            gc.disable()
            status = 1
            try:
                _end_with(parent)
                for fd in (prep_read, go_write, result_read, ready_write):
                    if fd >= 0:
                        os.close(fd)
                _helper(
                    left, right, units, options, self._shared, prep_write, go_read, result_write,
                    (self._left_shared, ready_read) if self._left_shared is not None else None,
                )
                status = 0
            finally:
                os._exit(status)
        for fd in (prep_write, go_read, result_write, ready_read):
            if fd >= 0:
                os.close(fd)
        self._pid = pid
        self._prep = os.fdopen(prep_read, "rb")
        self._go, self._result, self._left_ready = go_write, result_read, ready_write
        self._right_units_coming = segment_right

    @property
    def running(self) -> bool:
        """Whether there is a helper process (which finds the sentence links)."""
        return self._pid is not None

    # -- segmentation shared (segment_right) -----------------------------------------------

    def right_units(self, right: Document) -> list[Passage] | None:
        """The right document's passages as the helper found them; None without a helper, or
        if it failed (then everything it would have sent is computed here)."""
        if not self._right_units_coming:
            return None
        self._right_units_coming = False
        data = self._message_bytes()
        if data is None:
            return None
        return _passages_from(right, data)

    def send_left_units(self, left_units: list[Passage]) -> None:
        """Hand the left document's passages to the helper (for the sentences it prepares)."""
        if self._left_ready < 0 or self._left_shared is None:
            return
        ready, self._left_ready = self._left_ready, -1
        data = _passages_to(left_units) if self.options.unit == "paragraph" else b""
        # No more paragraphs than lines (sentences are not needed: no sentence links then).
        if data and len(data) <= len(self._left_shared) - _INT:
            self._left_shared[:_INT] = array("i", [len(left_units)]).tobytes()
            self._left_shared[_INT : _INT + len(data)] = data
            with contextlib.suppress(OSError):  # the helper ended: links are found here
                os.write(ready, b"1")
        os.close(ready)

    # -- align.RightSource ---------------------------------------------------------------

    def _message_bytes(self) -> bytes | None:
        if self._prep is None:
            return None
        head = self._prep.read(_LENGTH.size)
        if len(head) == _LENGTH.size:
            (size,) = _LENGTH.unpack(head)
            data = self._prep.read(size)
            if len(data) == size:
                return data
        self._close_prep()  # the helper stopped sending: everything else is computed here
        return None

    def _message(self) -> str | None:
        data = self._message_bytes()
        return data.decode("utf-8", "surrogatepass") if data is not None else None

    def keys(self) -> list[str] | None:
        text = self._message()
        return text.split(_SEPARATOR) if text is not None else None  # the Aligner checks the count

    def word_strings(self) -> tuple[list[str], list[str]] | None:
        strings, vocabulary = self._message(), self._message()
        if strings is None or vocabulary is None:
            return None
        return strings.split(_SEPARATOR), vocabulary.split(_SEPARATOR) if vocabulary else []

    def _close_prep(self) -> None:
        if self._prep is not None:
            self._prep.close()  # a helper still writing gets a broken pipe and goes on
            self._prep = None

    # -- sentence links --------------------------------------------------------------------

    def hand_over(self, alignment: Alignment) -> None:
        """Give the helper the alignment's blocks: each block's kind, each paragraph's block."""
        self._close_prep()
        if self._go < 0:
            return
        go, self._go = self._go, -1
        if alignment.options.unit == "paragraph":
            kinds, block_of_l, block_of_r = block_map(alignment)
            data = array("i", [len(kinds), len(block_of_l), len(block_of_r)])
            data.extend(_KINDS.index(kind) for kind in kinds)
            data.extend(block_of_l)
            data.extend(block_of_r)
            payload = data.tobytes()
            if len(payload) <= len(self._shared):  # always (see the room above); be safe
                self._shared[: len(payload)] = payload
                with contextlib.suppress(OSError):  # the helper ended: links are found here
                    os.write(go, b"1")
        os.close(go)

    def link_lines(self, alignment: Alignment) -> Iterator[str]:
        """The links' JSON lines (see `links`). A generator: nothing waits for the helper before
        the first line is asked for."""
        for link in self.links(alignment):
            yield link_json(link, alignment.left, alignment.right)

    def links(self, alignment: Alignment) -> list[SentenceLink]:
        """The sentence links: the helper's, or (no helper, or it failed) found here."""
        found = self._collect()
        alignment.sentence_links = found if found is not None else find_sentence_links(alignment)
        return alignment.sentence_links

    def _collect(self) -> list[SentenceLink] | None:
        if self._pid is None:
            return None
        result, self._result = self._result, -1
        with os.fdopen(result, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status != 0 or not data.startswith(b"ok\n"):
            return None
        # Our own child's pickle (of engine dataclasses): nothing from outside this process.
        links = pickle.loads(data[3:])
        return links if isinstance(links, list) else None

    def close(self) -> None:
        """End the helper if it is still there (the output stopped early, or it is not needed)."""
        self._close_prep()
        for fd in (self._go, self._result, self._left_ready):
            if fd >= 0:
                os.close(fd)
        self._go = self._result = self._left_ready = -1
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = None


def _send(out: BinaryIO, text: str) -> None:
    _send_bytes(out, text.encode("utf-8", "surrogatepass"))


def _send_bytes(out: BinaryIO, data: bytes) -> None:
    out.write(_LENGTH.pack(len(data)))
    out.write(data)
    out.flush()


def _passages_to(units: list[Passage]) -> bytes:
    """Passages as integers (their text is the document's, sliced again on the other side)."""
    kind_index = {kind: k for k, kind in enumerate(_UNIT_KINDS)}
    data = array("i")
    for p in units:
        data.extend((kind_index[p.kind], p.start_offset, p.end_offset, p.start_line, p.end_line, p.paragraph))
    return data.tobytes()


def _passages_from(doc: Document, raw: bytes) -> list[Passage]:
    data = array("i")
    data.frombytes(raw)
    text, kinds = doc.text, _UNIT_KINDS
    return [
        Passage(index, kinds[kind], start, end, first, last, text[start:end], paragraph)
        for index, (kind, start, end, first, last, paragraph) in enumerate(
            zip(*(iter(data),) * _PASSAGE_INTS, strict=True)
        )
    ]


def _send_right_side(right_units: list[Passage], normalize: bool, out: BinaryIO) -> None:
    keys = equality_keys(right_units, normalize)
    joined = _SEPARATOR.join(keys)
    if joined.count(_SEPARATOR) != max(0, len(keys) - 1):
        return  # a key holds the separator: the parent computes them itself
    _send(out, joined)
    strings, vocabulary = word_strings_of(keys)
    _send(out, _SEPARATOR.join(strings))
    _send(out, _SEPARATOR.join(vocabulary))


# The helper prepares sentences this many paragraphs at a time, looking between two slices
# whether the parent's alignment has come.
SLICE_PARAGRAPHS = 400


def _helper(
    left: Document,
    right: Document,
    units: tuple[list[Passage], list[Passage]] | None,
    options: AlignOptions,
    shared: mmap.mmap,
    prep: int,
    go: int,
    result: int,
    left_from_parent: tuple[mmap.mmap, int] | None,
) -> None:
    if units is None:  # the right document segmented here; the left one comes from the parent
        right_units = segment(right, options.unit, options.markup)
    else:
        left_units, right_units = units
    # The parent closes its end once it has what it needs (or has computed it itself).
    with contextlib.suppress(BrokenPipeError), os.fdopen(prep, "wb") as out:
        if left_from_parent is not None:
            _send_bytes(out, _passages_to(right_units))
        _send_right_side(right_units, options.normalize, out)
    if options.unit != "paragraph":
        return  # sentence links are for paragraph alignments only
    if left_from_parent is not None:
        shared_left, ready = left_from_parent
        with os.fdopen(ready, "rb") as ready_signal:
            if ready_signal.read(1) != b"1":
                return  # the parent went away or gave up
        (count,) = array("i", shared_left[:_INT])
        left_units = _passages_from(left, shared_left[_INT : _INT * (1 + _PASSAGE_INTS * count)])
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
    with os.fdopen(go, "rb") as go_signal:
        if go_signal.read(1) != b"1":
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
    with os.fdopen(result, "wb") as out:
        out.write(b"ok\n" + pickle.dumps(links, protocol=pickle.HIGHEST_PROTOCOL))


PR_SET_PDEATHSIG = 1  # prctl(2)


def _end_with(parent: int) -> None:
    """Have the kernel end this helper when its parent ends. A parent that goes away (a hung-up
    terminal, a kill) closes its pipes, but the helper reads them only between its long steps:
    busy preparing a large document it would outlive the parent by seconds. Linux only; elsewhere
    the closed pipes end it, later."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)
