"""Running the `git` command: an argument list (never a shell), bounded output, one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence

# git must never stop to ask for a password or open a pager or an editor on diptych's behalf.
_QUIET_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}
TIMEOUT_SECONDS = 60.0


class GitError(Exception):
    """git could not do what was asked; the message is git's reason, on one line."""


def git_available() -> bool:
    return shutil.which("git") is not None


def git_environment() -> dict[str, str]:
    return {**os.environ, **_QUIET_ENV}


def run_git(args: Sequence[str], *, stdin: bytes | None = None, cwd: str | None = None) -> bytes:
    """`git ARGS` in `cwd` (default: the current directory); its standard output, which callers
    keep small (object names, a log of at most K commits): blobs are read by tui/git/blobs.py,
    within a bound.

    Raises GitError with git's own message ("fatal: " dropped, lines joined) when git fails or
    is missing."""
    try:
        proc = subprocess.run(
            ["git", *args], input=stdin, capture_output=True, cwd=cwd, env=git_environment(),
            timeout=TIMEOUT_SECONDS, check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (no `git` command on the PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {TIMEOUT_SECONDS:.0f} s") from None
    if proc.returncode != 0:
        raise GitError(git_reason(proc.stderr) or f"git {args[0]} failed (status {proc.returncode})")
    return proc.stdout


def git_reason(stderr: bytes) -> str:
    """git's message as one line: "fatal: " dropped, a hint kept ("...; hint: Did you mean ...")."""
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines()]
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in lines if line]
    return "; ".join(lines)


def inside_work_tree(cwd: str | None = None) -> bool:
    """True when `cwd` (default: the current directory) is inside a git work tree."""
    if not git_available():
        return False
    try:
        return run_git(["rev-parse", "--is-inside-work-tree"], cwd=cwd).strip() == b"true"
    except GitError:
        return False
