"""Long work that quitting must not wait for.

Textual runs thread workers in asyncio's default executor, and when the app ends `asyncio.run`
joins that executor's threads: a user who quits while a large pair is still being aligned would
wait for the alignment to finish (seconds on megabytes). So the worker runs the long call in a
daemon thread and only waits for it, giving up as soon as the worker is cancelled — which
Textual does to every worker when the app ends, and to an `exclusive` worker when a newer one
starts. A daemon thread is never waited for at exit; one that was given up on finishes (or not)
unobserved, and its result or exception is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.worker import Worker

T = TypeVar("T")

# How often the waiting worker looks whether it was cancelled (seconds).
POLL_SECONDS = 0.05


def until_cancelled(worker: Worker, call: Callable[..., T], *args: object) -> T | None:
    """`call(*args)` in a daemon thread: its result, or None once `worker` is cancelled.
    An exception raised by the call is raised here (unless the worker was cancelled)."""
    outcome: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["result"] = call(*args)
        except BaseException as exc:  # handed to the waiting worker, or dropped with the work
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="diptych-long-work", daemon=True).start()
    while not done.wait(POLL_SECONDS):
        if worker.is_cancelled:
            return None
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
