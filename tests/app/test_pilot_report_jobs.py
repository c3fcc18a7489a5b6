"""Pilot tests of the change list (`l`) and the export (`e`) of a pair whose differences are long:
the report is built in a worker thread, the status bar says so, the app answers keys meanwhile,
a second press starts no second build, and a list built for an alignment replaced meanwhile is
dropped (tui/app/report_jobs.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import tui.review.report as report
import tui.review.report_model as report_model
from tui.app.app import DiptychApp
from tui.app.change_list import ChangeListScreen
from tui.app.report_jobs import in_background
from tui.engine.reading import make_document

# Paragraphs long enough, each changed in one word, for the differences to be built in a worker.
PARAGRAPHS = 120


def _paragraph(k: int, word: str) -> str:
    return (
        f"Paragraph {k} of the report says that the committee met on a {word} morning to discuss the "
        f"budget of the district, the state of its roads and bridges, the opening hours of library "
        f"number {k}, and the plans for the new swimming pool, which the council approved after a long "
        f"debate in which every member spoke at least once about the cost of the works."
    )


def _large_app() -> DiptychApp:
    left = "\n\n".join(_paragraph(k, "grey") for k in range(PARAGRAPHS)) + "\n"
    right = "\n\n".join(_paragraph(k, "sunny") for k in range(PARAGRAPHS)) + "\n"
    return DiptychApp(make_document("old.txt", left), make_document("new.txt", right))


def status(app: DiptychApp) -> str:
    return str(app.query_one("#status").render())


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


class Gate:
    """build_report held until the test opens the gate (as a long build on a large pair is),
    counting the builds started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.builds = 0
        build = report_model.build_report

        def held(*args, **kwargs):
            self.builds += 1
            self.open.wait(10)  # a UI thread blocked here would fail the test, not hang it
            return build(*args, **kwargs)

        monkeypatch.setattr(report_model, "build_report", held)  # the change list's
        monkeypatch.setattr(report, "build_report", held)  # the export's


async def test_l_builds_the_list_in_a_worker_and_the_app_answers_keys_meanwhile(monkeypatch) -> None:
    gate = Gate(monkeypatch)
    app = _large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.alignment is not None and in_background(app.alignment)
        await pilot.press("l")
        assert "building the change list" in status(app)
        assert not isinstance(app.screen, ChangeListScreen)
        await pilot.press("n")  # handled while the list is being built
        assert app.current == 0
        await pilot.press("l")  # no second build
        assert "Still building the change list" in hints(app)
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChangeListScreen)
        assert len(app.screen.entries) == PARAGRAPHS
        assert gate.builds == 1
        assert "building" not in status(app)


async def test_a_mark_made_while_the_list_is_built_shows_in_it(monkeypatch) -> None:
    gate = Gate(monkeypatch)
    app = _large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l", "n", "r")  # the first difference reviewed while the list is built
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeListScreen)
        first = min(screen.entries, key=lambda entry: entry.number)
        assert "✓" in str(first.prompt)


async def test_a_list_built_for_a_replaced_alignment_is_dropped(monkeypatch) -> None:
    gate = Gate(monkeypatch)
    app = _large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l", "t")  # a new threshold re-aligns while the list is built
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ChangeListScreen)
        assert "The alignment changed while the change list was being built" in hints(app)
        await pilot.press("l")  # the list of the new alignment
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChangeListScreen)


async def test_e_writes_the_report_in_a_worker_once(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    gate = Gate(monkeypatch)
    app = _large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e", "r")
        assert "writing the report" in status(app)
        await pilot.press("e")  # no chooser, no second export
        assert "Still writing the report" in hints(app)
        await pilot.press("n")
        assert app.current == 0
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        (written,) = tmp_path.glob("*.html")
        assert "Report written to" in hints(app) and written.name in hints(app)
        assert "sunny" in written.read_text(encoding="utf-8")
        assert gate.builds == 1 and "writing" not in status(app)


async def test_a_long_list_shows_its_first_rows_at_once_and_fills_in_batches() -> None:
    from textual.widgets import OptionList

    from tui.app.entry_list import BATCH

    count = 3 * BATCH + 7
    left = "\n\n".join(f"Item {k} is grey." for k in range(count)) + "\n"
    right = "\n\n".join(f"Item {k} is blue." for k in range(count)) + "\n"
    app = DiptychApp(make_document("old.txt", left), make_document("new.txt", right))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeListScreen)
        options = screen.query_one(OptionList)
        assert options.option_count >= BATCH and options.highlighted == 0
        await pilot.press("s")  # another order while it fills: listed once, in that order
        for _ in range(200):
            if screen.filled:
                break
            await pilot.pause(0.01)
        assert screen.filled and options.option_count == count
        assert [entry.number for entry in screen.entries] == list(range(1, count + 1))
        assert str(options.get_option_at_index(count - 1).prompt).startswith(f"{count} ")
        await pilot.press("end", "enter")
        assert not isinstance(app.screen, ChangeListScreen)
        stop = app.stops[app.current]
        assert stop.first <= screen.entries[-1].block <= stop.last
