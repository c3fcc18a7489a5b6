"""The JSON of a large alignment is encoded by two processes: the text must be exactly the
sequential one, and a reader that goes away must not leave anything waiting."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

from tui.engine import report_json
from tui.engine.compare import compare_files


def test_two_processes_write_exactly_the_sequential_json(seed_paths, monkeypatch) -> None:
    alignment = compare_files(str(seed_paths[0]), str(seed_paths[1]))
    monkeypatch.setattr(report_json, "PARALLEL_MIN_BLOCKS", 10**9)
    sequential = report_json.alignment_to_json(alignment)
    monkeypatch.setattr(report_json, "PARALLEL_MIN_BLOCKS", 10)
    assert report_json._can_fork(alignment)
    assert report_json.alignment_to_json(alignment) == sequential
    assert json.loads(sequential)["blocks"]


def test_no_fork_while_other_threads_run(seed_paths, monkeypatch) -> None:
    alignment = compare_files(str(seed_paths[0]), str(seed_paths[1]))
    monkeypatch.setattr(report_json, "PARALLEL_MIN_BLOCKS", 10)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not report_json._can_fork(alignment)
    finally:
        stop.set()
        worker.join()


def test_reader_going_away_mid_output_ends_both_processes(tmp_path) -> None:
    # Enough blocks for the two-process path; the reader takes a few bytes and leaves.
    paragraphs = [f"Paragraph {i} says something about item {i * 7} in the list." for i in range(3000)]
    changed = [p.replace("says", "tells") if i % 3 == 0 else p for i, p in enumerate(paragraphs)]
    left, right = tmp_path / "l.txt", tmp_path / "r.txt"
    left.write_text("\n\n".join(paragraphs) + "\n")
    right.write_text("\n\n".join(changed) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--json", str(left), str(right)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.read(100)
    proc.stdout.close()
    assert proc.wait(timeout=60) == 2
    assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
