"""Documents that are empty, identical or one-sided open and respond to every key."""

from __future__ import annotations

import pytest

from tui.app.app import DiptychApp
from tui.engine.reading import make_document

EVERY_KEY = ["n", "p", "m", "f", "s", "t", "T", "v", "slash", "x", "enter", "n", "N", "escape", "j", "G", "g"]


@pytest.mark.parametrize(
    ("left", "right", "says"),
    [
        ("", "", "Neither document has any text"),
        ("", "Only the right has text.\n", None),
        ("Same text.\n", "Same text.\n", "no differences"),
    ],
)
async def test_degenerate_inputs_never_crash(left: str, right: str, says: str | None) -> None:
    app = DiptychApp(make_document("l.txt", left), make_document("r.txt", right))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if says:
            shown = app.message + str(app.query_one("#status").render())
            assert says in shown
        for key in EVERY_KEY:
            await pilot.press(key)
        await app.workers.wait_for_complete()
        assert app.is_running


async def test_no_control_character_reaches_the_screen_from_hostile_documents() -> None:
    from app_documents import hostile_documents

    app = DiptychApp(*hostile_documents())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        texts = []
        for y in range(app.view.size.height):
            texts += [segment.text for segment in app.view.render_line(y)]
        for widget_id in ("#header", "#status", "#hints"):
            texts.append(str(app.query_one(widget_id).render()))
        screen = "".join(texts)
        assert "Terminal title attack ␛]0;title␇" in screen
        assert "[bold]not bold[/], a quote marked [sic], and [link=x]" in screen
        assert "hostile-[bold]left.txt" in screen
        assert not [c for c in screen if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c == "\u202e"]
