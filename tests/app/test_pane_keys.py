"""The panes own the scrolling keys (panes.DiffView.BINDINGS), and a keymap still means what its
warning says when it moves keys between the panes and the app."""

from __future__ import annotations

import pytest

from tui.app.app import DiptychApp
from tui.app.keymap import conflicts
from tui.app.panes import KEYS, DiffView
from tui.engine.reading import make_document


def _app() -> DiptychApp:
    return DiptychApp(make_document("l", "One paragraph.\n\n" * 60), make_document("r", "Another text.\n"))


def test_the_scrolling_bindings_are_the_panes_not_the_apps() -> None:
    ids = {binding.id for _, binding in KEYS}
    assert {binding.id for binding in DiffView.BINDINGS} == ids
    assert not ids & {binding.id for binding in DiptychApp.BINDINGS}


async def test_the_focused_panes_scroll_with_their_own_keys() -> None:
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.focused is app.view
        await pilot.press("j", "j", "down")
        assert app.view.scroll_y == 3
        await pilot.press("G")
        assert app.view.scroll_y == app.view.max_scroll_y > 3
        await pilot.press("k")
        assert app.view.scroll_y == app.view.max_scroll_y - 1
        await pilot.press("home")
        assert app.view.scroll_y == 0
        await pilot.press("pagedown")
        assert app.view.scroll_y == app.view.scrollable_content_region.height - 1


@pytest.mark.parametrize(
    ("keymap", "key", "winner"),
    [
        ({"diptych.next_diff": "z", "diptych.scroll_down": "z"}, "z", "diptych.next_diff"),  # first wins
        ({"diptych.next_diff": "n", "diptych.top": "n"}, "n", "diptych.next_diff"),
        ({"diptych.top": "n"}, "n", "diptych.top"),  # a pane's binding remapped over the app's
        ({"diptych.next_diff": "j"}, "j", "diptych.next_diff"),  # the pane gives up its default
        ({"diptych.top": "w", "diptych.next_diff": "home"}, "home", "diptych.next_diff"),
        ({"diptych.top": "w", "diptych.next_diff": "home"}, "w", "diptych.top"),  # its new key
    ],
)
async def test_a_key_moved_between_the_panes_and_the_app_does_what_the_warning_says(
    keymap: dict[str, str], key: str, winner: str,
) -> None:
    found = [won for taken, won, _ in conflicts(keymap) if taken == key]
    assert found in ([winner], [])  # the warning names the same action (when there is a conflict)
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap(keymap)
        app.view.scroll_to(y=5, animate=False, immediate=True)
        await pilot.press(key)
        unselected = app.current is None
        done = {
            "diptych.next_diff": not unselected,
            "diptych.scroll_down": unselected and app.view.scroll_y == 6,
            "diptych.top": unselected and app.view.scroll_y == 0,
        }
        assert [action for action, happened in done.items() if happened] == [winner]
