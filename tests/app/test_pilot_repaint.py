"""Keys that move the selection or the current search match repaint only the rows they change
(DiffView.set_marks): the screen after each key must be exactly what a repaint from scratch
shows, so no row keeps a stale selection marker, background or match highlight."""

from __future__ import annotations

import pytest
from app_documents import council_documents, seed_documents
from textual.strip import Strip

from tui.app.app import DiptychApp
from tui.engine.model import AlignOptions


def _cells(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


async def _screen_after(app: DiptychApp, pilot, key: str) -> list[list[tuple[str, object]]]:
    await pilot.press(key)
    await pilot.pause()
    return _cells(app.screen._compositor.render_strips())


async def _screen_from_scratch(app: DiptychApp, pilot) -> list[list[tuple[str, object]]]:
    app.view.repaint()  # drops every cached strip and repaints the whole view
    await pilot.pause()
    return _cells(app.screen._compositor.render_strips())


# Forward and back through every difference (wrapping), the moved passage's two ends (m), a
# search stepped both ways and ended: each changes the selection or the current match.
KEYS = ["n"] * 12 + ["p"] * 3 + ["m", "m", "p", "n"]
SEARCH = ["slash", *"the", "enter", "n", "n", "N", "n", "escape", "n", "p"]


@pytest.mark.parametrize("documents", [council_documents, seed_documents], ids=["council", "seeds"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["side-by-side", "stacked"])
async def test_every_key_paints_what_a_full_repaint_paints(documents, size) -> None:
    app = DiptychApp(*documents(), AlignOptions())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        selections = set()
        for key in KEYS + SEARCH:
            painted = await _screen_after(app, pilot, key)
            if key == "slash" or app.focused is not app.view:
                continue  # typing in the search bar
            selections.add(app.view.diff_layout.selection)
            assert painted == await _screen_from_scratch(app, pilot), f"stale rows after {key!r}"
        assert len(selections) > 3  # the keys did move the selection around


async def test_a_difference_selected_on_screen_is_painted_without_redrawing_the_view() -> None:
    """Stepping to a difference already on screen repaints its rows and the previous one's,
    not every row: the strips of the other rows stay cached."""
    app = DiptychApp(*council_documents(), AlignOptions())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        view = app.view
        top = view.top_row()
        cached = view._strips.keys()  # (an LRUCache is not iterable itself)
        cached_before = {row: view._strips.get(row) for row in cached}
        await pilot.press("n")
        await pilot.pause()
        assert view.top_row() == top, "the next difference of this report is on the same screen"
        old, new = (app.stops[app.current - 1], app.stops[app.current])
        changed = set()
        for stop in (old, new):
            first, last = view.diff_layout.block_rows(stop.first), view.diff_layout.block_rows(stop.last)
            changed |= set(range(first[0] - 1, last[1] + 1))
        kept = set(cached_before) - changed
        assert kept
        assert all(view._strips.get(row) is cached_before[row] for row in kept)
