"""Aligning the documents for the app, and finding the reader's place again afterwards.

Small documents are aligned at once, so the first frame is already complete (and snapshot tests
are deterministic); larger ones in a worker thread, with their layout and review session
prepared there too, so the UI thread never stalls for seconds. ctrl+r reads changed inputs again
in a worker. Each result is handed to a callback on the UI thread. A quit meanwhile does not
wait for the work (background.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual.widget import Widget
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.files import Signature, file_signature
from tui.app.layout import LEFT, RIGHT, Layout
from tui.app.navigation import Stop, build_stops
from tui.app.panes import DiffView
from tui.engine.collector import collector_paused
from tui.engine.compare import align_documents, compare_documents, compute_stats
from tui.engine.helper_process import HelperProcess
from tui.engine.model import Alignment, AlignOptions, Block, Document, Stats
from tui.engine.reading import InputError, read_document
from tui.review import ReviewSession

# Documents larger than this (characters, both together) are aligned in a worker thread with an
# "aligning…" indicator; smaller ones are aligned at once.
SYNC_ALIGN_LIMIT = 400_000

# Opens the review session of an alignment: (session, None), or (None, why it could not).
SessionOpener = Callable[[Alignment], tuple[ReviewSession | None, str | None]]


def aligned_in_background(left: Document, right: Document) -> bool:
    return len(left.text) + len(right.text) > SYNC_ALIGN_LIMIT


@dataclass(frozen=True, slots=True)
class Prepared:
    """An alignment ready to be shown. What is None is computed when it is shown."""

    alignment: Alignment
    session: ReviewSession | None = None
    problem: str | None = None  # why the review store gave no session
    layout: Layout | None = None
    stats: Stats | None = None
    stops: list[Stop] | None = None


@dataclass(frozen=True, slots=True)
class Reload:
    """The outcome of ctrl+r: the new alignment (None when no changed input could be read),
    the inputs read with their signature from before reading, and why others could not be."""

    prepared: Prepared | None
    read: list[tuple[str, Signature]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def align(
    left: Document, right: Document, options: AlignOptions, helper: HelperProcess | None = None
) -> Alignment:
    """The alignment, with the cyclic collector paused (see tui.engine.collector); with a
    `helper` (a second process started for these documents and options), shared with it."""
    with collector_paused():
        if helper is None:
            return compare_documents(left, right, options)
        alignment = align_documents(left, right, options, right_source=helper)
        helper.hand_over(alignment)
        helper.links(alignment)  # the sentence links, into the alignment
        return alignment


class AlignmentRunner:
    """Runs the alignments of `owner` (its workers) for `view`, in the group "align": a newer
    one cancels the one still running."""

    def __init__(
        self, owner: Widget, view: DiffView, open_session: SessionOpener, helper: HelperProcess | None
    ) -> None:
        self._owner = owner
        self._view = view
        self._open_session = open_session
        # Started (before Textual's threads) for the first alignment of large documents; used once.
        self._helper = helper

    def align(
        self, left: Document, right: Document, options: AlignOptions, width: int,
        done: Callable[[Prepared], None],
    ) -> bool:
        """Align and call `done` with the result: before returning when the documents are small,
        else from a worker thread, with the layout prepared at `width`. True in the second case."""
        if not aligned_in_background(left, right):
            alignment = align(left, right, options)
            done(Prepared(alignment, *self._open_session(alignment)))
            return False
        self._owner.run_worker(
            lambda: self._align_worker(left, right, options, width, done),
            thread=True, exclusive=True, group="align", description="alignment",
        )
        return True

    def _align_worker(
        self, left: Document, right: Document, options: AlignOptions, width: int,
        done: Callable[[Prepared], None],
    ) -> None:
        worker = get_current_worker()
        helper, self._helper = self._helper, None
        if helper is not None and helper.options != options:
            helper = None  # started for other options: this alignment is done here alone
        prepared = until_cancelled(worker, self._prepare, left, right, options, width, helper)
        if prepared is not None and not worker.is_cancelled:
            self._owner.app.call_from_thread(done, prepared)

    def _prepare(
        self, left: Document, right: Document, options: AlignOptions, width: int,
        helper: HelperProcess | None,
    ) -> Prepared:
        """Align and lay the rows out (together ~2-4 s for a 2.7 MB pair), and open the review
        session (it hashes every difference): everything a large alignment needs before it is shown."""
        alignment = align(left, right, options, helper)
        session, problem = self._open_session(alignment)
        with collector_paused():
            layout = self._view.prepare_layout(alignment, width)
            stats, stops = compute_stats(alignment), build_stops(alignment.blocks)
        return Prepared(alignment, session, problem, layout, stats, stops)

    def reload(
        self, paths: list[str], left: Document, right: Document, options: AlignOptions,
        done: Callable[[Reload], None],
    ) -> None:
        """Read the inputs at `paths` again and re-align, in a worker thread; an input that
        cannot be read keeps its old version (with the reason in the result)."""
        self._owner.run_worker(
            lambda: self._reload_worker(paths, left, right, options, done),
            thread=True, exclusive=True, group="align", description="reload",
        )

    def _reload_worker(
        self, paths: list[str], left: Document, right: Document, options: AlignOptions,
        done: Callable[[Reload], None],
    ) -> None:
        read: list[tuple[str, Signature]] = []
        problems: list[str] = []
        for path in paths:
            signature = file_signature(path)
            try:
                doc = read_document(path)
            except InputError as exc:
                problems.append(str(exc))
                continue
            read.append((path, signature))
            if path == left.path:
                left = doc
            if path == right.path:
                right = doc
        if not read:
            self._owner.app.call_from_thread(done, Reload(None, read, problems))
            return
        worker = get_current_worker()
        alignment = until_cancelled(worker, align, left, right, options)
        if alignment is None or worker.is_cancelled:
            return
        prepared = Prepared(alignment, *self._open_session(alignment))
        self._owner.app.call_from_thread(done, Reload(prepared, read, problems))


# -- keeping the place ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """What the reader was looking at, to find again in a new alignment of the same (or newer)
    documents: a passage, by its side and document offset."""

    side: int
    offset: int
    selected: bool  # it was the selected difference (select it again if it still is one)


def place_of(block: Block, selected: bool) -> Place:
    if block.left:
        return Place(LEFT, block.left[0].start_offset, selected)
    return Place(RIGHT, block.right[0].start_offset, selected)


def block_at_place(alignment: Alignment, place: Place) -> int | None:
    """The block of `alignment` holding the place's offset on its side."""
    for index, block in enumerate(alignment.blocks):
        passages = block.left if place.side == LEFT else block.right
        if any(p.start_offset <= place.offset < max(p.end_offset, p.start_offset + 1) for p in passages):
            return index
    return None


def block_texts(block: Block) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A block's passages by their texts: how a difference is found again after a reload."""
    return tuple(p.text for p in block.left), tuple(p.text for p in block.right)
