"""`diptych --report markdown|html|json V1 … VN`: the change log, changed numbers first, document
text escaped as in the review report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cases import STORM, expect_error, paragraphs, run_cli, three_versions, write_versions


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> list[Path]:
    return write_versions(tmp_path_factory.mktemp("three"), three_versions())


def _report(fmt: str, *args: str | Path) -> str:
    result = run_cli("--report", fmt, *args)
    assert result.returncode == 0 and result.stderr == "", result.stderr  # 0 once written, as for two
    return result.stdout


def test_json_change_log_lists_each_step_changed_numbers_first(three) -> None:
    data = json.loads(_report("json", *three))
    assert data["schema"] == "diptych.changelog/1"
    assert [v["path"] for v in data["versions"]] == [str(p) for p in three]
    assert [s["step"] for s in data["steps"]] == [1, 2]
    first = data["steps"][0]
    # The revised toll, then the paragraph added in v2, which dates the attack ("on Thursday"):
    # a date added is a changed number as the change classes see it (its "classes": ["date"]).
    assert [d["numbers"] for d in first["numbers"]] == [[["nine", "eight"]], [["", "Thursday"]]]
    labels = [(d["label"], d["classes"]) for d in first["numbers"]]
    assert labels == [("Changed", ["number"]), ("Added", ["date"])]
    assert first["changed"] == first["added"] == first["removed"] == first["moved"] == []
    for step in data["steps"]:
        sections = [step[key] for key in ("numbers", "changed", "added", "removed", "moved")]
        assert sum(map(len, sections)) == step["stats"]["differences"]
        assert all(d["numbers"] for d in step["numbers"])
        assert not any(d["numbers"] for section in sections[1:] for d in section)
        assert all("reviewed" not in d for section in sections for d in section)  # no review marks here


def test_markdown_change_log_reads_as_a_story(three) -> None:
    text = _report("markdown", *three)
    assert "| v1 → v2 | 1 | 1 | 0 | 0 | nine → eight; (none) → Thursday |" in text
    first = text[text.index("## v1 → v2") : text.index("## v2 → v3")]
    assert first.index("### Changed numbers") < first.index("#### 1. Added")
    assert "~~nine~~ **eight**" in first
    assert "v1 line 7 → v2 line 8" in first


def test_hostile_text_stays_text_in_every_format(tmp_path) -> None:
    hostile = "Breaking: <script>alert(1)</script> and *stars* and \x1b[31mred\x1b[0m."
    versions = [paragraphs(*STORM[:3]), paragraphs(*STORM[:3], hostile), paragraphs(*STORM[:4])]
    paths = write_versions(tmp_path, versions)
    html = _report("html", *paths)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\x1b" not in html and "␛" in html
    markdown = _report("markdown", *paths)
    assert "<script>" not in markdown and "\\*stars\\*" in markdown and "\x1b" not in markdown
    data = json.loads(_report("json", *paths))
    # JSON keeps the text as it is; the escape sequence's numbers put it with the changed numbers.
    assert data["steps"][0]["numbers"][0]["right"]["text"] == hostile


def test_equal_versions_say_so_and_output_goes_to_a_file(tmp_path) -> None:
    text = paragraphs(*STORM)
    paths = write_versions(tmp_path / "story", [text, text, text])
    out = tmp_path / "log.html"
    result = run_cli("--report", "html", "--output", out, tmp_path / "story")
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").count("<p>No changes.</p>") == 2
    expect_error(run_cli("--report", "markdown", "--output", paths[1], *paths), "refusing to overwrite")
    assert paths[1].read_text(encoding="utf-8") == text
