"""`REV:PATH` arguments: documents read through git, named as given, with git's reason on one line
when git cannot find them."""

from __future__ import annotations

import pytest

from tests.formats.builders import docx, p
from tui.engine.model import ReadOptions
from tui.engine.reading import InputError
from tui.git.revision import read_revision

from .repo import Repo

DRAFT = "The council met on Monday.\n\nIt approved the budget after a long debate.\n"
FINAL = "The council met on Tuesday.\n\nIt approved the budget after a long debate.\n\nThe mayor abstained.\n"


def paragraph_texts(data: dict, side: str) -> list[str]:
    return [block[side]["text"] for block in data["blocks"] if block[side] is not None]


def test_both_sides_at_revisions(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.commit("final", {"report.md": FINAL})
    status, data = repo.diptych_json("HEAD~1:report.md", "HEAD:report.md")
    assert status == 1
    assert data["left"]["path"] == "HEAD~1:report.md" and data["right"]["path"] == "HEAD:report.md"
    assert paragraph_texts(data, "left") == ["The council met on Monday.",
                                             "It approved the budget after a long debate."]
    assert "The mayor abstained." in paragraph_texts(data, "right")
    assert [b["kind"] for b in data["blocks"]] == ["changed", "equal", "right_only"]


def test_one_side_at_a_revision_and_the_work_tree(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("report.md", FINAL)  # not committed: the file in the work tree
    status, data = repo.diptych_json("HEAD:report.md", "report.md")
    assert status == 1
    assert (data["left"]["path"], data["right"]["path"]) == ("HEAD:report.md", "report.md")
    assert "The mayor abstained." in paragraph_texts(data, "right")
    status, _ = repo.diptych_json(":report.md", "HEAD:report.md")  # the staged version: git's syntax
    assert status == 0


def test_a_renamed_file_at_its_old_name(repo: Repo) -> None:
    repo.commit("draft", {"notes/draft.md": DRAFT})
    repo.git("mv", "notes/draft.md", "report.md")
    repo.commit("renamed and finished", {"report.md": FINAL})
    status, data = repo.diptych_json("HEAD~1:notes/draft.md", "report.md")
    assert status == 1
    assert data["left"]["path"] == "HEAD~1:notes/draft.md"
    assert paragraph_texts(data, "left")[0] == "The council met on Monday."


@pytest.mark.parametrize(("argument", "reason"), [
    ("nosuch:report.md", "invalid object name 'nosuch'"),
    ("HEAD~5:report.md", "invalid object name 'HEAD~5'"),
    ("HEAD:missing.md", "path 'missing.md' does not exist in 'HEAD'"),
    ("HEAD:chapters", "a directory (a tree in git), not a file"),
])
def test_what_git_cannot_find_exits_2_with_its_reason(repo: Repo, argument: str, reason: str) -> None:
    repo.commit("draft", {"report.md": DRAFT, "chapters/one.md": DRAFT})
    result = repo.diptych("--json", argument, "report.md")
    assert result.returncode == 2
    assert result.stdout == ""
    # git's own words (their punctuation varies between git versions), on one line.
    assert result.stderr.startswith(f"diptych: {argument}: ") and result.stderr.count("\n") == 1
    assert reason in result.stderr


def test_in_a_subdirectory_git_explains_the_path_in_one_line(repo: Repo) -> None:
    repo.commit("draft", {"chapters/one.md": DRAFT})
    result = repo.diptych("--json", "HEAD:one.md", "one.md", cwd=repo.path / "chapters")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "path 'chapters/one.md' exists, but not 'one.md'" in result.stderr
    assert "HEAD:./one.md" in result.stderr  # git's hint, kept
    status, data = repo.diptych_json("HEAD:./one.md", "one.md", cwd=repo.path / "chapters")
    assert status == 0 and data["left"]["path"] == "HEAD:./one.md"


def test_a_file_of_that_name_wins_over_git(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("HEAD:report.md", FINAL)  # a colon is a valid character in a file name
    status, data = repo.diptych_json("HEAD:report.md", "report.md")
    assert status == 1
    assert "The mayor abstained." in paragraph_texts(data, "left")


def test_outside_a_work_tree_it_is_no_such_file(repo: Repo, tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "report.md").write_text(DRAFT, encoding="utf-8")
    result = repo.diptych("--json", "HEAD:report.md", "report.md", cwd=outside)
    assert result.returncode == 2
    assert result.stderr == ("diptych: HEAD:report.md: no such file (and not read as git's REV:PATH: "
                             "the current directory is not in a git work tree)\n")


def test_a_word_file_at_a_revision_is_read_as_word(repo: Repo) -> None:
    repo.commit("draft", {"report.docx": docx(p("The council met on Monday."))})
    repo.write("report.docx", docx(p("The council met on Tuesday.")))
    status, data = repo.diptych_json("HEAD:report.docx", "report.docx")
    assert status == 1
    assert data["left"]["format"] == "docx" and data["left"]["path"] == "HEAD:report.docx"
    assert paragraph_texts(data, "left") == ["The council met on Monday."]


def test_a_binary_blob_is_refused_like_a_binary_file(repo: Repo) -> None:
    repo.commit("picture", {"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)})
    result = repo.diptych("--json", "HEAD:logo.png", "HEAD:logo.png")
    assert result.returncode == 2
    assert result.stderr == "diptych: HEAD:logo.png: binary file (contains NUL bytes), not text\n"


def test_a_blob_over_the_size_limit_is_refused_before_it_is_read(repo: Repo, monkeypatch) -> None:
    mib = 1024 * 1024
    repo.commit("long", {"long.md": "A sentence of the long report.\n" * 40_000})  # 1.2 MiB
    monkeypatch.chdir(repo.path)
    for name, value in repo.env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=r"^HEAD:long\.md: larger than the 1 MiB limit$"):
        read_revision("HEAD:long.md", ReadOptions(), max_bytes=mib)
    assert read_revision("HEAD:long.md", ReadOptions(), max_bytes=2 * mib).line_count == 40_000


def test_the_app_header_names_the_revision(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.commit("final", {"report.md": FINAL})
    result = repo.diptych("--screenshot", "shot.svg", "--size", "120x30",
                          "HEAD~1:report.md", "HEAD:report.md")
    assert result.returncode == 0, result.stderr
    svg = (repo.path / "shot.svg").read_text(encoding="utf-8").replace("&#160;", " ")
    assert "HEAD~1:report.md" in svg and "HEAD:report.md" in svg
