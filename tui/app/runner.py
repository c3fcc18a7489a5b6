"""Aligning the pair on screen, and again after ctrl+r, t/T, s; keeping the reader's place.

Small documents are aligned at once, so the first frame is already complete (and snapshot tests
are deterministic); larger ones in a worker thread, with their layout and review session
prepared there too, so the UI thread never stalls for seconds. A quit meanwhile does not wait
for the work (background.py). A mixin of DiptychApp: it reads and sets the app's state.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.app.files import changed_message, file_signature
from tui.app.layout import LEFT, Layout, TextStore
from tui.app.navigation import Stop, build_stops, stop_of_block
from tui.app.panes import DiffView
from tui.app.sections import GENERAL, Keys
from tui.engine.alignment_run import AlignmentRun
from tui.engine.collector import collector_paused
from tui.engine.compare import compute_stats
from tui.engine.model import Alignment, AlignOptions, Document, Stats
from tui.engine.reading import InputError, reread_document
from tui.engine.safe_text import for_terminal
from tui.review import ReviewSession, ReviewStore, ReviewStoreError
from tui.review.corrections import not_applied_text

if TYPE_CHECKING:
    from tui.app.app import DiptychApp


# Documents larger than this (characters, both together) are aligned in a worker thread with an
# "aligning…" indicator; smaller ones are aligned at once, so the first frame is already complete
# (and snapshot tests are deterministic).
SYNC_ALIGN_LIMIT = 400_000


def align_for_app(left: Document, right: Document, options: AlignOptions) -> Alignment:
    """The engine's AlignmentRun with the sentence links, in this process alone (a helper did not
    pay in the app: ARCHITECTURE.md, "The processes"), and with the cyclic garbage collector
    paused: alignment allocates millions of small objects and creates no cycles, and the
    collector's passes over a large heap made it about 25% slower on a 2.7 MB pair. (The
    collector is process-wide; it is paused only for the seconds the alignment takes, even when
    that runs in a worker thread.)"""
    with collector_paused(), AlignmentRun(left, right, options, fork=False) as run:
        run.sentence_links()
        return run.alignment


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (GENERAL, Binding("ctrl+r", "reload", "Reload a document that changed on disk (re-aligns)",
                      id="diptych.reload")),
]


def _block_texts(alignment: Alignment, index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    block = alignment.blocks[index]
    return (
        tuple(p.text for p in block.left),
        tuple(p.text for p in block.right),
    )


class AlignmentRunner:
    """The alignment, its review session and the reload of changed inputs, for DiptychApp."""

    # -- alignment -----------------------------------------------------------------------------

    def _start_alignment(self: DiptychApp, options: AlignOptions, first: bool = False) -> None:
        megabytes = (len(self.left_doc.text) + len(self.right_doc.text)) / 1_000_000
        self.busy = f"aligning {megabytes:.1f} MB ({options.unit}s, threshold {options.threshold:.2f})…"
        self.query_one("#loading-label", Static).update(Text(self.busy))
        self._refresh_bars()
        view = self.view
        # Hidden while the first alignment runs: its width will be the screen's less the scrollbar.
        width = view.layout_width if view.diff_layout is not None else max(1, self.size.width - 1)
        self._align_worker(options, view, width)

    @work(thread=True, exclusive=True, group="align", description="alignment")
    def _align_worker(self: DiptychApp, options: AlignOptions, view: DiffView, width: int) -> None:
        """Align, and lay the rows out, off the UI thread (together ~2-4 s for a 2.7 MB pair);
        a quit meanwhile does not wait for it (see background.py)."""
        worker = get_current_worker()
        prepared = until_cancelled(worker, self._align_and_lay_out, options, view, width)
        if prepared is not None and not worker.is_cancelled:
            self.call_from_thread(self._apply_alignment, *prepared)

    def _align_and_lay_out(
        self, options: AlignOptions, view: DiffView, width: int
    ) -> tuple[Alignment, Layout, Stats, list[Stop], ReviewSession | None, str | None]:
        alignment = self.align_pair(options)
        session, problem = self._open_session(alignment)  # hashes every difference: not on the UI thread
        if session is not None:
            alignment = session.alignment  # with the reviewer's corrections
        with collector_paused():
            layout = view.prepare_layout(alignment, width)
            stats, stops = compute_stats(alignment), build_stops(alignment.blocks, self.one_by_one)
        return alignment, layout, stats, stops, session, problem

    def realign(self: DiptychApp, options: AlignOptions) -> None:
        size = len(self.left_doc.text) + len(self.right_doc.text)
        if size <= SYNC_ALIGN_LIMIT:
            self._apply_alignment(self.align_pair(options))
        else:
            self._start_alignment(options)

    def align_pair(self: DiptychApp, options: AlignOptions) -> Alignment:
        """The alignment of the two documents on screen (a timeline takes it from its History)."""
        return align_for_app(self.left_doc, self.right_doc, options)

    def show_pair(
        self: DiptychApp, alignment: Alignment, sides: tuple[int | None, int | None] = (None, None)
    ) -> None:
        """Show two other documents with their alignment (a timeline's pair, tui/app/timeline_app.py):
        the review store stays, the pair gets its own review session. `sides` says where the old
        left and right documents are in the new pair (LEFT, 1 for right, or None: not in it), so
        that the passage the reader was at stays in view when the pair shares a version."""
        anchor = self._position_anchor()
        if anchor is not None:
            side = sides[anchor[0]]
            anchor = None if side is None else (side, anchor[1], anchor[2])
        self.left_doc, self.right_doc = alignment.left, alignment.right
        self.view.texts = TextStore()  # display texts are cached by offsets of the old documents
        self.alignment = None  # the place is the one translated above, not one of the old pair
        self._apply_alignment(alignment, anchor=anchor)
        if anchor is None:
            self.view.scroll_to(y=0, animate=False, immediate=True)

    def _position_anchor(self: DiptychApp) -> tuple[int, int, bool] | None:
        """(side, document offset) of what the reader is looking at, to find it again after a
        re-alignment: the current difference, else the passage at the top of the view; and
        whether a difference was selected."""
        if self.alignment is None or self.view.diff_layout is None:
            return None
        selected = self.current is not None
        if self.current is not None:
            block = self.alignment.blocks[self.stops[self.current].first]
        else:
            index = self.view.diff_layout.block_at(self.view.top_row())
            if index is None:
                return None
            block = self.alignment.blocks[index]
        if block.left:
            return LEFT, block.left[0].start_offset, selected
        return 1, block.right[0].start_offset, selected

    def _apply_alignment(
        self, alignment: Alignment, prepared: Layout | None = None,
        stats: Stats | None = None, stops: list[Stop] | None = None,
        session: ReviewSession | None = None, problem: str | None = None,
        anchor: tuple[int, int, bool] | None = None,
    ) -> None:
        if anchor is None and self.alignment is not None:
            anchor = self._position_anchor()
        if self.busy and self.message == self.busy:
            self.message = ""  # "aligning…" was said when the key was pressed: it is done now
        if session is None and problem is None:
            session, problem = self._open_session(alignment)
        if session is None:
            # The store failed (disk full, file made read-only…): keep reviewing, in memory.
            self.store = ReviewStore.in_memory()
            session = self.store.session(alignment)
            self._store_notice = f"review marks will not be saved: {problem}"
        alignment = session.alignment  # with the reviewer's corrections (tui/review/corrections.py)
        self.review = session
        self.busy = None
        self.options = alignment.options
        self.alignment = alignment
        self.stats = stats if stats is not None else compute_stats(alignment)
        self.view_state = self.view_state.aligned(alignment.blocks, stops)
        self._filter_new_alignment()
        self.screen.remove_class("busy-first")
        view = self.view
        view.set_alignment(alignment, prepared)
        if self.view_state.query:
            self._run_search(self.view_state.query, jump=False)
        if anchor is not None:
            self._restore_anchor(anchor)
        if not alignment.blocks:
            self.message = "Neither document has any text to compare."
        self._tell_review_news()
        self._sync_marks()
        if prepared is not None:
            # A large alignment is millions of long-lived objects without cycles: moved out of
            # the collector's sight, they no longer cost a ~0.3 s pause at each full collection
            # while the user scrolls. (Freed as usual by reference counting when replaced.)
            gc.freeze()

    def _open_session(self: DiptychApp, alignment: Alignment) -> tuple[ReviewSession | None, str | None]:
        try:
            return self.store.session(alignment), None
        except ReviewStoreError as exc:
            return None, str(exc)

    def _tell_review_news(self: DiptychApp) -> None:
        """Once: why marks will not be saved, and what was carried over from an earlier review."""
        news = []
        if self._store_notice:
            news.append(self._store_notice)
            self._store_notice = ""
        carry = self.review.carry if self.review is not None else None
        if carry is not None and carry.happened and not self._carry_told:
            self._carry_told = True
            source = " → ".join(
                os.path.basename(p) for p in (carry.source_left_path, carry.source_right_path) if p
            )
            source = source or "an earlier version"
            carried = carry.exact + carry.fuzzy
            text = f"Carried {carried} {'mark' if carried == 1 else 'marks'} from the review of {source}"
            if carry.fuzzy:
                text += f"; {carry.fuzzy} {'needs' if carry.fuzzy == 1 else 'need'} a re-check (?)"
            if carry.lost:
                text += f"; {len(carry.lost)} could not be carried over (in the report, e)"
            news.append(for_terminal(text) + ".")
        if self.review is not None and not self._corrections_told:
            news += self._correction_news(self.review)
        if news:
            self.message = " · ".join(([self.message] if self.message else []) + news)

    def _correction_news(self: DiptychApp, review: ReviewSession) -> list[str]:
        """Once: the corrections taken over from an earlier review, and those that are kept but
        not applied (their passages changed): none of them goes unsaid."""
        carried = [c for c in review.corrected.applied if c.carried]
        not_applied = review.corrections_not_applied()
        news = []
        if carried:
            news.append(f"Applied {len(carried)} {'correction' if len(carried) == 1 else 'corrections'} "
                        "of the pairing from the earlier review (C undoes one).")
        if not_applied:
            news.append(f"{not_applied_text(len(not_applied))} (in the report, e).")
        self._corrections_told = bool(news)
        return news

    def _restore_anchor(self: DiptychApp, anchor: tuple[int, int, bool]) -> None:
        assert self.alignment is not None
        side, offset, selected = anchor
        for index, block in enumerate(self.alignment.blocks):
            passages = block.left if side == LEFT else block.right
            if any(p.start_offset <= offset < max(p.end_offset, p.start_offset + 1) for p in passages):
                if selected:  # the same text stays selected if it is still a difference
                    self.current = stop_of_block(self.stops, index)
                layout = self.view.diff_layout
                rows = layout.block_rows(index) if layout else None
                if rows:
                    self.view.scroll_to(y=max(0, rows[0] - 2), animate=False, immediate=True)
                return

    # -- documents changed on disk -------------------------------------------------------------

    def check_files(self: DiptychApp) -> None:
        """One poll of the inputs (the timer's callback; tests call it directly)."""
        if self.watch.poll():
            if self.watch.changed:
                self.message = ""  # the change matters more than the last key's message
            self._refresh_bars()

    def action_reload(self: DiptychApp) -> None:
        paths = self.watch.modified_now()
        if not paths:
            watched = [p for p in (self.left_doc.path, self.right_doc.path) if p != "-"]
            self._say("Nothing to reload: " + (
                "the documents have not changed on disk." if watched
                else "standard input cannot be re-read."
            ))
            return
        self.busy = f"reloading {changed_message(paths).split(' changed')[0]}…"
        self._refresh_bars()
        self._reload_worker(paths, self.options)

    @work(thread=True, exclusive=True, group="align", description="reload")
    def _reload_worker(self: DiptychApp, paths: list[str], options: AlignOptions) -> None:
        """Read the changed inputs again and re-align; a file that cannot be read keeps its old
        version on screen (with the reason)."""
        left, right = self.left_doc, self.right_doc
        read: list[tuple[str, tuple[object, ...]]] = []
        problems: list[str] = []
        for path in paths:
            signature = file_signature(path)
            try:
                # Each side read again the way it was read (--tracked: one file, two views).
                if path == left.path:
                    left = reread_document(left)
                if path == right.path:
                    right = reread_document(right)
            except InputError as exc:
                problems.append(str(exc))
                continue
            read.append((path, signature))
        if not read:
            self.call_from_thread(self._reload_failed, problems)
            return
        worker = get_current_worker()
        alignment = until_cancelled(worker, align_for_app, left, right, options)
        if alignment is None or worker.is_cancelled:
            return
        session, problem = self._open_session(alignment)
        self.call_from_thread(self._finish_reload, alignment, session, problem, read, problems)

    def _reload_failed(self: DiptychApp, problems: list[str]) -> None:
        self.busy = None
        self._say(for_terminal("; ".join(problems)) + " — the version read before stays on screen.")

    def _finish_reload(
        self, alignment: Alignment, session: ReviewSession | None, problem: str | None,
        read: list[tuple[str, tuple[object, ...]]], problems: list[str],
    ) -> None:
        # The current difference is found again by its content, else by where it was.
        wanted = None
        if self.alignment is not None and self.current is not None:
            wanted = _block_texts(self.alignment, self.stops[self.current].first)
        anchor = self._position_anchor()
        for path, signature in read:
            self.watch.mark_read(path, signature)
        self.left_doc, self.right_doc = alignment.left, alignment.right
        self.view.texts = TextStore()  # display texts are cached by offsets of the old documents
        self._carry_told = self._corrections_told = False  # a new version: say what its review took over
        self.message = ""
        self._apply_alignment(alignment, session=session, problem=problem, anchor=anchor)
        news = self.message
        if wanted is not None:
            for index, stop in enumerate(self.stops):
                if _block_texts(self.alignment, stop.first) == wanted:
                    self._go_to_stop(index)
                    break
        names = " and ".join(os.path.basename(path) for path, _ in read)
        message = f"Reloaded {for_terminal(names)}."
        if problems:
            message += " " + for_terminal("; ".join(problems)) + " — the version read before stays on screen."
        self._say(f"{message} {news}" if news else message)
