"""`diptych --git-history PATH` opens the timeline: the file's versions from git, each with its
commit, author and date in the header; in-process (the command line's path up to the app, then
the app under Pilot) and in a real terminal (tmux)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.terminal import Terminal, require_tmux
from tui import cli
from tui.app import main as app_main
from tui.app.timeline import Timeline
from tui.app.timeline_app import TimelineApp

from .repo import Repo, diptych_command
from .test_history import story

ADA, BO = "Ada Writer <ada@example.org>", "Bo Editor <bo@example.org>"


def three_commits(repo: Repo) -> list[str]:
    return [
        repo.commit("First draft", {"story.md": story(1)}, author=ADA),
        repo.commit("Second update", {"story.md": story(2)}, author=BO),
        repo.commit("Third update", {"story.md": story(3)}, author=ADA),
    ]


def opened_timeline(repo: Repo, monkeypatch: pytest.MonkeyPatch, *args: str) -> Timeline:
    """What `diptych --git-history …` hands to the app (run_app is stood in for)."""
    opened: list[Timeline] = []

    def run_app(left, right, options, review=None, timeline=None) -> int:
        assert timeline is not None and (left, right) == (
            timeline.history.document(timeline.left), timeline.history.document(timeline.right))
        opened.append(timeline)
        return 0

    monkeypatch.chdir(repo.path)
    monkeypatch.setattr(app_main, "run_app", run_app)
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None)
    assert cli.main(["--git-history", *args]) == 0
    return opened[0]


async def test_git_history_opens_the_timeline_with_each_commit_in_the_header(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = three_commits(repo)
    timeline = opened_timeline(repo, monkeypatch, "story.md")
    assert timeline.count == 3 and timeline.pair == (2, 3)
    assert [dict(timeline.version(v).details)["commit"] for v in (1, 2, 3)] == ids
    app = TimelineApp(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = str(app.query_one("#header").render()).splitlines()
        assert lines[0].startswith(" v2 → v3 of 3") and "git history of story.md" in lines[0]
        assert f"{ids[1][:7]}:story.md" in lines[2] and f"{ids[2][:7]}:story.md" in lines[2]
        assert "Bo Editor · 2024-03-01 10:00 · Second update" in lines[3]
        assert "Ada Writer · 2024-03-01 10:00 · Third update" in lines[3]
        await pilot.press("comma")
        lines = str(app.query_one("#header").render()).splitlines()
        assert lines[0].startswith(" v1 → v2 of 3")
        assert "First draft" in lines[3] and "Second update" in lines[3]


def test_max_versions_takes_the_newest(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = three_commits(repo)
    repo.commit("Fourth update", {"story.md": story(4)}, author=BO)
    timeline = opened_timeline(repo, monkeypatch, "story.md", "--max-versions", "3")
    assert timeline.count == 3
    assert dict(timeline.version(1).details)["commit"] == ids[1]


@pytest.fixture
def terminal(repo: Repo, tmp_path: Path):
    require_tmux()
    home = tmp_path / "term"
    home.mkdir()
    term = Terminal(home, width=120, height=30, env={"GIT_CONFIG_GLOBAL": "/dev/null",
                                                    "GIT_CONFIG_NOSYSTEM": "1"})
    yield term
    term.close()


@pytest.mark.slow
def test_git_history_opens_the_timeline_in_a_real_terminal(repo: Repo, terminal: Terminal) -> None:
    three_commits(repo)
    terminal.run(f"cd {repo.path} && {diptych_command()} --git-history story.md; echo DONE-$?")
    terminal.wait_for_text(r"v2 → v3 of 3", timeout=60)
    assert "Third update" in terminal.screen()
    terminal.type(",")
    terminal.wait_for_text(r"v1 → v2 of 3")
    assert "First draft" in terminal.screen()
    terminal.keys("q")
    terminal.wait_for_text(r"DONE-0")
