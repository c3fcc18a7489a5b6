"""The reviewer's corrections on the command line: `diptych --json --review FILE` and
`diptych --report FORMAT --review FILE` use them, and the reports list them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from review_inputs import BUDGET_NEW, BUDGET_OLD, MAYOR, V2, find_block

from tui.engine.compare import compare_files
from tui.review import ReviewStore
from tui.review.corrections import mark_moved, unpair

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_STATE_HOME": str(state), "PYTHONPATH": str(ROOT)}
    env.pop("DIPTYCH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def corrected_review(versions: dict[str, Path], tmp_path: Path) -> Path:
    """A review of v1 → v2 in which the budget pair is unpaired and the mayor's is called moved."""
    review = tmp_path / "review.sqlite3"
    with ReviewStore.open(review) as store:
        session = store.session(compare_files(str(versions["v1"]), str(versions["v2"])))
        budget = find_block(session.alignment, "63 million")
        session = session.add_correction(unpair(session.alignment, budget))
        # The mayor's paragraph is equal: not a difference until the reviewer says it moved.
        mayor = next(i for i, b in enumerate(session.alignment.blocks) if b.left and b.left[0].text == MAYOR)
        session.add_correction(mark_moved(session.alignment, mayor, True))
    return review


def test_json_with_a_review_shows_the_corrected_alignment(versions: dict[str, Path], tmp_path: Path) -> None:
    review = corrected_review(versions, tmp_path)
    pair = str(versions["v1"]), str(versions["v2"])
    plain = run_cli("--json", *pair, state=tmp_path)
    result = run_cli("--json", *pair, "--review", str(review), state=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    before, after = json.loads(plain.stdout), json.loads(result.stdout)
    assert not any("corrected" in block for block in before["blocks"])
    corrected = [(b["kind"], b["corrected"], (b["left"] or b["right"])["text"])
                 for b in after["blocks"] if "corrected" in b]
    assert corrected[0] == ("left_only", "unpaired", BUDGET_OLD)
    assert ("right_only", "unpaired", BUDGET_NEW) in corrected
    assert ("equal", "moved", MAYOR) in corrected
    assert [b["moved"] for b in after["blocks"] if b.get("corrected") == "moved"] == [True]
    assert after["stats"]["changed"] == before["stats"]["changed"] - 1
    assert after["stats"]["moved"] == before["stats"]["moved"] + 1


def test_json_with_a_missing_review_file_is_one_line_and_status_2(
    versions: dict[str, Path], tmp_path: Path
) -> None:
    missing = str(tmp_path / "none.sqlite3")
    result = run_cli("--json", str(versions["v1"]), str(versions["v2"]), "--review", missing, state=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no such review file" in result.stderr


def test_the_reports_list_the_reviewers_corrections(versions: dict[str, Path], tmp_path: Path) -> None:
    review = corrected_review(versions, tmp_path)
    args = (str(versions["v1"]), str(versions["v2"]), "--review", str(review))
    markdown = run_cli("--report", "markdown", *args, state=tmp_path).stdout
    section = markdown.split("## Reviewer's corrections", 1)[1].split("\n## ", 1)[0]
    assert "**1.** unpaired (difference 1, 2): applied" in section
    assert "**2.** moved (difference " in section
    assert "> " + BUDGET_OLD in section and "> " + BUDGET_NEW in section
    assert "**Corrected:** unpaired by the reviewer" in markdown

    html = run_cli("--report", "html", *args, state=tmp_path).stdout
    assert "<h2>Reviewer&#x27;s corrections</h2>" in html or "<h2>Reviewer's corrections</h2>" in html
    assert 'Corrected: unpaired by the reviewer' in html

    report = json.loads(run_cli("--report", "json", *args, state=tmp_path).stdout)
    assert [(c["kind"], c["applied"], c["carried"]) for c in report["corrections"]] == [
        ("unpaired", True, False), ("moved", True, False)]
    unpaired = [d for d in report["differences"] if d["corrected"] == "unpaired"]
    assert [d["kind"] for d in unpaired] == ["left_only", "right_only"]
    assert report["corrections"][0]["differences"] == [d["number"] for d in unpaired]


def test_a_report_of_a_newer_version_shows_a_correction_it_could_not_apply(
    versions: dict[str, Path], tmp_path: Path
) -> None:
    review = corrected_review(versions, tmp_path)
    v3 = tmp_path / "v3.txt"  # the newer budget paragraph rewritten: no passage is near enough
    rewritten = "Councillors passed the 70 million budget late on Tuesday night, at the end of a long debate."
    v3.write_text(V2.replace(BUDGET_NEW, rewritten), encoding="utf-8")
    report = json.loads(run_cli("--report", "json", str(versions["v1"]), str(v3), "--review", str(review),
                                state=tmp_path).stdout)
    assert [(c["kind"], c["applied"], c["carried"]) for c in report["corrections"]] == [
        ("unpaired", False, True), ("moved", True, True)]
    markdown = run_cli("--report", "markdown", str(versions["v1"]), str(v3), "--review", str(review),
                       state=tmp_path).stdout
    section = markdown.split("## Reviewer's corrections", 1)[1]
    assert "**1 correction could not be applied: its passages changed.**" in section
    assert "**1.** unpaired: not applied: its passages are not (or no longer so) in this" in section
    html = run_cli("--report", "html", str(versions["v1"]), str(v3), "--review", str(review),
                   state=tmp_path).stdout
    assert "1 correction could not be applied: its passages changed." in html


def test_a_report_of_a_newer_version_applies_a_correction_whose_passage_changed_a_little(
    versions: dict[str, Path], tmp_path: Path
) -> None:
    review = corrected_review(versions, tmp_path)
    v3 = tmp_path / "v3.txt"
    v3.write_text(V2.replace(BUDGET_NEW, BUDGET_NEW.replace("nine hours", "ten hours")), encoding="utf-8")
    report = json.loads(run_cli("--report", "json", str(versions["v1"]), str(v3), "--review", str(review),
                                state=tmp_path).stdout)
    assert [(c["kind"], c["applied"], c["carried"]) for c in report["corrections"]] == [
        ("unpaired", True, True), ("moved", True, True)]
    unpaired = [(d["kind"], (d["left"] or d["right"])["text"]) for d in report["differences"]
                if d["corrected"] == "unpaired"]
    assert unpaired == [("left_only", BUDGET_OLD), ("right_only", BUDGET_NEW.replace("nine", "ten"))]


def test_a_redline_with_a_review_follows_the_corrections(versions: dict[str, Path], tmp_path: Path) -> None:
    review = corrected_review(versions, tmp_path)
    pair = str(versions["v1"]), str(versions["v2"])
    plain = run_cli("--redline", "markdown", *pair, state=tmp_path).stdout
    corrected = run_cli("--redline", "markdown", *pair, "--review", str(review), state=tmp_path).stdout
    assert "{~~63~>70~~}" in plain  # the aligner's pair: one changed number
    assert "{~~63~>70~~}" not in corrected  # unpaired: the older paragraph removed, the newer added
    assert "{--" + BUDGET_OLD in corrected and "{++" + BUDGET_NEW in corrected


def test_json_with_a_review_does_not_load_textual(versions: dict[str, Path], tmp_path: Path) -> None:
    args = [str(versions["v1"]), str(versions["v2"]), "--review", str(corrected_review(versions, tmp_path))]
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['--json', *{args!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve'))\n"
        "print(status, len(loaded), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert '"corrected": "unpaired"' in out.stdout
    assert out.stderr.split("\n")[-2].split() == ["1", "0"]
