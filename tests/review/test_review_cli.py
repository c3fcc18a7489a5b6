"""`diptych --report FORMAT LEFT RIGHT [--review FILE] [--output FILE]`: a reviewer's two sittings
end in a report with their marks; exit 0 once written, 2 with one line on every error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.engine.compare import compare_files
from tui.review import ReviewStore

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def run_cli(*args: str, state: Path) -> subprocess.CompletedProcess[str]:
    """Run diptych with its default review store under `state` (never the user's own)."""
    env = {**os.environ, "XDG_STATE_HOME": str(state), "PYTHONPATH": str(ROOT)}
    env.pop("DIPTYCH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def _difference_with(session, needle: str) -> int:
    blocks = session.alignment.blocks
    return next(
        i for i in session.differences if any(needle in p.text for p in blocks[i].left + blocks[i].right)
    )


def test_two_sittings_on_the_seeds_end_in_a_report_with_every_mark(tmp_path: Path) -> None:
    review = tmp_path / "seeds-review.sqlite3"
    # Sitting one: two differences looked at, one of them annotated.
    with ReviewStore.open(review) as store:
        session = store.session(compare_files(*SEEDS))
        crimea = _difference_with(session, "refused to cede Crimean territory")
        session.set_reviewed(crimea)
        session.set_note(crimea, "Rewording only; the annexation clause is background.")
        session.set_reviewed(session.differences[0])
    # Sitting two, another process later: the death toll change is flagged.
    with ReviewStore.open(review) as store:
        session = store.session(compare_files(*SEEDS))
        assert session.counts() == (2, 0, 92)  # the first sitting is all there
        toll = _difference_with(session, "at least nine people were killed")
        session.set_flagged(toll)
        session.set_note(toll, "Toll went DOWN from nine to eight: check with the desk.")

    result = run_cli("--report", "markdown", *SEEDS, "--review", str(review), state=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    text = result.stdout
    assert "| Reviewed | 2 of 92 |" in text and "| Flagged | 1 |" in text
    assert "> Rewording only; the annexation clause is background." in text
    assert "> Toll went DOWN from nine to eight: check with the desk." in text
    assert "~~nine~~ **eight**" in text and "nine → eight" in text
    assert text.count("\n### ") == 92

    for fmt in ("html", "json"):
        out = tmp_path / f"report.{fmt}"
        args = ("--report", fmt, *SEEDS, "--review", str(review), "--output", str(out))
        result = run_cli(*args, state=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
        assert "Toll went DOWN from nine to eight" in out.read_text(encoding="utf-8")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["review"]["reviewed"] == 2 and data["review"]["store"] == str(review)


def test_the_default_store_is_used_and_never_created_by_a_report(tmp_path: Path) -> None:
    state = tmp_path / "state"
    result = run_cli("--report", "json", *SEEDS, state=state)
    assert result.returncode == 0
    assert json.loads(result.stdout)["review"]["store"] is None
    assert not state.exists()  # a report does not create the user's store

    default = state / "diptych" / "reviews.sqlite3"
    default.parent.mkdir(parents=True)
    with ReviewStore.open(default) as store:
        session = store.session(compare_files(*SEEDS))
        session.set_flagged(session.differences[5])
    data = json.loads(run_cli("--report", "json", *SEEDS, state=state).stdout)
    assert data["review"]["flagged"] == 1 and data["differences"][5]["flagged"]


def test_identical_documents_report_with_status_0(tmp_path: Path) -> None:
    result = run_cli("--report", "markdown", SEEDS[0], SEEDS[0], state=tmp_path)
    assert result.returncode == 0 and "No differences" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--review", "{tmp}/missing.sqlite3"], "no such review file"),
        (["--review", "{tmp}/not-a-db.txt"], "not a usable review file"),
        (["--output", SEEDS[0]], "refusing to overwrite an input"),
        (["--output", "{tmp}/no/such/dir/r.md"], "cannot write"),
        (["--json"], "choose one of --json and --report"),
    ],
)
def test_errors_are_one_line_with_status_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "not-a-db.txt").write_text("hello\n" * 300)
    seed_before = Path(SEEDS[0]).read_bytes()
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_cli("--report", "markdown", *SEEDS, *args, state=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("diptych: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert Path(SEEDS[0]).read_bytes() == seed_before


def test_output_without_report_and_unknown_formats_are_refused(tmp_path: Path) -> None:
    for args in (["--output", str(tmp_path / "x.md")], ["--report", "pdf"]):
        result = run_cli(*args, *SEEDS, state=tmp_path)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "x.md").exists()


def test_report_does_not_load_textual(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['--report', 'html', {SEEDS[0]!r}, {SEEDS[1]!r}, '--output', {str(out)!r}])\n"
        "print(status, sum(1 for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.stdout.split() == ["0", "0"], result.stderr
    assert out.stat().st_size > 0
