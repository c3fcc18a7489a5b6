"""The command line on documents: --json positions, --tracked, --report, --html; text files unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from tests.formats.builders import dele, docx, ins, p, r, table
from tests.robustness.helpers import expect_error, expect_json, run_cli

TRACKED = docx(
    p("Budget") + p("Nine ", dele("members"), ins("councillors"), " voted for the plan.")
    + table(("Item", "Amount"), ("Roads", ins("7") + dele("6") + r(" million")))
)


def test_tracked_compares_the_original_with_the_result(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(TRACKED)
    report = expect_json(run_cli("--json", "--tracked", path), 1)
    assert (report["left"]["view"], report["right"]["view"]) == ("original", "accepted")
    assert report["left"]["format"] == "docx"
    changed = [block for block in report["blocks"] if block["kind"] == "changed"]
    assert [(b["left"]["text"], b["right"]["text"]) for b in changed] == [
        ("Nine members voted for the plan.", "Nine councillors voted for the plan."),
        ("Roads | 6 million", "Roads | 7 million"),
    ]
    assert changed[0]["left"]["position"] == {"paragraph": 2}
    assert changed[1]["right"]["position"] == changed[1]["right"]["end_position"] == {"table": 1, "row": 2}


def test_tracked_needs_one_word_or_opendocument_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Just text.\n", encoding="utf-8")
    expect_error(run_cli("--json", "--tracked", text), "needs a Word (.docx) or OpenDocument (.odt) file")
    expect_error(run_cli("--json", "--tracked", text, text, text), "give no LEFT and RIGHT")


def test_review_report_names_places(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(TRACKED)
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    outcome = run_cli("--report", "json", "--tracked", path, env=env)
    assert outcome.code == 0, outcome.stderr
    report = json.loads(outcome.stdout)
    assert report["left"]["format"] == "docx"
    assert report["differences"][1]["left"]["position"] == {"table": 1, "row": 2}
    markdown = run_cli("--report", "markdown", "--tracked", path, env=env).stdout.decode()
    assert "**Left (older)**, table 1, row 2:" in markdown
    assert "**Right (newer)**, paragraph 2:" in markdown


def test_text_files_json_has_no_document_keys(seed_paths) -> None:
    report = expect_json(run_cli("--json", *seed_paths), 1)
    assert "format" not in report["left"] and "view" not in report["right"]
    spans = [block[side] for block in report["blocks"] for side in ("left", "right") if block[side]]
    assert spans and not any("position" in span or "end_position" in span for span in spans)


def test_html_source_compares_the_markup(tmp_path: Path) -> None:
    left, right = tmp_path / "a.html", tmp_path / "b.html"
    left.write_text("<html><body><p>Same words.</p></body></html>\n", encoding="utf-8")
    right.write_text("<html><body><div>Same words.</div></body></html>\n", encoding="utf-8")
    expect_json(run_cli("--json", left, right), 0)  # the same text in other markup
    report = expect_json(run_cli("--json", "--html", "source", left, right), 1)
    assert "format" not in report["left"] and "<p>" in report["blocks"][0]["left"]["text"]
