"""`y` / `Y`: the selected difference's newer / older text to the clipboard (OSC 52)."""

from __future__ import annotations

from tui.app.app import DiptychApp


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


async def test_y_copies_the_newer_text_and_Y_the_older(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "y")
        await pilot.pause()
        block = app.alignment.blocks[app.stops[app.current].first]
        assert app.clipboard == block.right[0].text
        assert "Copied the newer text" in hints(app) and "OSC 52" in hints(app)
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == block.left[0].text


async def test_y_on_a_passage_only_in_the_older_version_says_so(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        left_only = next(k for k, stop in enumerate(app.stops) if not app.alignment.blocks[stop.first].right)
        for _ in range(left_only + 1):
            await pilot.press("n")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "" and "has no newer text" in hints(app)


async def test_y_with_nothing_selected_says_how(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert "Select a difference first" in hints(app)
