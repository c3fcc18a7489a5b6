"""Throwaway git repositories for the tests: `git init` under tmp_path, the user set in the
repository's own config, and no global or system configuration read or written."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def git_test_env(home: Path) -> dict[str, str]:
    """An environment in which git sees no user or system configuration (and no pager)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "NO_COLOR", "COLUMNS"))}
    env.update({
        "HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_PAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
        "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
    })
    return env


def diptych_command() -> str:
    """The installed `diptych` script, shell-quoted (git runs its tools through /bin/sh)."""
    script = Path(sys.executable).parent / "diptych"
    if not script.exists():
        pytest.skip(f"the diptych entry point is not installed next to {sys.executable}")
    return shlex.quote(str(script))


class Repo:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env
        self._tick = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Ada Writer")
        self.git("config", "user.email", "ada@example.org")

    def git(self, *args: str, env: Mapping[str, str] | None = None, check: bool = True,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=cwd or self.path, env={**self.env, **(env or {})}, capture_output=True,
            text=True, check=check, timeout=120,
        )

    def write(self, name: str, content: str | bytes) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def commit(self, message: str, files: Mapping[str, str | bytes] | None = None,
               author: str | None = None) -> str:
        """Write `files`, stage everything and commit, one minute after the previous commit
        (fixed dates: the history is the same on every run); returns the commit's hex."""
        for name, content in (files or {}).items():
            self.write(name, content)
        self._tick += 1
        date = f"2024-03-01T10:{self._tick // 60:02d}:{self._tick % 60:02d}+01:00"
        extra = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        if author:
            name, email = author.split(" <")
            extra.update({"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email.rstrip(">")})
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, env=extra)
        return self.git("rev-parse", "HEAD").stdout.strip()

    def diptych(self, *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """`python -m tui ARGS` in the repository (or `cwd`)."""
        return subprocess.run(
            [sys.executable, "-m", "tui", *args], cwd=cwd or self.path, capture_output=True, text=True,
            env={**self.env, "PYTHONPATH": str(ROOT), **(env or {})}, input=stdin, timeout=180,
        )

    def diptych_json(self, *args: str, cwd: Path | None = None) -> tuple[int, dict]:
        result = self.diptych("--json", *args, cwd=cwd)
        assert result.returncode in (0, 1), result.stderr
        return result.returncode, json.loads(result.stdout)

