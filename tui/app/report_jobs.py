"""The change list (`l`) and the export (`e`) of a large pair, built in a worker thread.

Both build the review report, which diffs and classifies every difference and finds the numbers
of every passage added or removed: about a microsecond per character of the differences' text
on a shared machine, well over a second on the Git man pages pair, which froze the UI when it ran
on the UI thread. A pair whose differences are short is still done at once (the list opens with
the key's own frame, and snapshot tests stay deterministic); a longer one in a worker thread,
the status bar saying so and the app answering keys meanwhile. One job of a kind at a time: the
key pressed again says it is under way. Each job's callback decides what an alignment replaced
meanwhile (threshold, unit, reload, a correction) means for its result. A quit does not wait
for a job (background.py). A mixin of DiptychApp.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.worker import get_current_worker

from tui.app.background import until_cancelled
from tui.engine.model import Alignment

if TYPE_CHECKING:
    from tui.app.app import DiptychApp

T = TypeVar("T")

# Differences longer than this altogether (characters of both sides) are reported in a worker
# thread: at about a microsecond per character the UI thread spends at most some 50 ms.
SYNC_REPORT_CHARS = 50_000

CHANGE_LIST = "change list"
EXPORT = "export"


def differences_length(alignment: Alignment) -> int:
    """Characters of the passages of every difference, both sides: what a report works through."""
    return sum(
        passage.end_offset - passage.start_offset
        for block in alignment.blocks if block.is_difference
        for passage in (*block.left, *block.right)
    )


def in_background(alignment: Alignment) -> bool:
    """Whether the report of `alignment` is built in a worker thread."""
    return differences_length(alignment) > SYNC_REPORT_CHARS


class ReportJobs:
    """Report work off the UI thread for DiptychApp: `report_jobs` maps each running job's kind
    to what the status bar says of it."""

    def job_running(self: DiptychApp, kind: str) -> bool:
        """Whether a job of this kind is under way (then it says so)."""
        if kind in self.report_jobs:
            self._say(f"Still {self.report_jobs[kind]}")
            return True
        return False

    def start_job(
        self: DiptychApp, kind: str, busy: str, call: Callable[[], T],
        done: Callable[[Alignment, T], None],
    ) -> None:
        """Run `call()` in a worker thread, then `done(alignment, result)` on the UI thread, with
        the alignment on screen when the job started. `call` must not touch widgets."""
        alignment = self.alignment
        assert alignment is not None
        self.report_jobs[kind] = busy
        self._show_jobs()

        def work() -> None:
            worker = get_current_worker()
            result = until_cancelled(worker, call)
            if not worker.is_cancelled:
                self.call_from_thread(self._job_done, kind, alignment, result, done)

        self.run_worker(work, thread=True, group=f"report-{kind}", description=busy)

    def _job_done(
        self: DiptychApp, kind: str, alignment: Alignment, result: T, done: Callable[[Alignment, T], None]
    ) -> None:
        del self.report_jobs[kind]
        self._show_jobs()
        done(alignment, result)

    def _show_jobs(self: DiptychApp) -> None:
        """The running jobs in the status bar, unless it says something else is busy (aligning)."""
        text = " · ".join(self.report_jobs.values()) or None
        if self.busy is None or self.busy == self._jobs_said:
            self.busy = text
            self._jobs_said = text
        self._refresh_bars()
