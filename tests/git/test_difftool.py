"""diptych as git's difftool: `git difftool -t diptych` opening each changed file in the app in a
real terminal (tmux), `git difftool -d` stepping through the changed files from a list, and
`git difftool -x 'diptych --json'` for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.terminal import Terminal, require_tmux

from .repo import Repo, diptych_command

NOTES_OLD = "Agenda for the spring meeting of the residents' association.\n"
NOTES_NEW = "Agenda for the autumn meeting of the residents' association.\n"
REPORT_OLD = "The council met on Monday and approved the budget of 63 million.\n"
REPORT_NEW = "The council met on Tuesday and approved the budget of 70 million.\n"
ADDED = "Minutes of the extraordinary session, published on Friday.\n"


def with_changes(repo: Repo) -> Repo:
    """Two committed files changed in the work tree, and a new file staged."""
    repo.commit("draft", {"notes.md": NOTES_OLD, "report.md": REPORT_OLD})
    repo.write("notes.md", NOTES_NEW)
    repo.write("report.md", REPORT_NEW)
    repo.write("minutes.md", ADDED)
    repo.git("add", "minutes.md")
    # The README's configuration, in the repository's own config (no global one is touched).
    repo.git("config", "difftool.diptych.cmd", f'{diptych_command()} "$LOCAL" "$REMOTE"')
    return repo


def parse_concatenated_json(text: str) -> list[dict]:
    decoder, objects, at = json.JSONDecoder(), [], 0
    while at < len(text.rstrip()):
        while text[at].isspace():
            at += 1
        found, at = decoder.raw_decode(text, at)
        objects.append(found)
    return objects


def test_difftool_x_json_prints_one_alignment_per_file(repo: Repo) -> None:
    with_changes(repo)
    result = repo.git("difftool", "-y", "-x", f"{diptych_command()} --json", "HEAD", check=False)
    assert result.returncode == 0, result.stderr  # without --trust-exit-code git ignores the 1s
    alignments = parse_concatenated_json(result.stdout)
    assert [a["right"]["path"] for a in alignments] == ["minutes.md", "notes.md", "report.md"]
    assert alignments[0]["left"]["path"] == "/dev/null"  # an added file: nothing on the left
    assert [b["kind"] for b in alignments[0]["blocks"]] == ["right_only"]
    assert [b["kind"] for b in alignments[2]["blocks"]] == ["changed"]
    # --trust-exit-code stops at the first file that differs (--json exits 1 for it).
    trusting = repo.git("difftool", "-y", "--trust-exit-code", "-x", f"{diptych_command()} --json", "HEAD",
                        check=False)
    assert trusting.returncode != 0
    assert len(parse_concatenated_json(trusting.stdout)) == 1


@pytest.fixture
def terminal(repo: Repo, tmp_path: Path) -> Iterator[Terminal]:
    require_tmux()
    home = tmp_path / "term"
    home.mkdir()
    term = Terminal(home, width=120, height=30, env={
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat",
    })
    yield term
    term.close()


@pytest.mark.slow
def test_difftool_opens_each_changed_file_in_the_app(repo: Repo, terminal: Terminal) -> None:
    with_changes(repo)
    terminal.run(f"cd {repo.path} && git difftool -y --trust-exit-code -t diptych HEAD; echo DONE-$?")
    terminal.wait_for_text(r"Minutes of the extraordinary session", timeout=60)
    assert "/dev/null" in terminal.screen()  # the added file's left side
    terminal.keys("q")
    screen = terminal.wait_for(lambda s: "spring meeting" in s and "autumn meeting" in s,
                               what="notes.md, both versions", timeout=60)
    assert "notes.md" in screen
    terminal.keys("q")
    terminal.wait_for(lambda s: "Monday" in s and "Tuesday" in s, what="report.md, both versions", timeout=60)
    terminal.keys("q")
    done = terminal.wait_for_text(r"DONE-(\d+)", timeout=60)
    assert done.group(1) == "0"  # q is a normal end: --trust-exit-code went on to every file
    assert terminal.flag("alternate_on") == "0"


@pytest.mark.slow
def test_difftool_d_steps_through_the_changed_files(repo: Repo, terminal: Terminal) -> None:
    with_changes(repo)
    terminal.run(f"cd {repo.path} && git difftool -d -t diptych HEAD; echo DONE-$?")
    terminal.wait_for_text(r"3 files differ", timeout=60)
    listed = terminal.screen()
    assert "A minutes.md" in listed and "M notes.md" in listed and "M report.md" in listed
    terminal.keys("Enter")
    terminal.wait_for_text(r"Minutes of the extraordinary session", timeout=60)
    terminal.keys("q")
    listed = terminal.wait_for(lambda s: "✓ A minutes.md" in s, what="the list, minutes.md seen", timeout=60)
    assert "  M notes.md" in listed  # not yet seen
    terminal.keys("Enter")  # the next file not yet seen is selected: notes.md
    terminal.wait_for(lambda s: "spring meeting" in s and "autumn meeting" in s, what="notes.md", timeout=60)
    terminal.keys("q")
    terminal.wait_for(lambda s: "✓ M notes.md" in s, what="the list, notes.md seen", timeout=60)
    terminal.keys("q")
    done = terminal.wait_for_text(r"DONE-(\d+)", timeout=60)
    assert done.group(1) == "0"
