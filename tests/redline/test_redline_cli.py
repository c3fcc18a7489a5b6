"""`diptych --redline docx|html|markdown LEFT RIGHT [-o FILE] [--review FILE]`: exit 0 once written,
the reviewer's notes only from a review file named on the command line, 2 with one line on every
error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.redline.views import ROOT, SEEDS, critic_passages, critic_views, docx_views, passages
from tui.engine.compare import compare_files
from tui.engine.reading import read_document
from tui.review import ReviewStore

LEFT, RIGHT = (str(path) for path in SEEDS)
NOTE = "The death toll changed: check the ministry's figure."


def run_cli(*args: str, state: Path) -> subprocess.CompletedProcess[bytes]:
    """diptych with its default review store under `state` (never the user's own)."""
    env = {**os.environ, "XDG_STATE_HOME": str(state), "PYTHONPATH": str(ROOT),
           "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("DIPTYCH_DEBUG", None)
    command = [sys.executable, "-m", "tui", *args]
    return subprocess.run(command, capture_output=True, cwd=ROOT, env=env, timeout=120)


def add_note(store_path: Path, note: str) -> None:
    with ReviewStore.open(store_path) as store:
        session = store.session(compare_files(LEFT, RIGHT))
        toll = next(i for i in session.differences
                    if any("nine people" in p.text for p in session.alignment.blocks[i].left))
        session.set_note(toll, note)


def test_each_format_to_a_file_and_html_and_markdown_to_standard_output(tmp_path: Path) -> None:
    expected = (passages(read_document(RIGHT)), passages(read_document(LEFT)))
    for fmt in ("docx", "html", "markdown"):
        out = tmp_path / f"redline.{fmt}"
        result = run_cli("--redline", fmt, LEFT, RIGHT, "-o", str(out), state=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
        assert out.stat().st_mode & 0o777 == 0o644 & ~_umask()
    assert docx_views((tmp_path / "redline.docx").read_bytes()) == expected
    assert critic_views((tmp_path / "redline.markdown").read_text(encoding="utf-8")) == (
        critic_passages(read_document(RIGHT)), critic_passages(read_document(LEFT))
    )
    piped = run_cli("--redline", "markdown", LEFT, RIGHT, state=tmp_path)
    assert piped.returncode == 0 and piped.stdout == (tmp_path / "redline.markdown").read_bytes()
    word = run_cli("--redline", "docx", LEFT, RIGHT, "-o", "-", state=tmp_path)  # a pipe, not a terminal
    assert word.returncode == 0 and word.stdout == (tmp_path / "redline.docx").read_bytes()


def test_notes_come_from_the_review_file_given_and_never_from_the_default_store(tmp_path: Path) -> None:
    (tmp_path / "diptych").mkdir()
    add_note(tmp_path / "diptych" / "reviews.sqlite3", "A private note in the default store.")
    review = tmp_path / "shared-review.sqlite3"
    add_note(review, NOTE)
    report = run_cli("--report", "markdown", LEFT, RIGHT, state=tmp_path)
    assert b"private note" in report.stdout  # where a report finds it
    plain = run_cli("--redline", "markdown", LEFT, RIGHT, state=tmp_path)
    assert plain.returncode == 0 and b"private note" not in plain.stdout and b"Reviewer:" not in plain.stdout
    noted = run_cli("--redline", "markdown", "--review", str(review), LEFT, RIGHT, state=tmp_path)
    assert f"{{>>Reviewer: {NOTE}<<}}".encode() in noted.stdout
    page = run_cli("--redline", "html", "--review", str(review), LEFT, RIGHT, state=tmp_path)
    assert b'<li id="note1">The death toll changed: check the ministry&#x27;s figure.' in page.stdout
    word = tmp_path / "noted.docx"
    assert run_cli("--redline", "docx", "--review", str(review), LEFT, RIGHT, "-o", str(word),
                   state=tmp_path).returncode == 0
    import docx

    comments = list(docx.Document(str(word)).comments)
    assert [c.text for c in comments if c.author == "Reviewer"] == [NOTE]


@pytest.mark.parametrize(("args", "message"), [
    (["--redline", "pdf", LEFT, RIGHT], "argument --redline: invalid choice: 'pdf'"),
    (["--redline", "html", "--json", LEFT, RIGHT], "choose one of --json and --redline"),
    (["--redline", "html", "--report", "html", LEFT, RIGHT], "choose one of --report and --redline"),
    (["--redline", "html", "--unit", "sentence", LEFT, RIGHT], "a redline is made of paragraphs"),
    (["--redline", "html", "--review", "/nonexistent/review.sqlite3", LEFT, RIGHT], "no such review file"),
    (["--redline", "html", LEFT, RIGHT, "-o", LEFT], "refusing to overwrite an input of the redline"),
    (["--redline", "html", LEFT, RIGHT, "-o", "/"], "is a directory"),
    (["--redline", "html", LEFT, RIGHT, "-o", "/nonexistent/dir/r.html"], "cannot write"),
    (["--redline", "html", LEFT, "/nonexistent.txt"], "/nonexistent.txt"),
    (["--redline", "docx", "--screenshot", "x.svg", LEFT, RIGHT], "choose one of --screenshot"),
    (["--output", "x.html", LEFT, RIGHT], "--output goes with --report or --redline"),
    # Many versions: a redline marks the changes between two.
    (["--redline", "html", LEFT, RIGHT, LEFT], "--redline marks the changes from one version to the next: "
                                               "give two, not 3"),
    (["--redline", "docx", "--git-history", "README.md", "-o", "r.docx"], "give two, as REV:PATH"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(*args, state=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("diptych: ") and message in err, err
    assert "Traceback" not in err


def test_a_word_redline_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    import pty

    primary, secondary = pty.openpty()
    try:
        env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
        result = subprocess.run([sys.executable, "-m", "tui", "--redline", "docx", LEFT, RIGHT],
                                stdout=secondary, stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=120)
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 2
    assert result.stderr.decode() == "diptych: a Word document is not for the terminal: give -o FILE.docx " \
        "or redirect standard output\n"


def test_a_tracked_word_file_becomes_a_redline_of_its_own_changes(tmp_path: Path) -> None:
    """--tracked compares a Word file's original with its result: its redline has the same changes."""
    first = tmp_path / "first.docx"
    assert run_cli("--redline", "docx", LEFT, RIGHT, "-o", str(first), state=tmp_path).returncode == 0
    again = tmp_path / "again.docx"
    result = run_cli("--redline", "docx", "--tracked", str(first), "-o", str(again), state=tmp_path)
    assert result.returncode == 0
    assert docx_views(again.read_bytes()) == docx_views(first.read_bytes())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_command_line_offers_the_formats_there_are() -> None:
    from tui.cli import REDLINE_FORMATS
    from tui.redline import FORMATS

    assert REDLINE_FORMATS == FORMATS
