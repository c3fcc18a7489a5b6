"""Search, help, command palette and quitting."""

from __future__ import annotations

from textual.widgets import Static

from tui.app.help import HelpScreen, plain_text
from tui.app.keys import BINDINGS_BY_SECTION, TIMELINE


async def _search(pilot, text: str) -> None:
    await pilot.press("slash")
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.press("enter")


async def test_search_finds_text_in_both_documents_and_n_N_step_through_matches(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, "swimming pool")
        # An equal paragraph mentions it (stepped to once, marked on both sides), and a new one.
        assert len(app.matches) == 2
        assert {m.side for m in app.matches} == {0, 1}
        assert len([k for marks in app._marks.values() for k in marks]) == 3
        assert app.match_index is not None
        first = app.match_index
        await pilot.press("n")
        assert app.match_index == (first + 1) % 2
        await pilot.press("N")
        assert app.match_index == first
        status = str(app.query_one("#status").render())
        assert "“swimming pool”" in status
        layout = app.view.diff_layout
        m = app.matches[app.match_index]
        row = layout.row_of_text(m.block, m.side, m.pos, m.start)
        assert app.view.top_row() <= row < app.view.top_row() + app.view.size.height
        assert any(r == "match-current" for _, r in layout.row(row).frags)
        # Esc ends the search: n steps through differences again.
        await pilot.press("escape")
        assert not app.search_query and not app.matches
        await pilot.press("n")
        assert app.current is not None


async def test_search_is_case_insensitive_and_reports_no_match(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, "COUNCIL TAX")
        assert len(app.matches) == 1
        await pilot.press("escape")
        await _search(pilot, "zebra")
        assert app.matches == []
        assert "not in either document" in app.message


async def test_after_a_search_with_no_match_the_hints_say_what_n_does(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search(pilot, "zebra")
        await pilot.press("n")  # steps to the next difference, as the hint must say
        await pilot.pause()
        assert app.current is not None
        hints = str(app.query_one("#hints", Static).render())
        assert "n/p diff" in hints and "esc end search" in hints and "match" not in hints


async def test_search_into_folded_passages_unfolds_them(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        await _search(pilot, "Opposition")
        assert not app.view.fold_equal
        assert app.match_index is not None


async def test_escape_in_the_search_box_cancels_without_searching(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "x", "escape")
        assert not app.query_one("#search").has_class("visible")
        assert not app.search_query
        assert app.focused is app.view


async def test_help_lists_every_binding_and_closes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(plain_text(app.screen.query_one(Static).content, 96).split())
        for _, binding in BINDINGS_BY_SECTION:
            assert binding.description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes the help, does not quit
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_every_action_is_in_the_command_palette(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for section, binding in BINDINGS_BY_SECTION:
            assert binding.description in titles or section == TIMELINE  # (test_pilot_timeline.py)
        assert all(binding.id for _, binding in BINDINGS_BY_SECTION)


async def test_a_command_from_the_palette_runs_its_action(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Next difference")
        await command.callback()
        await pilot.pause()
        assert app.current == 0


async def test_q_quits_with_status_0(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
    assert app.return_value == 0


async def test_ctrl_q_quits_with_status_0(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+q")
    assert app.return_value == 0


async def test_bindings_can_be_remapped_by_id(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.set_keymap({"diptych.next_diff": "x"})
        await pilot.press("x")
        assert app.current == 0


async def test_help_scrolls_with_the_same_keys_as_the_panes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        scroll = app.screen.query_one("VerticalScroll")
        await pilot.press("j", "j", "pagedown")
        assert scroll.scroll_y > 2
        await pilot.press("pageup", "k", "k")
        assert scroll.scroll_y == 0
        assert app.view.top_row() == 0  # the panes behind did not move


async def test_help_at_80x24_says_how_to_close_at_the_top_and_keeps_descriptions_beside_their_keys(
    seeds_app,
) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        rows = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        assert "Esc closes" in rows[0]
        help_box = app.screen.query_one(Static)
        text = plain_text(help_box.content, help_box.content_region.width)
    keys_part = text.split("Gutter markers")[0]
    sections = {name for name, _ in BINDINGS_BY_SECTION}
    for line in keys_part.splitlines():
        assert not line or line in sections or line.startswith("  "), f"wrapped to column 0: {line!r}"
    assert any(line.startswith(" " * 16) for line in keys_part.splitlines())  # wrapped, under itself
