"""`diptych --json V1 … VN` and `diptych --json DIR`: the diptych.history/1 contract, folders,
exit statuses and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.engine.history import History
from tui.engine.history_json import HistoryJson, blame_to_dict, strand_to_dict
from tui.engine.model import AlignOptions
from tui.engine.reading import InputError
from tui.engine.versions import gather_versions
from tui.evaluation.history_gen import generate_history

from .cases import ROOT, STORM, documents, expect_error, paragraphs, run_cli, three_versions, write_versions


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[list[Path], str]:
    paths = write_versions(tmp_path_factory.mktemp("three"), three_versions())
    result = run_cli("--json", *paths)
    assert result.returncode == 1 and result.stderr == ""  # the versions differ
    return paths, result.stdout


def test_the_history_json_has_its_schema_and_one_step_per_pair(three) -> None:
    paths, out = three
    data = json.loads(out)
    assert list(data) == ["schema", "versions", "skipped", "options", "steps", "lineage", "blame"]
    assert data["schema"] == "diptych.history/1"
    assert data["versions"] == [{"path": str(p), "line_count": 49 + (k == 1) - (k == 2), "encoding": "utf-8"}
                                for k, p in enumerate(paths)]
    assert data["skipped"] == []
    assert data["options"] == {"unit": "paragraph", "threshold": 0.5, "normalize": True, "markup": True}
    assert len(data["steps"]) == 2
    for k, step in enumerate(data["steps"]):
        pair = run_cli("--json", paths[k], paths[k + 1])
        assert step == json.loads(pair.stdout)
        assert pair.stdout.rstrip("\n") in out  # byte for byte, as the two-file command prints it


def test_lineage_and_blame_are_those_of_the_history_model(three) -> None:
    paths, out = three
    data = json.loads(out)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    history = History(documents(texts))
    assert data["lineage"] == [strand_to_dict(s) for s in history.strands()]
    assert data["blame"] == [blame_to_dict(b) for b in history.blame()]
    eight = next(b for b in data["blame"] if "at least eight people" in b["text"])
    at = eight["text"].index("eight")
    assert [v for s, e, v in eight["words"] if s <= at < e] == [2]
    assert (eight["introduced"], eight["changed"]) == (1, 3)
    strand = data["lineage"][eight["strand"]]
    assert [(e["step"], e["change"], e["numeric"]) for e in strand["events"]] == [
        (1, "changed", True), (2, "changed", True),
    ]
    # Lines in the lineage point at the passage in each version.
    first = strand["passages"][0][0]
    assert "at least nine people" in texts[0].split("\n")[first[1] - 1]


def test_equal_versions_exit_0_and_have_no_events(tmp_path) -> None:
    text = paragraphs(*STORM)
    paths = write_versions(tmp_path, [text, text.replace("\n\n", "\n\n\n"), text])  # blank lines only
    result = run_cli("--json", *paths)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(s["stats"]["differences"] == 0 for s in data["steps"])
    assert all(strand["events"] == [] and strand["removed_in"] is None for strand in data["lineage"])
    assert {b["introduced"] for b in data["blame"]} == {1}


def test_a_folder_is_taken_in_natural_name_order_and_says_what_it_skipped(tmp_path) -> None:
    texts = [paragraphs(*STORM[: 4 + k]) for k in range(3)]
    write_versions(tmp_path, texts, names=["story-v1.txt", "story-v2.txt", "story-v10.md"])
    (tmp_path / ".story-v3.txt.swp").write_text("hidden", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "drafts").mkdir()
    result = run_cli("--json", tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    data = json.loads(result.stdout)
    names = [Path(v["path"]).name for v in data["versions"]]
    assert names == ["story-v1.txt", "story-v2.txt", "story-v10.md"]
    skipped = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert set(skipped) == {".story-v3.txt.swp", "photo.jpg", "drafts"}
    assert skipped[".story-v3.txt.swp"] == "hidden"
    assert "binary" in skipped["photo.jpg"]
    assert "folder" in skipped["drafts"]
    # v1 has the first four paragraphs, each version one more (plain sorting would put v10 second).
    assert [len(s["blocks"]) for s in data["steps"]] == [5, 6]


def test_a_folder_of_two_files_is_an_ordinary_pair(tmp_path) -> None:
    left, right = write_versions(tmp_path, [paragraphs(*STORM[:3]), paragraphs(*STORM[:4])])
    from_folder = run_cli("--json", tmp_path)
    assert from_folder.returncode == 1
    assert from_folder.stdout == run_cli("--json", left, right).stdout
    assert json.loads(from_folder.stdout)["schema"] == "diptych.alignment/1"


def test_bad_inputs_exit_2_with_one_line(tmp_path) -> None:
    good = write_versions(tmp_path / "good", [paragraphs(*STORM[:k]) for k in (3, 4, 5)])
    expect_error(run_cli("--json", good[0], tmp_path / "missing.txt", good[2]), "missing.txt", "no such file")
    binary = tmp_path / "scan.png"  # (a "%PDF-" start is read as a PDF since issue 14: damaged)
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x01")
    expect_error(run_cli("--json", good[0], good[1], binary), "scan.png", "binary")
    expect_error(run_cli("--json", good[0], good[1], tmp_path / "good"), "is a directory")
    expect_error(run_cli("--json", good[0], "-", good[2]), "standard input")
    empty = tmp_path / "empty"
    empty.mkdir()
    expect_error(run_cli("--json", empty), "empty", "no text file")
    lonely = tmp_path / "lonely"
    write_versions(lonely, [paragraphs(*STORM)])
    (lonely / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    expect_error(run_cli("--json", lonely), "only one text file", "v1.txt")


def test_options_that_need_two_versions_are_refused_with_many(tmp_path) -> None:
    paths = write_versions(tmp_path, [paragraphs(*STORM[:k]) for k in (3, 4, 5)])
    # The timeline is the app's: without a terminal, it says so (the app itself: tests/app).
    expect_error(run_cli(*paths), "needs a terminal", "--json", "--report")
    expect_error(run_cli(tmp_path), "needs a terminal")
    expect_error(run_cli("--serve", *paths), "--serve")
    expect_error(run_cli("--screenshot", tmp_path / "x.svg", *paths), "--screenshot")
    expect_error(run_cli("--review", tmp_path / "r.sqlite3", "--json", *paths), "--review")


def test_a_version_changed_after_it_was_checked_is_an_error(tmp_path) -> None:
    paths = write_versions(tmp_path, [paragraphs(*STORM[:k]) for k in (3, 4, 5)])
    versions = gather_versions([str(p) for p in paths])
    paths[2].write_text(paragraphs(*STORM), encoding="utf-8")  # more lines than when checked
    with pytest.raises(InputError, match="changed since it was first read"):
        "".join(HistoryJson(versions, AlignOptions()).pieces())


def _read_100_bytes_and_stop(paths) -> tuple[int, bytes]:
    """`diptych --json V1 V2 V3 | head -c 100`: the status and what was said on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--json", *map(str, paths)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b'{\n "schema": "diptych.history/1"')
    proc.stdout.close()
    return proc.wait(timeout=120), proc.stderr.read()


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path) -> None:
    story = generate_history(3, 150_000, seed="pipe")  # large enough for the helper processes
    paths = write_versions(tmp_path, [story.text(v) for v in (1, 2, 3)])
    # The status of the whole history (its versions differ), and not a word.
    assert _read_100_bytes_and_stop(paths) == (1, b"")


def test_a_reader_that_stops_early_still_learns_that_every_version_is_equal(tmp_path) -> None:
    story = generate_history(1, 150_000, seed="pipe")
    paths = write_versions(tmp_path, [story.text(1)] * 3)
    assert _read_100_bytes_and_stop(paths) == (0, b"")


def test_sentence_units_reach_every_step_and_textual_is_never_loaded(three) -> None:
    paths, _ = three
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['--json', '--unit', 'sentence', *{[str(p) for p in paths]!r}])\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve', 'aiohttp')]\n"
        "print(status, len(loaded), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.split() == ["1", "0"]
    data = json.loads(result.stdout)
    assert data["options"]["unit"] == "sentence"
    assert data["steps"][1] == json.loads(run_cli("--json", "--unit", "sentence", paths[1], paths[2]).stdout)
    eight = next(b for b in data["blame"] if "at least eight people" in b["text"])
    assert eight["text"].endswith("six children.")  # a sentence now, not the paragraph
    assert (eight["introduced"], eight["changed"]) == (1, 3)
