"""The hand-labelled gold files: they load, they are consistent, every hard judgement has a note,
the real set has the breadth the evaluation claims, and a case whose texts are absent skips with
its reason (the shared corpus and Debian's licences are not on every machine)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.evaluation.checks import problems
from tui.evaluation.labelled import DATA, GOLD_DIR, Labelled, Skipped, load

GOLD_FILES = [DATA / "seeds_gold.toml", *sorted(GOLD_DIR.glob("*.toml"))]
REAL_KINDS = {"news", "policy", "licence", "book", "docs", "tutorial"}


def _load_or_skip(path: Path) -> Labelled:
    case = load(path)
    if isinstance(case, Skipped):
        pytest.skip(case.reason)
    return case


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_consistent_and_notes_its_judgements(path: Path) -> None:
    case = _load_or_skip(path)  # loading checks the line ranges and that every link names a unit
    assert case.gold.links.strong, "a gold file with no strong link scores nothing"
    assert problems(case) == []


def test_the_real_set_has_eight_pairs_of_five_kinds() -> None:
    kinds = [tomllib.loads(p.read_text(encoding="utf-8")).get("kind") for p in GOLD_DIR.glob("*.toml")]
    assert set(kinds) <= REAL_KINDS
    assert len(kinds) >= 8 and len(set(kinds)) >= 5


def test_stored_texts_have_a_source_note() -> None:
    for path in GOLD_DIR.glob("*.toml"):
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        if spec.get("base") == "data":
            folder = (DATA / "texts" / spec["left"]).parent
            assert (folder / "SOURCE.md").is_file(), f"{path.name}: no SOURCE.md beside {spec['left']}"


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("One.\n\nTwo,\nstill two.\n\nThree.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("One!\n\nTwo, still two.\n", encoding="utf-8")
    path = tmp_path / "case.toml"
    path.write_text(f'left = "{tmp_path}/a.txt"\nright = "{tmp_path}/b.txt"\nunits = "blocks"\n{body}')
    return path


def test_a_case_whose_text_is_absent_is_skipped_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    path.write_text('kind = "docs"\nbase = "corpus"\nleft = "no-such-pair/left.txt"\nright = "x.txt"\n')
    case = load(path)
    assert isinstance(case, Skipped) and "no-such-pair/left.txt" in case.reason


def test_links_must_name_the_first_line_of_a_unit(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="line 4 does not start a unit"):
        load(_write(tmp_path, "[[paragraph]]\nleft = 4\nright = 3\n"))


def test_cuts_and_windows_must_lie_inside_the_text(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cut at line 9"):
        load(_write(tmp_path, "left_cuts = [9]\n"))
    with pytest.raises(ValueError, match="left_window"):
        load(_write(tmp_path, "left_window = [1, 40]\n"))


def test_a_changed_pair_without_a_note_is_reported(tmp_path: Path) -> None:
    # "One." → "One!" is a judgement and needs a note; rewrapping is not: "Two,\nstill two." =
    # "Two, still two." needs none.
    case = load(_write(tmp_path, "[[paragraph]]\nleft = 1\nright = 1\n[[paragraph]]\nleft = 3\nright = 3\n"))
    assert isinstance(case, Labelled)
    assert problems(case) == ["paragraph at left line 1, right line 1: a judgement without a note"]


def test_a_lookalike_left_silent_is_reported(tmp_path: Path) -> None:
    case = load(_write(tmp_path, "[[paragraph]]\nleft = 1\nright = 1\nnote = 'punctuation'\n"))
    assert isinstance(case, Labelled)
    assert problems(case) == [
        "left line 3 looks like the other side's line 3: no entry",
        "right line 3 looks like the other side's line 3: no entry",
    ]
