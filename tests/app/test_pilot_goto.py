"""`:` goes to a difference by its number, or to a line of either document."""

from __future__ import annotations

from tui.app.app import DiptychApp
from tui.app.navigation import GoTo, block_of_line, parse_goto


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


def test_parse_goto_reads_a_difference_number_or_a_side_and_line() -> None:
    assert parse_goto("7") == GoTo(7)
    assert parse_goto(" l12 ") == GoTo(12, "left")
    assert parse_goto("R 5") == GoTo(5, "right")
    for bad in ("", "x", "l", "12a", "-3", "l1 2"):
        assert parse_goto(bad) is None, bad


async def test_colon_and_a_number_selects_that_difference(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *"3", "enter")
        await pilot.pause()
        assert app.current == 2
        assert "diff 3/" in str(app.query_one("#status").render())
        await pilot.press("colon", *"99", "enter")
        await pilot.pause()
        assert app.current == 2 and "no difference 99" in hints(app)


async def test_colon_and_a_line_shows_the_passage_on_that_line(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        blocks = app.alignment.blocks
        last_right = max(p.end_line for b in blocks for p in b.right)
        await pilot.press("colon", *f"r{last_right}", "enter")
        await pilot.pause()
        block = block_of_line(blocks, "right", last_right)
        assert block is not None and any(p.end_line == last_right for p in blocks[block].right)
        top, _ = app.view.diff_layout.block_rows(block)
        assert app.view.top_row() <= top < app.view.top_row() + app.view.size.height
        assert f"Right line {last_right}" in hints(app)
        await pilot.press("colon", *"l9999", "enter")
        await pilot.pause()
        assert "The left document has no line 9999." in hints(app)


async def test_esc_closes_the_goto_bar_without_moving(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", "3", "escape")
        await pilot.pause()
        assert app.current is None and not app.query_one("#goto").has_class("visible")
