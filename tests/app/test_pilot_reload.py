"""A document that changes on disk while the app shows it: noticed after two polls that agree,
offered for reload with ctrl+r, never reloaded by itself; a file that became unreadable keeps
the version read before."""

from __future__ import annotations

import os
from pathlib import Path

from tui.app.app import DiptychApp
from tui.app.files import FileWatch
from tui.engine.model import AlignOptions
from tui.engine.reading import read_document

LEFT = (
    "The council met on Monday to discuss the budget.\n\n"
    "It approved 63 million pounds for roads and bridges over five years.\n\n"
    "Residents asked about the library, which will stay open on Saturdays.\n\n"
    "The next meeting is in March.\n"
)
RIGHT = (
    "The council met on Monday to discuss the budget.\n\n"
    "It approved 70 million pounds for roads and bridges over five years.\n\n"
    "Residents asked about the library, which will stay open on Saturdays.\n\n"
    "The next meeting is in March.\n"
)


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


def shown_text(app: DiptychApp) -> str:
    layout = app.view.diff_layout
    assert layout is not None
    return "\n".join("".join(t for t, _ in layout.row(y).frags) for y in range(layout.total_rows))


def make_app(tmp_path: Path) -> tuple[DiptychApp, Path, Path]:
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    app = DiptychApp(read_document(str(left)), read_document(str(right)), AlignOptions())
    return app, left, right


async def test_a_changed_file_is_offered_for_reload_and_ctrl_r_shows_the_new_text(tmp_path: Path) -> None:
    app, _, right = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")  # the 63 -> 70 pair
        right.write_text(RIGHT.replace("The next meeting is in March.", "The next meeting is in April."),
                         encoding="utf-8")
        app.check_files()
        await pilot.pause()
        assert "changed on disk" not in hints(app), "one poll is not enough (the file may be mid-write)"
        app.check_files()
        await pilot.pause()
        assert "right.txt changed on disk — press ctrl+r to reload" in hints(app)
        assert "April" not in shown_text(app), "never reloaded without the user asking"
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "April" in app.right_doc.text
        assert "in April" in shown_text(app)
        assert "Reloaded right.txt." in hints(app)
        # The selected difference is still the one about the roads budget.
        assert app.current is not None
        block = app.alignment.blocks[app.stops[app.current].first]
        assert "63 million" in block.left[0].text and "70 million" in block.right[0].text
        await pilot.press("j")
        assert "changed on disk" not in hints(app)


async def test_a_file_that_disappeared_keeps_its_old_version(tmp_path: Path) -> None:
    app, left, _ = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        os.remove(left)
        app.check_files()
        app.check_files()
        await pilot.pause()
        assert "left.txt changed on disk" in hints(app)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "no such file" in hints(app) and "stays on screen" in hints(app)
        assert "63 million" in shown_text(app)


async def test_a_file_that_became_binary_keeps_its_old_version(tmp_path: Path) -> None:
    app, left, _ = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        left.write_bytes(b"\x00\x01binary")
        app.check_files()
        app.check_files()
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "binary" in hints(app)
        assert app.left_doc.text == LEFT


async def test_ctrl_r_with_nothing_changed_says_so(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        assert "have not changed on disk" in hints(app)


def test_the_watch_waits_for_two_agreeing_polls_and_ignores_stdin(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one\n", encoding="utf-8")
    watch = FileWatch(str(path), "-")
    assert watch.paths == (str(path),)
    assert not watch.poll()
    path.write_text("one two\n", encoding="utf-8")
    assert not watch.poll()
    path.write_text("one two three\n", encoding="utf-8")  # still being written: polls disagree
    assert not watch.poll()
    assert watch.poll() and watch.changed == [str(path)]



async def test_marks_survive_a_reload_of_a_changed_document(tmp_path: Path) -> None:
    from tui.review import ReviewStore

    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    app = DiptychApp(read_document(str(left)), read_document(str(right)), AlignOptions(),
                     store=ReviewStore.open(tmp_path / "review.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "r", "x")  # the 63 -> 70 pair: reviewed and flagged
        right.write_text(RIGHT + "\nA late paragraph about parking.\n", encoding="utf-8")
        app.check_files()
        app.check_files()
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "parking" in app.right_doc.text
        assert "Carried 1 mark from the review of left.txt → right.txt" in hints(app)
        stop = app.stops[app.current]
        state = app.review.state(stop.first)
        assert state.reviewed and state.flagged
        assert "reviewed 1/2, flagged 1" in str(app.query_one("#status").render())


async def test_the_change_notice_replaces_the_last_keys_message(tmp_path: Path) -> None:
    app, left, _ = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "r")
        assert "Reviewed" in hints(app)
        left.write_text(LEFT + "\nMore.\n", encoding="utf-8")
        app.check_files()
        app.check_files()
        await pilot.pause()
        assert "left.txt changed on disk — press ctrl+r to reload" in hints(app)
