"""The terminal watch: a hung-up terminal is noticed and the process ends (see hangup.py; the
end-to-end tests in tests/robustness/test_terminal_hangup.py close real tmux panes)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tui.app.hangup import HANGUP_STATUS, terminal_hung_up

ROOT = Path(__file__).resolve().parents[2]


def test_a_terminal_is_hung_up_once_its_other_end_is_closed() -> None:
    master, slave = pty.openpty()
    try:
        assert not terminal_hung_up(slave)
        os.close(master)
        assert terminal_hung_up(slave)
    finally:
        os.close(slave)


def test_the_watch_asks_the_app_to_leave_then_ends_a_process_that_does_not() -> None:
    """`leave` is called, and a process whose main thread never returns still ends, with 129."""
    script = textwrap.dedent("""
        import os, pty, sys, time
        from tui.app.hangup import TerminalWatch
        master, slave = pty.openpty()
        TerminalWatch(slave, lambda: print("leave", flush=True)).start()
        os.close(master)
        time.sleep(30)  # an app stuck on its dead terminal
    """)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20,
                          cwd=ROOT, check=False)
    assert done.stdout == "leave\n", done.stderr
    assert done.returncode == HANGUP_STATUS
    assert time.monotonic() - start < 5  # python's start-up, then 0.2 s to notice and 0.5 s of grace
