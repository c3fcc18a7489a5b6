"""How the app opens the review store (tui/app/main.py run_app, i.e. `diptych [--review FILE]`):
an explicit file that cannot be used stops with one line and status 2; an unusable default store
falls back to memory with a notice; the app is asked to watch its inputs for changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.app import main
from tui.app.app import DiptychApp
from tui.engine.model import AlignOptions
from tui.engine.reading import read_document


@pytest.fixture
def started(monkeypatch, tmp_path: Path) -> list[DiptychApp]:
    """Apps that run_app would have run (their run() is replaced: no terminal in tests)."""
    apps: list[DiptychApp] = []

    def fake_run(self: DiptychApp, *args, **kwargs) -> int:
        apps.append(self)
        return 0

    monkeypatch.setattr(DiptychApp, "run", fake_run)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user keymap
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("DIPTYCH_KEYMAP", raising=False)
    return apps


def documents(versions: dict[str, Path]):
    return read_document(str(versions["v1"])), read_document(str(versions["v2"]))


def test_review_naming_a_directory_stops_with_one_line(started, versions, tmp_path, capsys) -> None:
    status = main.run_app(*documents(versions), AlignOptions(), review=str(tmp_path))
    err = capsys.readouterr().err
    assert status == 2 and not started
    assert err.startswith("diptych: ") and err.count("\n") == 1 and "directory" in err


def test_review_naming_another_database_stops_with_one_line(started, versions, tmp_path, capsys) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    status = main.run_app(*documents(versions), AlignOptions(), review=str(other))
    err = capsys.readouterr().err
    assert status == 2 and not started
    assert err.count("\n") == 1 and "not a diptych review file" in err


def test_review_file_is_used_and_inputs_are_watched(started, versions, tmp_path) -> None:
    target = tmp_path / "mine.review"
    assert main.run_app(*documents(versions), AlignOptions(), review=str(target)) == 0
    (app,) = started
    assert app.store.path == str(target) and target.exists()
    assert app._watch_files


def test_unusable_default_store_reviews_in_memory_with_a_notice(
    started, versions, tmp_path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # the state directory cannot be created
    assert main.run_app(*documents(versions), AlignOptions()) == 0
    (app,) = started
    assert app.store.path == ":memory:"
    assert app._store_notice.startswith("review marks will not be saved: ")


async def test_the_notice_is_shown_once_in_the_app(versions) -> None:
    from tui.review import ReviewStore

    app = DiptychApp(*documents(versions), AlignOptions(), store=ReviewStore.in_memory(),
                     store_notice="review marks will not be saved: disk full")
    async with app.run_test(size=(120, 40)) as pilot:
        assert "review marks will not be saved: disk full" in str(app.query_one("#hints").render())
        await pilot.press("s")  # a re-alignment makes a new session: no second notice
        await app.workers.wait_for_complete()
        await pilot.press("j")
        await pilot.pause()
        assert "will not be saved" not in str(app.query_one("#hints").render())
