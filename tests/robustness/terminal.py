"""A real pseudo-terminal for end-to-end tests: a private tmux server running a clean shell.

Each Terminal has its own server socket in a temporary directory, no tmux configuration, and a
shell started with an explicit environment (TERM, COLORTERM, NO_COLOR...), so tests see exactly
what a user with that terminal sees: `screen()` is the pane's text, `flag()` a tmux pane format
such as alternate_on (is the alternate screen still active?) or pane_title.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "E2E-PROMPT$ "


def installed_diptych() -> Path:
    """The `diptych` console script of the virtualenv running the tests."""
    script = Path(sys.executable).parent / "diptych"
    if not script.exists():
        pytest.skip(f"the diptych entry point is not installed next to {sys.executable}")
    return script


def require_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed (.ci/run installs it with apt-get)")
    return tmux


class Terminal:
    def __init__(self, workdir: Path, width: int = 100, height: int = 30,
                 env: dict[str, str] | None = None, term: str = "xterm-256color") -> None:
        self.tmux = require_tmux()
        self.workdir = workdir  # HOME; the review store is under workdir/state
        # A socket path must fit in 108 bytes: pytest's tmp_path for a long test name may not.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="dt-", dir="/tmp"))
        self.socket = self._socket_dir / "s"
        shell_env = {
            "HOME": str(workdir), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": term, "PS1": PROMPT,
            "TEXTUAL_ANIMATIONS": "none",
            # diptych keeps its review store under XDG_STATE_HOME: a throwaway one per terminal.
            "XDG_STATE_HOME": str(workdir / "state"),
            **(env or {}),
        }
        assignments = " ".join(shlex.quote(f"{k}={v}") for k, v in shell_env.items())
        shell = f"env -i {assignments} bash --norc --noprofile"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "e2e", shell)
        # OSC 52 from the application would land in a tmux paste buffer: tests can see it.
        self._tmux("set-option", "-g", "set-clipboard", "on")
        self.wait_for(lambda s: PROMPT.strip() in s, what="the shell prompt")

    def _tmux(self, *args: str) -> str:
        proc = subprocess.run([self.tmux, "-u", "-f", "/dev/null", "-S", str(self.socket), *args],
                              capture_output=True, text=True, check=False, timeout=30)
        if proc.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {proc.stderr.strip()}")
        return proc.stdout

    def run(self, command: str) -> None:
        """Type a command line into the shell and press Enter."""
        self.type(command)
        self.keys("Enter")

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "e2e", "-l", text)

    def keys(self, *names: str) -> None:
        self._tmux("send-keys", "-t", "e2e", *names)

    def screen(self, escapes: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", "e2e", *(["-e"] if escapes else [])]
        return self._tmux(*args)

    def flag(self, name: str) -> str:
        return self._tmux("display-message", "-p", "-t", "e2e", f"#{{{name}}}").strip()

    def cell_width(self, text: str) -> int:
        """Columns `text` takes in this terminal, by tmux's own reckoning (what is on screen)."""
        self._tmux("set-option", "-g", "@diptych_probe", text)
        return int(self._tmux("display-message", "-p", "#{w:@diptych_probe}").strip())

    def buffers(self) -> str:
        return self._tmux("list-buffers")

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "e2e", "-x", str(width), "-y", str(height))

    def wait_for(self, predicate, what: str, timeout: float = 30.0) -> str:
        """Poll the screen until `predicate(text)` holds; fail with the screen shown."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.15)
        raise AssertionError(f"timed out waiting for {what}; the terminal shows:\n{text}")

    def wait_for_text(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        found: list[re.Match[str]] = []

        def check(text: str) -> bool:
            match = re.search(pattern, text)
            if match:
                found.append(match)
            return match is not None

        self.wait_for(check, what=repr(pattern), timeout=timeout)
        return found[-1]

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._tmux("kill-server")
        shutil.rmtree(self._socket_dir, ignore_errors=True)


def never_aligning_command(tmp_path: Path) -> str:
    """A shell command opening the app on a pair large enough to be aligned in a worker, whose
    alignment never ends: the app stays "aligning" until it is ended."""
    from tui.app.runner import SYNC_ALIGN_LIMIT
    from tui.evaluation.perturb import big_pair

    left_text, right_text = big_pair(SYNC_ALIGN_LIMIT)
    (tmp_path / "l.txt").write_text(left_text, encoding="utf-8")
    (tmp_path / "r.txt").write_text(right_text, encoding="utf-8")
    script = (
        "import sys, time, tui.app.runner as runner; "
        "runner.align_for_app = lambda *args, **kwargs: time.sleep(600); "
        "from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    python = shlex.quote(sys.executable)
    return f"{python} -c {shlex.quote(script)} {shlex.quote(str(tmp_path / 'l.txt'))} " \
           f"{shlex.quote(str(tmp_path / 'r.txt'))}"


def child_pids(pid: int) -> list[int]:
    """Processes whose parent is `pid`, from /proc (procps may not be installed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def process_ended(pid: int) -> bool:
    """Gone, or a zombie that nobody reaped yet (in a container, init may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def tty_is_sane(terminal: Terminal) -> None:
    """After the app: the line discipline is back to canonical mode with echo."""
    terminal.run('case "$(stty -a)" in *-icanon*|*"-echo "*) echo TTY-RAW;; *) echo TTY-SANE;; esac')
    terminal.wait_for_text(r"TTY-(SANE|RAW)\s")
    assert "TTY-SANE" in terminal.screen(), terminal.screen()


def modes_restored(terminal: Terminal) -> None:
    """The app left the alternate screen, showed the cursor and switched mouse reporting off."""
    assert terminal.flag("alternate_on") == "0"
    assert terminal.flag("cursor_flag") == "1"
    for mouse in ("mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_sgr_flag"):
        assert terminal.flag(mouse) == "0", mouse
