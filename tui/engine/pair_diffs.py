"""The word diff of each pair of an alignment, and the change classes of its runs, computed once
and shared by everyone who asks: the app's highlights, its overview strip, the change list and
the review report (each used to diff the same pair again, up to three times).

A cache belongs to one Alignment (`pair_diffs(alignment)` keeps it in the alignment itself), so
a new alignment — another threshold or unit, a reload, a reviewer's correction — starts with an
empty one and can never see the diffs of another; it is freed with its alignment. A pair is
diffed as the report quotes it: its sides' text from the first passage's start to the last one's
end in the document (for a split or a merge, with what lies between its passages).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from tui.engine.classes import ChangeClass, in_order, passage_classes
from tui.engine.model import Alignment, Block, Document, Passage
from tui.engine.significance import run_classes
from tui.engine.worddiff import WordOp, diff_words

T = TypeVar("T")

WordOps = tuple[WordOp, ...]
RunClasses = tuple[tuple[ChangeClass, ...], ...]  # the classes of each changed run, in order

# Guards the creation of an alignment's cache (two threads asking first must get the same one).
_CREATING = threading.Lock()


def side_text(document: Document, passages: tuple[Passage, ...]) -> str:
    """A side of a block as it is diffed: the document from its first passage to its last."""
    return document.text[passages[0].start_offset:passages[-1].end_offset]


class PairDiffs:
    """Word ops and run classes per pair (a block with passages on both sides), computed on
    first use. Blocks must be those of the alignment the cache belongs to.

    Thread safety: the app asks from the UI thread (highlights of the rows drawn) and from
    worker threads (the overview strip's refinement, the change list's report) at once. Each
    value is computed by one thread only: the first to ask claims the block (under a lock held
    only for that bookkeeping) and computes it outside the lock; another thread that asks for
    the same block meanwhile waits until it is stored instead of computing it again. Two workers
    walking the document together thus share the work, and the UI thread never waits longer
    than one pair's diff. A value, once stored, is never changed, so a value already there is
    read without the lock (a dict lookup is atomic in CPython).
    """

    def __init__(self, left: Document, right: Document, normalize: bool) -> None:
        # The documents, not the alignment: the alignment holds this cache, and a cycle would
        # keep both alive after the app drops the alignment (it freezes them out of the
        # garbage collector's sight).
        self._left = left
        self._right = right
        self.normalize = normalize
        # Guards _claimed and _waiting; `_stored` (on the same lock) is notified when a claimed
        # value is stored, or its computation failed, and a thread is waiting for one.
        self._lock = threading.Lock()
        self._stored = threading.Condition(self._lock)
        self._waiting = 0
        # id(block) -> (block, value): the block is kept so that its id cannot be reused.
        self._ops: dict[int, tuple[Block, WordOps]] = {}
        self._runs: dict[int, tuple[Block, RunClasses]] = {}
        self._claimed: set[tuple[str, int]] = set()  # (which table, id(block)) being computed
        # id(block) -> (block, classes) of a passage on one side only, without the lock: two
        # threads may both compute one, and either stores the same value.
        self._one_sided: dict[int, tuple[Block, tuple[ChangeClass, ...]]] = {}

    def texts(self, block: Block) -> tuple[str, str]:
        """The (left, right) text of a pair, as diffed (offsets of its ops are into these)."""
        return side_text(self._left, block.left), side_text(self._right, block.right)

    def ops(self, block: Block, texts: tuple[str, str] | None = None) -> WordOps:
        """The pair's word ops: `diff_words` of its two texts (`texts`, when the caller has them)."""
        entry = self._ops.get(id(block))
        if entry is not None and entry[0] is block:
            return entry[1]
        return self._once("ops", self._ops, block, lambda: self._diff(block, texts))

    def runs(self, block: Block) -> RunClasses:
        """The classes of each changed run of the pair (`significance.run_classes` of its ops)."""
        entry = self._runs.get(id(block))
        if entry is not None and entry[0] is block:
            return entry[1]
        return self._once("runs", self._runs, block, lambda: self._classify(block))

    def classes(self, block: Block) -> tuple[ChangeClass, ...]:
        """A difference's classes, as `--json` writes a block's: a pair's, the union of its runs';
        a passage's on one side only, the things it adds or removes."""
        if block.left and block.right:
            return in_order(cls for run in self.runs(block) for cls in run)
        entry = self._one_sided.get(id(block))
        if entry is not None and entry[0] is block:
            return entry[1]
        document, passages = (self._left, block.left) if block.left else (self._right, block.right)
        found = passage_classes(side_text(document, passages)) if passages else ()
        self._one_sided[id(block)] = (block, found)
        return found

    def __len__(self) -> int:
        """How many pairs have their word ops computed."""
        return len(self._ops)

    def _diff(self, block: Block, texts: tuple[str, str] | None) -> WordOps:
        if not block.left or not block.right:
            raise ValueError("only a pair (passages on both sides) has a word diff")
        return tuple(diff_words(*(texts or self.texts(block)), self.normalize))

    def _classify(self, block: Block) -> RunClasses:
        if not block.left or not block.right:
            raise ValueError("only a pair (passages on both sides) has run classes")
        texts = self.texts(block)
        entry = self._ops.get(id(block))
        if entry is not None and entry[0] is block:
            ops = entry[1]
        else:
            # Diffed here without claiming the ops as well (the strip asks for the classes of
            # thousands of pairs: the bookkeeping cost it a tenth); should another thread diff
            # the same pair meanwhile, both store the same ops.
            ops = self._ops.setdefault(id(block), (block, self._diff(block, texts)))[1]
        return tuple(run_classes(*texts, ops, self.normalize))

    def _once(
        self, kind: str, table: dict[int, tuple[Block, T]], block: Block, compute: Callable[[], T]
    ) -> T:
        key = id(block)
        with self._lock:
            while True:
                entry = table.get(key)
                if entry is not None and entry[0] is block:
                    return entry[1]  # stored while this thread waited for the lock
                if (kind, key) not in self._claimed:
                    break
                self._waiting += 1  # another thread is computing it
                self._stored.wait()
                self._waiting -= 1
            self._claimed.add((kind, key))
        try:
            value = compute()
            table[key] = (block, value)
            return value
        finally:  # stored, or failed: a waiting thread then finds it, or computes it (and fails) itself
            with self._lock:
                self._claimed.discard((kind, key))
                if self._waiting:
                    self._stored.notify_all()


def pair_diffs(alignment: Alignment) -> PairDiffs:
    """The alignment's cache of word diffs, made on first use."""
    diffs = alignment.word_diffs
    if diffs is None:
        with _CREATING:
            diffs = alignment.word_diffs
            if diffs is None:
                diffs = PairDiffs(alignment.left, alignment.right, alignment.options.normalize)
                alignment.word_diffs = diffs
    return diffs
