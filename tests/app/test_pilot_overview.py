"""The overview strip in the running app: shown by default, following the scrolling, the selection,
folding and a new alignment, refined in the background, toggled with o, clicked, and the wheel."""

from __future__ import annotations

import threading

import pytest
from textual import events

from tui.app import overview_strip
from tui.app.overview import SELECTED_FIRST, Mark, Scale, refine_mark
from tui.app.overview_strip import OverviewStrip


def _strip(app) -> OverviewStrip:
    return app.query_one(OverviewStrip)


def _in_view(app) -> list[int]:
    return [k for k, cell in enumerate(_strip(app).cells) if cell.in_view]


def _scale(app) -> Scale:
    return Scale(app.view.diff_layout.total_rows, _strip(app).size.height)


def _expected_view(app) -> list[int]:
    """The cells of the rows the panes show, computed from the panes."""
    top = app.view.top_row()
    rows = app.view.diff_layout.total_rows
    bottom = min(rows, top + app.view.scrollable_content_region.height)
    return list(_scale(app).cells_of(top, bottom))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_strip_is_shown_by_default_beside_the_panes_at_their_height(seeds_app, size) -> None:
    app = seeds_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        strip = _strip(app)
        assert strip.display and strip.size.width == 1
        assert strip.size.height == app.view.scrollable_content_region.height
        assert strip.region.x == app.view.region.right  # at the right edge of the panes
        assert len(strip.cells) == strip.size.height
        assert _in_view(app) == _expected_view(app) and _in_view(app)[0] == 0


