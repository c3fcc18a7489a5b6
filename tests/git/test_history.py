"""A file's history in git (tui/git/history.py): the newest K versions, oldest first, through
renames, each a Document with its commit, author and date."""

from __future__ import annotations

import json

import pytest

from tests.formats.builders import docx, p
from tui.engine.reading import InputError
from tui.git import history
from tui.git.history import file_history, history_commits

from .repo import Repo


@pytest.fixture
def in_repo(repo: Repo, monkeypatch) -> Repo:
    """The tests call the functions in this process: the repository's directory and git's
    isolated environment for them."""
    monkeypatch.chdir(repo.path)
    for name, value in repo.env.items():
        monkeypatch.setenv(name, value)
    return repo


def story(n: int) -> str:
    return (f"Update {n}: the river rose to {n} metres overnight.\n\n"
            "Residents of the northern district were told to stay at home.\n")


def test_three_versions_through_a_rename(in_repo: Repo) -> None:
    ada, bo = "Ada Writer <ada@example.org>", "Bo Editor <bo@example.org>"
    first = in_repo.commit("First draft", {"drafts/story.md": story(1)}, author=ada)
    second = in_repo.commit("Second update", {"drafts/story.md": story(2)}, author=bo)
    in_repo.git("mv", "drafts/story.md", "story.md")
    third = in_repo.commit("Published", {"story.md": story(3)})
    versions = list(file_history("story.md"))
    assert [v.commit.id for v in versions] == [first, second, third]  # oldest first
    assert [v.commit.path for v in versions] == ["drafts/story.md", "drafts/story.md", "story.md"]
    assert [v.commit.author for v in versions] == ["Ada Writer", "Bo Editor", "Ada Writer"]
    assert versions[1].commit.email == "bo@example.org"
    assert [v.commit.subject for v in versions] == ["First draft", "Second update", "Published"]
    assert [v.commit.date for v in versions] == [
        "2024-03-01T10:00:01+01:00", "2024-03-01T10:00:02+01:00", "2024-03-01T10:00:03+01:00"]
    assert [v.document.text for v in versions] == [story(1), story(2), story(3)]
    assert versions[0].document.path == f"{first[:len(versions[0].commit.short)]}:drafts/story.md"
    # Each version's name is a REV:PATH git (and diptych) accepts.
    shown = in_repo.git("show", versions[0].document.path).stdout
    assert shown == story(1)


def test_thirty_commits_give_the_newest_twenty_by_default(in_repo: Repo) -> None:
    ids = [in_repo.commit(f"Update {n}", {"story.md": story(n)}) for n in range(1, 31)]
    in_repo.commit("Another file only", {"other.md": "Not the story.\n"})
    versions = list(file_history("story.md"))
    assert [v.commit.id for v in versions] == ids[10:]
    assert [v.commit.subject for v in versions] == [f"Update {n}" for n in range(11, 31)]
    assert versions[0].document.text == story(11) and versions[-1].document.text == story(30)
    assert [c.id for c in history_commits("story.md", 30)] == ids
    assert [c.id for c in history_commits("story.md", 100)] == ids
    assert [c.subject for c in history_commits("story.md", 3)] == ["Update 28", "Update 29", "Update 30"]


def test_from_a_subdirectory_the_path_is_relative_to_it(in_repo: Repo, monkeypatch) -> None:
    in_repo.commit("one", {"docs/story.md": story(1)})
    in_repo.commit("two", {"docs/story.md": story(2)})
    monkeypatch.chdir(in_repo.path / "docs")
    assert [v.document.text for v in file_history("story.md")] == [story(1), story(2)]


def test_a_resolved_conflict_is_a_version_and_a_deletion_is_not(in_repo: Repo) -> None:
    in_repo.commit("one", {"story.md": story(1)})
    in_repo.git("checkout", "-q", "-b", "desk")
    in_repo.commit("desk edit", {"story.md": story(2)})
    in_repo.git("checkout", "-q", "main")
    in_repo.commit("main edit", {"story.md": story(3)})
    in_repo.git("merge", "-q", "desk", check=False)
    in_repo.commit("merged", {"story.md": story(4)})
    in_repo.git("rm", "-q", "story.md")
    in_repo.commit("withdrawn")
    versions = list(file_history("story.md"))
    assert [v.commit.subject for v in versions][-1] == "merged"
    assert {v.commit.subject for v in versions} == {"one", "desk edit", "main edit", "merged"}
    assert versions[-1].document.text == story(4)


def test_a_word_file_history_is_read_as_word(in_repo: Repo) -> None:
    in_repo.commit("one", {"report.docx": docx(p("The council met on Monday."))})
    in_repo.commit("two", {"report.docx": docx(p("The council met on Tuesday."))})
    versions = list(file_history("report.docx"))
    assert [v.document.source.format for v in versions] == ["docx", "docx"]
    assert versions[1].document.text.strip() == "The council met on Tuesday."


def test_files_without_history_and_places_without_git(in_repo: Repo, tmp_path, monkeypatch) -> None:
    in_repo.commit("one", {"story.md": story(1), "docs/a.md": story(2)})
    in_repo.write("untracked.md", story(3))
    with pytest.raises(InputError, match=r"^untracked\.md: no history in git"):
        history_commits("untracked.md")
    with pytest.raises(InputError, match=r"^docs: is a directory; --git-history follows one file$"):
        history_commits("docs")
    with pytest.raises(InputError, match="at least 1"):
        history_commits("story.md", 0)
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    with pytest.raises(InputError, match="needs a git work tree"):
        history_commits("story.md")


