"""Folding, units, threshold, view mode, resize, too-small terminals."""

from __future__ import annotations

from tui.app.layout import ItemKind


def _screen_text(app) -> str:
    layout = app.view.diff_layout
    return "\n".join("".join(t for t, _ in layout.row(y).frags) for y in range(layout.total_rows))


async def test_f_folds_runs_of_equal_passages_and_unfolds_again(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        unfolded_rows = app.view.diff_layout.total_rows
        await pilot.press("f")
        layout = app.view.diff_layout
        folds = [b for b in layout.bands if b.item.kind is ItemKind.FOLD]
        assert folds and layout.total_rows < unfolded_rows
        assert "equal passages" in _screen_text(app)
        assert "only differences" in str(app.query_one("#status").render())
        # Every difference is still there and reachable.
        for stop in app.stops:
            assert not layout.is_folded(stop.first)
        await pilot.press("f")
        assert app.view.diff_layout.total_rows == unfolded_rows
        assert "equal passages" not in _screen_text(app)


async def test_fold_keeps_the_selected_difference_in_view(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p", "f")
        top, _ = app.view.diff_layout.block_rows(app.stops[app.current].first)
        assert app.view.top_row() <= top < app.view.top_row() + app.view.size.height


async def test_s_switches_to_sentences_and_back_keeping_the_place(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(len(app.stops)):
            await pilot.press("n")
            block = app.alignment.blocks[app.stops[app.current].first]
            if block.left and "nine people" in block.left[0].text:
                break
        paragraph_units = len(app.alignment.left_units)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.alignment.options.unit == "sentence"
        assert len(app.alignment.left_units) > paragraph_units
        assert "sentences" in str(app.query_one("#status").render())
        # The place is kept: the sentence about the attack is on screen.
        top = app.view.top_row()
        visible = [
            "".join(t for t, _ in app.view.diff_layout.row(y).frags)
            for y in range(top, top + app.view.size.height)
        ]
        assert any("nine people" in row for row in visible)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        assert app.alignment.options.unit == "paragraph"
        assert len(app.alignment.left_units) == paragraph_units


async def test_t_and_shift_t_change_the_threshold_and_realign(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.options.threshold == 0.5
        await pilot.press("t")
        await app.workers.wait_for_complete()
        assert app.alignment.options.threshold == 0.55
        assert "≥0.55" in str(app.query_one("#status").render())
        for _ in range(12):
            await pilot.press("T")
        await app.workers.wait_for_complete()
        assert app.alignment.options.threshold == 0.05
        assert "minimum" in app.message
        # A looser threshold pairs at least as many passages as the default one.
        assert app.stats.changed + app.stats.equal >= 4


async def test_v_switches_between_side_by_side_and_stacked(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.view.diff_layout.stacked
        await pilot.press("v")
        assert app.view.diff_layout.stacked
        assert "stacked" in str(app.query_one("#header").render())
        await pilot.press("v")
        assert not app.view.diff_layout.stacked


async def test_narrow_terminal_stacks_and_resize_keeps_the_difference_in_view(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n", "n")
        assert not app.view.diff_layout.stacked
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        layout = app.view.diff_layout
        assert layout.stacked and layout.width < 80
        assert "stacked" in str(app.query_one("#header").render())
        top, _ = layout.block_rows(app.stops[app.current].first)
        assert app.view.top_row() <= top < app.view.top_row() + app.view.size.height
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        layout = app.view.diff_layout
        assert not layout.stacked
        top, _ = layout.block_rows(app.stops[app.current].first)
        assert app.view.top_row() <= top < app.view.top_row() + app.view.size.height


async def test_a_tiny_terminal_shows_a_message_not_a_crash(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("too-small")
        message = str(app.query_one("#too-small").render())
        assert "at least 40×10" in message and "30×8" in message
        await pilot.press("n", "f", "j")  # keys still safe
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("too-small")
        assert app.view.diff_layout is not None


async def test_header_names_both_files_with_encoding_and_decoding_notes() -> None:
    from tui.app.app import DiptychApp
    from tui.engine.reading import make_document

    note = "not valid UTF-8; decoded as cp1252"
    left = make_document("old/report.txt", "Le café est fermé.\n", "cp1252", note)
    right = make_document("new/report.txt", "Le café est ouvert.\n")
    app = DiptychApp(left, right)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        header = str(app.query_one("#header").render())
        assert "old/report.txt (cp1252)" in header and "new/report.txt" in header
        assert "(utf-8)" not in header
        assert "left: not valid UTF-8; decoded as cp1252" in header


async def test_realigning_without_a_selection_does_not_select_anything(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        assert app.current is None
        assert "diff –/" in str(app.query_one("#status").render())


async def test_a_selected_run_has_one_arrow_at_its_first_row() -> None:
    from tui.app.app import DiptychApp
    from tui.engine.reading import make_document

    shared = "A paragraph both versions share, long enough to be recognised as the same one.\n\n"
    gone = "First paragraph that only the old version has.\n\nSecond one, also removed later.\n\n"
    app = DiptychApp(make_document("l", shared + gone), make_document("r", shared))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        stop = app.stops[app.current]
        assert stop.count == 2  # two left-only passages in a row: one stop
        layout = app.view.diff_layout
        top = layout.block_rows(stop.first)[0]
        bottom = layout.block_rows(stop.last)[1]
        arrows = [y for y in range(top, bottom) if layout.row(y).frags[0][0] == "▶"]
        bars = [y for y in range(top, bottom) if layout.row(y).frags[0][0] == "┃"]
        assert arrows == [top] and len(bars) == bottom - top - 1


async def test_resize_without_a_selection_keeps_the_passage_at_the_top(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layout = app.view.diff_layout
        target = layout.bands[20]
        app.view.scroll_to(y=target.top, animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        new = app.view.diff_layout
        assert new.block_at(app.view.top_row()) == target.item.block


async def test_big_layouts_are_rebuilt_in_the_background_and_then_shown(council_app, monkeypatch) -> None:
    import tui.app.panes as panes

    monkeypatch.setattr(panes, "BACKGROUND_ROWS", 5)  # the council report counts as big here
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        before = app.view.diff_layout
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        layout = app.view.diff_layout
        assert layout is not before and layout.fold_equal
        assert layout.selection == before.selection  # the selected difference carried over
        top, _ = layout.block_rows(app.stops[app.current].first)
        assert app.view.top_row() <= top < app.view.top_row() + app.view.size.height
        await pilot.resize_terminal(90, 30)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.view.diff_layout.stacked and app.view.diff_layout.fold_equal
