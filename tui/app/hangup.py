"""A terminal that goes away ends the app within a second.

When its terminal is closed (the window, a dropped ssh connection, a killed tmux pane) the kernel
hangs the tty up: reads return end-of-file, writes and terminal requests fail. A SIGHUP usually
comes too, but not always (the app may not be in the terminal's session, or the shell may not
pass the signal on), and even with it the app did not always end: Textual's input thread takes
end-of-file for "no key yet" and reads again at once, its output thread dies on the first failed
write and the next frames wait for it, and that input thread is not a daemon, so the interpreter
waits for it at exit. Once seen: a process spinning at 99 % CPU for 85 minutes.

So a watcher thread asks the terminal for its settings every POLL_SECONDS, which fails only once
it is hung up; then it asks the app to exit and, if the process is still there GRACE_SECONDS
later, ends it. Nothing is lost: each review mark is committed to the store when it is made, and
there is no screen left to restore.
"""

from __future__ import annotations

import errno
import os
import termios
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.app import App

ResultType = TypeVar("ResultType")

POLL_SECONDS = 0.2
GRACE_SECONDS = 0.5
HANGUP_STATUS = 129  # 128 + SIGHUP, as for a process the hang-up signal ended


def terminal_hung_up(fd: int) -> bool:
    """True once the terminal on `fd` was hung up (a terminal request fails with EIO)."""
    try:
        termios.tcgetattr(fd)
    except termios.error as exc:
        return bool(exc.args) and exc.args[0] == errno.EIO
    return False


class TerminalWatch:
    """Watches the terminal on `fd` in a daemon thread until `stop`; on hang-up calls `leave`
    (which must be safe to call from another thread), and ends the process with HANGUP_STATUS
    `grace` seconds later if it is still there."""

    def __init__(self, fd: int, leave: Callable[[], None], *, poll: float = POLL_SECONDS,
                 grace: float = GRACE_SECONDS) -> None:
        self._fd = fd
        self._leave = leave
        self._poll = poll
        self._grace = grace
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="diptych-terminal-watch", daemon=True)
        self.hung_up = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """End the watch and its thread (the app counts the threads left when it ends)."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(self._poll + self._grace)

    def _watch(self) -> None:
        while not self._stopped.wait(self._poll):
            if terminal_hung_up(self._fd):
                self.hung_up = True
                break
        if not self.hung_up:
            return
        try:
            self._leave()
        finally:
            # The app's own unwinding may wait for a dead terminal: do not wait for it long.
            threading.Event().wait(self._grace)
            os._exit(HANGUP_STATUS)


def run_watched(app: App[ResultType], cleanup: Callable[[], None] | None = None) -> ResultType | None:
    """`app.run()` with the terminal watched: a hang-up makes the app exit and then ends the
    process with HANGUP_STATUS (there is no terminal left to restore). `cleanup` runs after the
    app, whatever happened."""
    # App.exit only sets attributes and posts a message, which Textual makes thread-safe.
    watch = TerminalWatch(0, partial(app.exit, return_code=HANGUP_STATUS))
    watch.start()
    try:
        result = app.run()
    finally:
        watch.stop()
        if cleanup is not None:
            cleanup()
        # Whatever ended the app on a dead terminal — the watch, or the SIGHUP that reached it
        # first (raised as KeyboardInterrupt, tui/cli.py) — Textual's input thread, which is not
        # a daemon, lingers on that terminal and the interpreter would wait for it forever.
        if watch.hung_up or terminal_hung_up(0):
            os._exit(HANGUP_STATUS)
    return result
