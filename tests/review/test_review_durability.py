"""Nothing is lost: a killed process leaves a valid store with every acknowledged change, and two
processes writing the same review at once both succeed without overwriting each other."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from review_inputs import align

from tui.review import ReviewStore

WRITER = Path(__file__).with_name("review_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _writer(db: Path, versions: dict[str, Path], mode: str, rounds: int, go: Path | None = None):
    args = [sys.executable, str(WRITER), str(db), str(versions["v1"]), str(versions["v2"]), mode, str(rounds)]
    if go is not None:
        args.append(str(go))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("acknowledged_before_kill", [0, 1, 40, 250])
def test_kill_9_while_writing_leaves_a_valid_store_with_every_acknowledged_mark(
    tmp_path: Path, versions: dict[str, Path], acknowledged_before_kill: int
) -> None:
    db = tmp_path / "review.sqlite3"
    writer = _writer(db, versions, "notes", 0)
    last = -1
    assert writer.stdout is not None
    if acknowledged_before_kill == 0:
        time.sleep(0.3)  # somewhere in start-up: creating the schema, the review, the first writes
    while last + 1 < acknowledged_before_kill:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else "writer ended"
        last = int(line)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    if writer.stderr:
        writer.stderr.close()

    if db.exists():
        with sqlite3.connect(db) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The store opens normally and holds every write the writer had reported as done.
    with ReviewStore.open(db) as store:
        session = store.session(align(versions["v1"], versions["v2"]))
        numbers = [
            int(m.group(1)) for _, state in session.states() if (m := re.fullmatch(r"note (\d+)", state.note))
        ]
        assert max(numbers, default=-1) >= last
        # Each difference holds the note of its own turn (i mod n), never a torn or foreign one.
        for position, (_, state) in enumerate(session.states()):
            if state.note:
                assert int(state.note.split()[1]) % len(session.differences) == position


def test_two_processes_writing_the_same_review_at_once(tmp_path: Path, versions: dict[str, Path]) -> None:
    db = tmp_path / "review.sqlite3"  # does not exist yet: both processes race to create it
    go = tmp_path / "go"
    rounds = 25
    writers = [_writer(db, versions, mode, rounds, go) for mode in ("reviewed", "flagged")]
    time.sleep(0.5)  # both have aligned the documents and are waiting
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done" and err == ""
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 1
    with ReviewStore.open(db) as store:
        session = store.session(align(versions["v1"], versions["v2"]))
        states = [state for _, state in session.states()]
        assert all(s.reviewed and s.flagged and s.note == str(rounds - 1) for s in states)
        assert session.counts() == (len(states), len(states), len(states))


def test_many_processes_creating_the_same_store_at_once(tmp_path: Path, versions: dict[str, Path]) -> None:
    # Regression: switching a new file to WAL mode is not retried by SQLite's busy handler, and
    # one of several processes creating the store together failed with "database is locked".
    for attempt in range(3):
        db = tmp_path / f"review-{attempt}.sqlite3"
        go = tmp_path / f"go-{attempt}"
        writers = [_writer(db, versions, "open", 1, go) for _ in range(5)]
        time.sleep(0.5)
        go.touch()
        for writer in writers:
            out, err = writer.communicate(timeout=120)
            assert (writer.returncode, out.strip()) == (0, "done"), err
