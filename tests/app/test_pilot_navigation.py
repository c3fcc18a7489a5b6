"""Stepping through differences: n/p and ] [, wrap-around, the moved-passage jump, scrolling."""

from __future__ import annotations

from tui.app.app import DiptychApp
from tui.engine.model import BlockKind


def _selected_blocks(app: DiptychApp) -> tuple[int, int] | None:
    return app.view.diff_layout.selection


def _visible(app: DiptychApp, row: int) -> bool:
    top = app.view.top_row()
    return top <= row < top + app.view.scrollable_content_region.height


async def test_n_steps_through_every_difference_in_order_and_wraps_with_a_notice(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current is None and app.stops
        seen = []
        for _ in range(len(app.stops)):
            await pilot.press("n")
            seen.append(app.current)
            stop = app.stops[app.current]
            top, _ = app.view.diff_layout.block_rows(stop.first)
            assert _visible(app, top), "the selected difference is scrolled into view"
            assert _selected_blocks(app) == (stop.first, stop.last)
            assert "▶" in "".join(t for t, _ in app.view.diff_layout.row(top).frags)
        assert seen == list(range(len(app.stops)))
        assert "Wrapped" not in app.message
        await pilot.press("n")
        assert app.current == 0
        assert "Wrapped around to the first difference" in app.message
        status = str(app.query_one("#status").render())
        total = sum(stop.count for stop in app.stops)  # differences, as the review counter counts
        first = app.stops[0]
        assert (f"diffs 1–{first.count}/{total}" if first.count > 1 else f"diff 1/{total}") in status


async def test_p_and_brackets_go_backwards_and_wrap_to_the_last(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "p")
        assert app.current == len(app.stops) - 1
        assert "last difference" in app.message
        await pilot.press("left_square_bracket")
        assert app.current == len(app.stops) - 2
        await pilot.press("right_square_bracket")
        assert app.current == len(app.stops) - 1


async def test_the_first_n_selects_the_kremlin_pair_with_the_changed_number_visible(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Step until the pair about the attack ("nine" -> "eight") is selected.
        for _ in range(len(app.stops)):
            await pilot.press("n")
            block = app.alignment.blocks[app.stops[app.current].first]
            if block.kind is BlockKind.CHANGED and "nine people" in block.left[0].text:
                break
        else:
            raise AssertionError("the nine/eight pair is not a difference stop")
        layout = app.view.diff_layout
        top, bottom = layout.block_rows(app.stops[app.current].first)
        roles = {(t.strip(), r) for y in range(top, bottom) for t, r in layout.row(y).frags}
        assert ("nine", "word-left-numeric") in roles
        assert ("eight", "word-right-numeric") in roles
        assert _visible(app, top)


async def test_m_jumps_to_the_right_end_of_a_moved_passage_and_back(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("m")
        assert "select one with n/p first" in app.message
        moved_stop = next(k for k, s in enumerate(app.stops) if app.alignment.blocks[s.first].moved)
        for _ in range(moved_stop + 1):
            await pilot.press("n")
        block = app.stops[app.current].first
        layout = app.view.diff_layout
        left_top, _ = layout.block_rows(block)
        stub_top, _ = layout.stub_rows(block)
        await pilot.press("m")
        assert app.at_stub
        assert _visible(app, stub_top)
        assert "right end" in str(app.query_one("#status").render())
        assert "▶" in "".join(t for t, _ in app.view.diff_layout.row(stub_top).frags)
        await pilot.press("m")
        assert not app.at_stub
        assert _visible(app, left_top)


async def test_m_on_a_difference_that_did_not_move_says_so(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n", "m")
        assert not app.at_stub
        assert "not a moved passage" in app.message


async def test_scrolling_keys_move_the_view(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.view
        await pilot.press("j", "j")
        assert view.top_row() == 2
        await pilot.press("k")
        assert view.top_row() == 1
        await pilot.press("pagedown")
        assert view.top_row() > 10
        await pilot.press("G")
        assert view.top_row() == view.max_scroll_y
        await pilot.press("g")
        assert view.top_row() == 0
        await pilot.press("space")
        assert view.top_row() > 10
        await pilot.press("pageup")
        assert view.top_row() == 0


async def test_a_click_selects_a_difference_and_on_a_stub_its_right_end(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layout = app.view.diff_layout
        moved = next(i for i, b in enumerate(app.alignment.blocks) if b.moved)
        top, _ = layout.block_rows(moved)
        await pilot.click("#diff", offset=(10, top))
        assert app.stops[app.current].first == moved and not app.at_stub
        stub_top, _ = layout.stub_rows(moved)
        await pilot.click("#diff", offset=(80, stub_top))
        assert app.stops[app.current].first == moved and app.at_stub
        first_equal = next(i for i, b in enumerate(app.alignment.blocks) if not b.is_difference)
        before = app.current
        await pilot.click("#diff", offset=(10, layout.block_rows(first_equal)[0]))
        assert app.current == before  # an equal passage is not a difference: nothing changes


async def test_m_jumps_between_the_two_ends_of_a_moved_sentence(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        blocks = app.alignment.blocks
        # Select the casualty pair ("nine" -> "eight"): its right paragraph (line 5) received the
        # rubble sentence of the left-only paragraph at line 8.
        for _ in range(len(app.stops)):
            await pilot.press("n")
            block = blocks[app.stops[app.current].first]
            if block.kind is BlockKind.CHANGED and "nine people" in block.left[0].text:
                break
        pair_stop = app.current
        pair_block = app.stops[pair_stop].first
        assert blocks[pair_block].right[0].start_line == 5

        await pilot.press("m")
        target = app.stops[app.current].first
        assert blocks[target].kind is BlockKind.LEFT_ONLY
        assert blocks[target].left[0].start_line == 8
        assert "left line 8" in app.message
        top, _ = app.view.diff_layout.block_rows(target)
        assert _visible(app, top)
        assert app.view.diff_layout.selection == (app.stops[app.current].first, app.stops[app.current].last)

        await pilot.press("m")
        assert app.current == pair_stop
        assert "right line 5" in app.message
        top, _ = app.view.diff_layout.block_rows(pair_block)
        assert _visible(app, top)


async def test_m_returns_to_where_it_came_from_when_a_run_holds_two_moved_sentences(seeds_app) -> None:
    """Issue 13, bug 2: on the seeds, diff 3 is a one-sided run holding two moved sentences;
    `m` goes to the paragraph of one of them, and `m` there must come back to diff 3 (it went on
    along that paragraph's own first link, to diff 7)."""
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.pause()
        origin = app.current
        assert origin == 2
        await pilot.press("m")
        await pilot.pause()
        assert app.current != origin
        await pilot.press("m")
        await pilot.pause()
        assert app.current == origin
        assert "m jumps back" in app.message


async def test_n_and_p_step_from_the_view_after_g_and_G(council_app) -> None:
    """Issue 13, friction 2: after G (or g), n/p go to the difference after (before) what is on
    screen, not to the neighbour of a selection scrolled out of sight."""
    app = council_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n")  # the second difference, near the top
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.current == len(app.stops) - 1  # the last difference, on screen at the end
        top, _ = app.view.diff_layout.block_rows(app.stops[app.current].first)
        assert _visible(app, top)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.current == 0  # the first difference again, not a wrap from the last
        assert "Wrapped" not in app.message
