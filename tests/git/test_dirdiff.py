"""Two directories as the list of files that differ (what `git difftool -d` hands its tool)."""

from __future__ import annotations

import os
from pathlib import Path

from tui.app.file_list import file_row, next_unviewed
from tui.git.dirdiff import Change, ChangedFile, changed_files

from .repo import Repo


def tree(top: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text, encoding="utf-8")
    return top


def test_modified_added_and_deleted_files_by_path(tmp_path: Path) -> None:
    left = tree(tmp_path / "left", {"a.md": "one\n", "same.md": "same\n", "docs/gone.md": "gone\n",
                                    "docs/b.md": "two\n"})
    right = tree(tmp_path / "right", {"a.md": "one!\n", "same.md": "same\n", "docs/b.md": "two\n",
                                      "docs/new.md": "new\n"})
    assert changed_files(str(left), str(right)) == [
        ChangedFile("a.md", Change.MODIFIED, str(left / "a.md"), str(right / "a.md")),
        ChangedFile("docs/gone.md", Change.DELETED, str(left / "docs/gone.md"), os.devnull),
        ChangedFile("docs/new.md", Change.ADDED, os.devnull, str(right / "docs/new.md")),
    ]


def test_symbolic_links_to_work_tree_files_are_compared_by_content(tmp_path: Path) -> None:
    work = tree(tmp_path / "work", {"a.md": "edited\n", "b.md": "same\n"})
    left = tree(tmp_path / "left", {"a.md": "original\n", "b.md": "same\n"})
    right = tmp_path / "right"
    right.mkdir()
    for name in ("a.md", "b.md"):  # as git difftool -d links the work tree's side
        (right / name).symlink_to(work / name)
    assert [(f.path, f.change) for f in changed_files(str(left), str(right))] == [("a.md", Change.MODIFIED)]


def test_the_file_list_rows_and_the_next_file_not_yet_seen() -> None:
    changed = ChangedFile("docs/\x1b[31mred.md", Change.ADDED, os.devnull, "x")
    assert file_row(changed, viewed=True).plain == "✓ A docs/␛[31mred.md"
    assert next_unviewed(4, {0, 1}, after=1) == 2
    assert next_unviewed(4, {0, 2, 3}, after=3) == 1  # wraps around
    assert next_unviewed(3, {0, 1, 2}, after=1) == 1  # all seen: stays


def test_two_directories_outside_the_app(repo: Repo, tmp_path: Path) -> None:
    left = tree(tmp_path / "l", {"a.md": "same\n"})
    right = tree(tmp_path / "r", {"a.md": "same\n"})
    same = repo.diptych(str(left), str(right))
    assert same.returncode == 0 and same.stderr == "diptych: no file differs between the two directories\n"
    (right / "a.md").write_text("changed\n", encoding="utf-8")
    no_terminal = repo.diptych(str(left), str(right))
    assert no_terminal.returncode == 2 and "needs a terminal" in no_terminal.stderr
    as_json = repo.diptych("--json", str(left), str(right))
    assert as_json.returncode == 2
    assert as_json.stderr.startswith("diptych: LEFT and RIGHT are directories: only the app steps through")