def test_all_versions_together_are_bounded(in_repo: Repo, monkeypatch) -> None:
    for n in range(1, 4):
        in_repo.commit(f"Update {n}", {"story.md": story(n) * 20})
    monkeypatch.setattr(history, "MAX_HISTORY_BYTES", len(story(1) * 20) * 2)
    with pytest.raises(InputError, match=r"^story\.md: its 3 versions are larger than .* --max-versions$"):
        list(file_history("story.md"))
    assert len(list(file_history("story.md", 2))) == 2


def test_the_command_line_for_a_history(repo: Repo) -> None:
    repo.commit("one", {"story.md": story(1)})
    no_terminal = repo.diptych("--git-history", "story.md")  # the timeline needs one (test_history_app.py)
    assert no_terminal.returncode == 2
    assert "needs a terminal" in no_terminal.stderr and no_terminal.stderr.count("\n") == 1
    for args, message in (
        (["--max-versions", "3", "story.md", "story.md"], "--max-versions goes with --git-history"),
        (["--git-history", "story.md", "a", "b"], "give PATH to it, and no LEFT and RIGHT"),
        (["--git-history", "story.md", "--max-versions", "0"], "at least 1"),
        (["--git-history", "story.md", "--json", "--report", "json"], "choose one of --json and --report"),
        (["--git-history", "story.md", "--screenshot", "x.svg"], "goes with --json or --report"),
    ):
        result = repo.diptych(*args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)


def test_json_history_of_three_commits_names_each_version_s_commit(repo: Repo) -> None:
    ada, bo = "Ada Writer <ada@example.org>", "Bo Editor <bo@example.org>"
    ids = [repo.commit("First draft", {"story.md": story(1)}, author=ada),
           repo.commit("Second update", {"story.md": story(2)}, author=bo)]
    repo.git("mv", "story.md", "river.md")
    ids.append(repo.commit("Renamed, third update", {"river.md": story(3)}, author=ada))
    result = repo.diptych("--json", "--git-history", "river.md")
    assert result.returncode == 1, result.stderr  # the versions differ
    data = json.loads(result.stdout)
    assert data["schema"] == "diptych.history/1"
    versions = data["versions"]
    assert [v["commit"] for v in versions] == ids
    assert [v["author"] for v in versions] == ["Ada Writer", "Bo Editor", "Ada Writer"]
    assert [v["email"] for v in versions] == ["ada@example.org", "bo@example.org", "ada@example.org"]
    assert [v["date"] for v in versions] == [
        "2024-03-01T10:00:01+01:00", "2024-03-01T10:00:02+01:00", "2024-03-01T10:00:03+01:00"]
    assert [v["subject"] for v in versions] == ["First draft", "Second update", "Renamed, third update"]
    names = [v["path"] for v in versions]
    assert [name.split(":")[1] for name in names] == ["story.md", "story.md", "river.md"]
    assert all(ids[k].startswith(name.split(":")[0]) for k, name in enumerate(names))
    assert list(versions[0])[:3] == ["path", "line_count", "encoding"]  # the usual keys first
    # Each step is exactly what `diptych --json OLDER NEWER` prints for the two revisions.
    assert len(data["steps"]) == 2
    for k, step in enumerate(data["steps"]):
        _, pair = repo.diptych_json(names[k], names[k + 1])
        assert step == pair


def test_json_history_of_thirty_commits(repo: Repo) -> None:
    ids = [repo.commit(f"Update {n}", {"story.md": story(n)}) for n in range(1, 31)]
    default = json.loads(repo.diptych("--json", "--git-history", "story.md").stdout)
    assert [v["commit"] for v in default["versions"]] == ids[10:]  # the newest 20, oldest first
    assert len(default["steps"]) == 19
    everything = repo.diptych("--json", "--git-history", "story.md", "--max-versions", "30")
    assert everything.returncode == 1
    data = json.loads(everything.stdout)
    assert [v["subject"] for v in data["versions"]] == [f"Update {n}" for n in range(1, 31)]
    assert len(data["steps"]) == 29
    assert data["steps"][-1]["blocks"][0]["right"]["text"].startswith("Update 30: the river rose to 30")


def test_json_history_needs_two_versions(repo: Repo) -> None:
    repo.commit("only", {"story.md": story(1)})
    result = repo.diptych("--json", "--git-history", "story.md")
    assert result.returncode == 2
    assert result.stderr.startswith("diptych: story.md: one version in git (")
    assert result.stderr.endswith("a history needs two or more\n")


def test_many_versions_named_by_revision(repo: Repo) -> None:
    for n in range(1, 4):
        repo.commit(f"Update {n}", {"story.md": story(n)})
    status, data = repo.diptych_json("HEAD~2:story.md", "HEAD~1:story.md", "HEAD:story.md")
    assert status == 1
    assert [v["path"] for v in data["versions"]] == ["HEAD~2:story.md", "HEAD~1:story.md", "HEAD:story.md"]
    assert len(data["steps"]) == 2


def test_change_log_of_a_git_history(repo: Repo) -> None:
    for n in (1, 2, 3):
        repo.commit(f"Update {n}", {"story.md": story(n)})
    result = repo.diptych("--report", "markdown", "--git-history", "story.md")
    assert result.returncode == 0, result.stderr
    first, last = (repo.git("rev-parse", "--short", rev).stdout.strip() for rev in ("HEAD~2", "HEAD"))
    # Each version named as git names it; the numbers that changed in each step.
    assert result.stdout.startswith(f"# Change log: {first}:story.md → {last}:story.md (3 versions)\n")
    assert "the river rose to ~~2~~ **3** metres" in result.stdout
