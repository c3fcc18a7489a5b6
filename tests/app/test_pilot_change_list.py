"""Pilot tests of the change list (`l`): on the seeds the revised death toll ("nine" -> "eight")
comes first, `s` switches to reading order, Enter selects that difference in the main view, and
the review marks show on its row."""

from __future__ import annotations

from tests.app.list_rows import list_prompts
from tui.app.change_list import ChangeListScreen
from tui.review.report_model import build_report


async def test_the_seeds_list_the_changed_death_toll_first(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeListScreen)
        prompts = list_prompts(screen)
        assert len(prompts) == len(build_report(app.alignment).items)  # every difference listed
        assert "nine → eight" in prompts[0] and "number" in prompts[0]
        # the removed casualty figures follow the changed pairs of meaning, before plain rewording
        ranks = [entry.significance for entry in screen.entries]
        assert ranks == sorted(ranks)
        await pilot.press("s")
        await pilot.pause()
        numbers = [entry.number for entry in screen.entries]
        assert numbers == sorted(numbers)
        assert "reading order" in str(screen.query_one("#change-list-title").render())


async def test_enter_selects_the_difference_in_the_main_view(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        chosen = app.screen.entries[0]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChangeListScreen)
        stop = app.stops[app.current]
        assert stop.first <= chosen.block <= stop.last
        assert app.view.diff_layout.block_rows(chosen.block)
        # The status bar names what it changes, as the list did: nine -> eight, a number.
        status = str(app.query_one("#status").render())
        assert "changed, score 0.73 [number]" in status


async def test_escape_closes_without_moving(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = app.current
        await pilot.press("l", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChangeListScreen)
        assert app.current == before
