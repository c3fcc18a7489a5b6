"""The `diptych --json` contract that scripts rely on: schema, coverage, order, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT,
        input=stdin.decode() if stdin is not None else None, timeout=120,
    )


def load(result: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seeds_json() -> tuple[dict, subprocess.CompletedProcess[str]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    result = run_cli("--json", str(seeds[0]), str(seeds[1]))
    return load(result), result


def test_schema_and_top_level_shape(seeds_json) -> None:
    data, result = seeds_json
    assert result.returncode == 1  # the seeds differ
    assert data["schema"] == "diptych.alignment/1"
    for side in ("left", "right"):
        assert set(data[side]) >= {"path", "line_count", "encoding"}
        assert data[side]["encoding"] == "utf-8"
    assert data["left"]["line_count"] == 49 and data["right"]["line_count"] == 48
    assert data["options"] == {"unit": "paragraph", "threshold": 0.5, "normalize": True, "markup": True}
    assert set(data["stats"]) >= {"equal", "changed", "moved", "left_only", "right_only"}
    counted = {k: 0 for k in ("equal", "changed", "left_only", "right_only")}
    for block in data["blocks"]:
        counted[block["kind"]] += 1
    assert all(data["stats"][k] == v for k, v in counted.items())


def test_blocks_are_well_formed(seeds_json) -> None:
    data, _ = seeds_json
    texts = {side: Path(data[side]["path"]).read_text(encoding="utf-8") for side in ("left", "right")}
    for block in data["blocks"]:
        assert block["kind"] in {"equal", "changed", "left_only", "right_only"}
        assert isinstance(block["moved"], bool)
        one_sided = block["kind"] in ("left_only", "right_only")
        assert (block["score"] is None) == one_sided
        if not one_sided:
            assert 0.0 <= block["score"] <= 1.0
        assert (block["left"] is None) == (block["kind"] == "right_only")
        assert (block["right"] is None) == (block["kind"] == "left_only")
        for side in ("left", "right"):
            span = block[side]
            if span is None:
                continue
            assert 1 <= span["start_line"] <= span["end_line"] <= data[side]["line_count"]
            # Offsets index the decoded text, and the line numbers are those of the offsets.
            assert texts[side][span["start_offset"]:span["end_offset"]] == span["text"]
            assert texts[side].count("\n", 0, span["start_offset"]) + 1 == span["start_line"]


def _covered_lines(data: dict, side: str) -> set[int]:
    lines: set[int] = set()
    for block in data["blocks"]:
        if block[side]:
            lines.update(range(block[side]["start_line"], block[side]["end_line"] + 1))
    return lines


def test_every_non_blank_line_is_in_a_block(seeds_json) -> None:
    data, _ = seeds_json
    for side in ("left", "right"):
        text = Path(data[side]["path"]).read_text(encoding="utf-8").split("\n")
        non_blank = {n for n, line in enumerate(text, start=1) if line.strip()}
        assert non_blank <= _covered_lines(data, side), side


def test_blocks_follow_left_reading_order(seeds_json) -> None:
    data, _ = seeds_json
    left_starts = [b["left"]["start_line"] for b in data["blocks"] if b["left"]]
    assert left_starts == sorted(left_starts)
    right_in_place = [b["right"]["start_line"] for b in data["blocks"] if b["right"] and not b["moved"]]
    assert right_in_place == sorted(right_in_place)


def test_seeds_casualty_pair_reports_the_changed_number(seeds_json) -> None:
    data, _ = seeds_json
    block = next(b for b in data["blocks"] if b["left"] and b["left"]["start_line"] == 7)
    assert block["kind"] == "changed" and block["right"]["start_line"] == 5
    numeric = [
        (block["left"]["text"][slice(*w["left"])], block["right"]["text"][slice(*w["right"])])
        for w in block["words"]
        if w["numeric"]
    ]
    assert ("nine", "eight") in numeric


def test_equal_documents_exit_zero(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("One paragraph.\n\nAnother “quoted” paragraph.\n", encoding="utf-8")
    b.write_text('One paragraph.\n\nAnother "quoted" paragraph.\n', encoding="utf-8")
    result = run_cli("--json", str(a), str(b))
    assert result.returncode == 0, result.stderr
    assert load(result)["stats"]["typographic_only"] == 1
    assert run_cli("--json", "--no-normalize", str(a), str(b)).returncode == 1


def test_sentence_unit_option(seeds_json) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    result = run_cli("--json", "--unit", "sentence", "--threshold", "0.6", str(seeds[0]), str(seeds[1]))
    data = load(result)
    assert data["options"]["unit"] == "sentence" and data["options"]["threshold"] == 0.6
    assert len(data["blocks"]) > len(seeds_json[0]["blocks"])
    rubble = [
        b for b in data["blocks"]
        if b["left"] and b["right"] and "pulled alive from under the rubble" in b["left"]["text"]
        and "pulled alive from under the rubble" in b["right"]["text"]
    ]
    assert rubble, "the rubble sentence that moved between paragraphs is paired"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "no/such/file.txt", "seeds"], "no such file"),
        (["--json", "seeds", "seeds"], "are directories: only the app steps through their files"),
        (["--json", "seeds", "README.md"], "is a directory"),
        (["--json", "--threshold", "2", "a", "b"], "threshold"),
        (["--json", "--unit", "word", "a", "b"], "unit"),
        (["--json", "only-one.txt"], "both LEFT and RIGHT"),
    ],
)
def test_errors_exit_two_with_one_line(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_binary_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run_cli("--json", str(binary), str(binary))
    assert result.returncode == 2 and "binary" in result.stderr


def test_help_says_the_app_exits_0_and_only_json_tells_equal_from_different() -> None:
    """`git difftool --trust-exit-code` stops at a non-zero status: the app quits with 0."""
    result = run_cli("--help")
    text = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "with --json, 0 if the documents are equal and 1 if they differ" in text
    assert "the interactive app (after q), --report, --redline and --screenshot exit 0" in text
