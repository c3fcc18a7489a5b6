"""A terminal that goes away (window closed, ssh dropped, tmux pane killed) ends the app within
about a second, whatever screen is open, and the marks made before are in the store.

Two ways the app learns of it: a hang-up, where the shell passes the kernel's SIGHUP on and the
tty reads end-of-file; and end-of-file alone, for an app outside the terminal's session (started
with `setsid`, so no SIGHUP reaches it) — the case that once left a process spinning for 85 minutes.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import time
from pathlib import Path

import pytest

from tui.app.navigation import build_stops
from tui.engine.compare import compare_documents
from tui.engine.reading import read_document
from tui.review import ReviewStore

from .terminal import Terminal, child_pids, installed_diptych, never_aligning_command, process_ended
from .test_terminal_e2e import SEEDS, first_words

pytestmark = pytest.mark.slow

# The app must be gone this long after its terminal (it takes 0.2-0.7 s; the rest is a margin
# for a loaded machine).
DEADLINE_SECONDS = 1.5

# Keys that open each state from the main view, and text that shows the state is open.
STATES: dict[str, tuple[list[tuple[str, str]], str]] = {
    "main view": ([], r"diffs? 1(–\d+)?/\d+"),
    "help": ([("keys", "?")], "diptych help"),
    "note editor": ([("keys", "c"), ("type", "a note not yet saved")], "a note not yet saved"),
    "search bar": ([("keys", "/"), ("type", "Pesk")], r"Pesk(?!ov)"),
    "palette": ([("keys", "C-p")], r"(?i)search for commands"),
}
HOW = {"hang-up": "", "end-of-file": "setsid -w "}


def app_processes(terminal: Terminal) -> list[int]:
    """The app's process (below the shell, and below setsid when there is one) and its children,
    if any."""
    pids = child_pids(int(terminal.flag("pane_pid")))
    assert len(pids) == 1, pids
    app = pids[0]
    while Path(f"/proc/{app}/comm").read_text().strip() == "setsid":
        (app,) = child_pids(app)
    return [app, *child_pids(app)]


def close_and_time(terminal: Terminal, pids: list[int]) -> float:
    """Close the terminal (tmux closes the pane's pty: the kernel hangs it up); seconds until
    every process in `pids` has ended. After 5 s the survivors are killed (a failing run must
    not leave them spinning) and the test fails naming them: the app, or a child of it."""
    start = time.monotonic()
    terminal.close()
    while time.monotonic() - start < 5:
        if all(process_ended(pid) for pid in pids):
            return time.monotonic() - start
        time.sleep(0.02)
    survivors = [f"{'app' if pid == pids[0] else 'child'} {pid} ({_state(pid)})"
                 for pid in pids if not process_ended(pid)]
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    pytest.fail(f"still running 5 s after the terminal was closed: {', '.join(survivors)}")


def _state(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return "gone"


def reviewed_in_store(workdir: Path) -> bool:
    """Whether the first difference of the seeds is marked reviewed in the app's default store."""
    alignment = compare_documents(read_document(str(SEEDS[0])), read_document(str(SEEDS[1])))
    first = build_stops(alignment.blocks)[0]
    with ReviewStore.open(workdir / "state" / "diptych" / "reviews.sqlite3") as store:
        return store.session(alignment).state(first.first).reviewed


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("state", STATES)
def test_a_vanished_terminal_ends_the_app_with_marks_saved(terminal_factory, state: str, how: str) -> None:
    terminal = terminal_factory()
    terminal.run(f"{HOW[how]}{shlex.quote(str(installed_diptych()))}; echo DONE-$?")
    terminal.wait_for(lambda text: first_words() in text, what="the app on the seeds")
    terminal.keys("n")
    terminal.wait_for_text(r"diffs? 1(–\d+)?/\d+")
    terminal.keys("r")
    terminal.wait_for_text(r"reviewed [1-9]\d*/\d+")
    steps, shown = STATES[state]
    for kind, value in steps:
        getattr(terminal, kind)(value)
        time.sleep(0.2)
    terminal.wait_for_text(shown)
    pids = app_processes(terminal)

    seconds = close_and_time(terminal, pids)

    assert seconds < DEADLINE_SECONDS, f"the app outlived its terminal ({seconds:.2f} s)"
    assert reviewed_in_store(terminal.workdir)


@pytest.mark.parametrize("how", HOW)
def test_a_vanished_terminal_ends_the_app_while_it_aligns(terminal_factory, tmp_path: Path, how: str) -> None:
    """A large pair whose alignment never ends (in a worker thread): the process goes."""
    terminal = terminal_factory()
    terminal.run(f"{HOW[how]}{never_aligning_command(tmp_path)}")
    terminal.wait_for_text(r"aligning \d")
    pids = app_processes(terminal)

    seconds = close_and_time(terminal, pids)

    assert seconds < DEADLINE_SECONDS, f"the app outlived its terminal ({seconds:.2f} s)"