async def test_the_strip_follows_the_scrolling(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first_view = _in_view(app)
        await pilot.press("G")
        await pilot.pause()
        assert _in_view(app) == _expected_view(app)
        assert _in_view(app)[-1] == len(_strip(app).cells) - 1 and 0 not in _in_view(app)
        await pilot.press("g")
        await pilot.pause()
        assert _in_view(app) == first_view
        for _ in range(5):
            await pilot.press("pagedown")
        await pilot.pause()
        assert _in_view(app) == _expected_view(app) and _in_view(app) != first_view


async def test_the_strip_follows_the_selection(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert SELECTED_FIRST not in [cell.glyph for cell in _strip(app).cells]
        seen = []
        for _ in range(len(app.stops)):
            await pilot.press("n")
            await pilot.pause()
            stop = app.stops[app.current]
            top, _ = app.view.diff_layout.block_rows(stop.first)
            pointed = [k for k, cell in enumerate(_strip(app).cells) if cell.glyph == SELECTED_FIRST]
            assert _scale(app).cell_of(top) in pointed
            # A moved passage is selected where it is drawn and where it went (its stub).
            assert len(pointed) == (2 if app.alignment.blocks[stop.first].moved else 1)
            seen.append(_scale(app).cell_of(top))
        assert seen == sorted(seen) and seen[0] < seen[-1]  # down the document, difference by difference


async def test_the_strip_maps_the_folded_rows_after_f_and_all_rows_again_after_a_second_f(
    council_app,
) -> None:
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        unfolded = _strip(app).cells
        await pilot.press("f")
        await pilot.pause()
        assert app.view.diff_layout.fold_equal
        folded = _strip(app).cells
        # Fewer rows: the view covers more of the map, and the differences sit closer together.
        assert len(_in_view(app)) > len([cell for cell in unfolded if cell.in_view])
        assert _in_view(app) == _expected_view(app)
        marked = [k for k, cell in enumerate(folded) if cell.glyph != Mark.NONE.value]
        assert marked and marked != [k for k, cell in enumerate(unfolded) if cell.glyph != Mark.NONE.value]
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert [cell.glyph for cell in _strip(app).cells] == [cell.glyph for cell in unfolded]


async def test_a_new_alignment_redraws_the_strip(seeds_app) -> None:
    """At threshold 1 only equal passages pair: the changed pairs become passages removed and
    added, and the strip says so."""
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        glyphs = {cell.glyph for cell in _strip(app).cells}
        assert Mark.SIGNIFICANT.value in glyphs  # nine people -> eight, and the other figures
        for _ in range(12):
            await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.options.threshold == 1.0
        glyphs = {cell.glyph for cell in _strip(app).cells}
        assert not glyphs & {Mark.SIGNIFICANT.value, Mark.CHANGED.value}
        assert Mark.ADDED_AND_REMOVED.value in glyphs or {Mark.ADDED.value, Mark.REMOVED.value} <= glyphs


async def test_the_strip_shows_the_kinds_first_and_the_classes_once_computed_in_the_background(
    seeds_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview_strip, "SYNC_REFINE_CHARS", 0)
    go_on = threading.Event()  # the classes are "costly": they wait until the test has looked

    def slow_refine(block, alignment):
        go_on.wait(10)
        return refine_mark(block, alignment)

    monkeypatch.setattr(overview_strip, "refine_mark", slow_refine)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        strip = _strip(app)
        assert not strip.refined
        glyphs = {cell.glyph for cell in strip.cells}
        assert Mark.CHANGED.value in glyphs and Mark.SIGNIFICANT.value not in glyphs
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert strip.refined
        assert Mark.SIGNIFICANT.value in {cell.glyph for cell in strip.cells}


async def test_o_hides_the_strip_and_gives_the_scrollbar_back_without_moving_the_text(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        layout = app.view.diff_layout
        await pilot.press("o")
        await pilot.pause()
        assert not _strip(app).display
        assert app.view.show_vertical_scrollbar and app.view.scrollbar_size_vertical == 1
        assert app.view.diff_layout is layout  # same width: no new layout
        assert "Overview strip hidden" in str(app.query_one("#hints").render())
        await pilot.press("G", "o")
        await pilot.pause()
        assert _strip(app).display and app.view.scrollbar_size_vertical == 0
        assert app.view.diff_layout is layout
        assert _in_view(app) == _expected_view(app)  # what scrolled while it was hidden


async def test_a_click_on_the_strip_scrolls_the_panes_there(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = _strip(app)
        target = strip.size.height - 3
        await pilot.click(OverviewStrip, offset=(0, target))
        await pilot.pause()
        assert target in _in_view(app)
        assert _in_view(app) == _expected_view(app)
        assert app.view.top_row() > 0


async def test_the_wheel_over_the_strip_scrolls_the_panes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = _strip(app)
        for _ in range(3):
            strip.post_message(events.MouseScrollDown(strip, 0, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        top = app.view.top_row()
        assert top > 0 and _in_view(app) == _expected_view(app)
        strip.post_message(events.MouseScrollUp(strip, 0, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert 0 <= app.view.top_row() < top


async def test_a_large_layout_s_rows_are_mapped_in_the_background_to_the_same_strip(
    council_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def cells_after(keys: list[str]) -> list:
        app = council_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert _in_view(app) == _expected_view(app)
            return _strip(app).cells

    at_once = await cells_after(["n", "n", "f"])
    monkeypatch.setattr(overview_strip, "BACKGROUND_ROWS", 0)
    assert await cells_after(["n", "n", "f"]) == at_once


async def test_a_timeline_s_strip_maps_the_pair_on_screen() -> None:
    """v1 → v2 of the three versions is "nine" → "eight" and one added paragraph: after `,` the
    strip shows exactly that (one ◆, the added passage), not the last pair's many differences."""
    from timeline_documents import three_version_app

    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        last_pair = {cell.glyph for cell in _strip(app).cells}
        assert Mark.REMOVED.value in last_pair or Mark.ADDED_AND_REMOVED.value in last_pair
        await pilot.press("comma")
        await app.workers.wait_for_complete()
        await pilot.pause()
        glyphs = [cell.glyph for cell in _strip(app).cells]
        marked = {glyph for glyph in glyphs if glyph != Mark.NONE.value}
        assert marked == {Mark.SIGNIFICANT.value, Mark.ADDED.value}
        assert _in_view(app) == _expected_view(app)
