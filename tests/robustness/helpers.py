"""Run the real command line in a subprocess and check its two allowed outcomes:
a correct --json result (exit 0 or 1, nothing on stderr), or one line on stderr with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: bytes
    stderr: str


def run_cli(
    *args: str | Path,
    stdin: bytes | int | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    wrapper: tuple[str, ...] = (),
    **popen: Any,
) -> Outcome:
    """`python -m tui ARGS`; stdin is bytes to feed, a file descriptor/handle, or None (empty)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DIPTYCH_DEBUG", None)  # that variable turns the error guard off
    argv = [*wrapper, sys.executable, "-m", "tui", *(os.fsdecode(a) for a in args)]
    feed = stdin if isinstance(stdin, bytes) else None
    proc = subprocess.run(
        argv,
        input=feed,
        stdin=None if feed is not None else (stdin if stdin is not None else subprocess.DEVNULL),
        capture_output=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
        check=False,
        **popen,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", errors="replace"))


def expect_json(outcome: Outcome, code: int) -> dict[str, Any]:
    """A correct comparison: the expected exit status, valid UTF-8 JSON, a silent stderr."""
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.stderr == "", outcome.stderr
    assert outcome.code == code, (outcome.code, outcome.stdout[:300])
    return json.loads(outcome.stdout.decode("utf-8"))


def expect_error(outcome: Outcome, *fragments: str) -> str:
    """A refused input: exit 2, exactly one line on stderr naming the problem, nothing on stdout."""
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.code == 2, (outcome.code, outcome.stderr)
    assert outcome.stdout == b""
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    message = lines[0]
    assert message.startswith("diptych: "), message
    assert "internal error" not in message, message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def side_texts(report: dict[str, Any], side: str) -> list[str]:
    return [block[side]["text"] for block in report["blocks"] if block[side] is not None]


def check_offsets(report: dict[str, Any], side: str, text: str) -> None:
    """Every block's offsets and line numbers point at its own text in the decoded document."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for block in report["blocks"]:
        part = block[side]
        if part is None:
            continue
        assert text[part["start_offset"]:part["end_offset"]] == part["text"]
        first_line = sum(1 for start in line_starts if start <= part["start_offset"])
        assert part["start_line"] == first_line
        last_char = max(part["start_offset"], part["end_offset"] - 1)
        last_line = sum(1 for start in line_starts if start <= last_char)
        assert part["end_line"] == last_line
