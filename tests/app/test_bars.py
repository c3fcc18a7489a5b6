"""The bars as widgets: each renders its own state at its own width; the status line's parts come
from the app's state (bars.status_state)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui.app.bars import HintBar, Hints, StatusBar, TextBar, status_state
from tui.app.search import Match
from tui.app.statusbar import StatusState
from tui.app.view_state import ViewState
from tui.engine.compare import compare_documents, compute_stats
from tui.engine.model import AlignOptions, Stats
from tui.engine.reading import make_document


class _Bars(App[None]):
    def compose(self) -> ComposeResult:
        yield TextBar(id="header")
        yield StatusBar(id="status")
        yield HintBar(id="hints")


def _alignment():
    left = "Alpha one two three.\n\nBravo said the old words here.\n"
    right = "Alpha one two three.\n\nBravo said the new words here.\n\nCharlie is new.\n"
    return compare_documents(make_document("l", left), make_document("r", right))


async def test_the_bars_fit_their_state_to_their_own_width() -> None:
    app = _Bars()
    async with app.run_test(size=(40, 6)) as pilot:
        status, hints = app.query_one(StatusBar), app.query_one(HintBar)
        assert str(status.render()) == ""  # nothing to say before the first state
        status.status = StatusState("diff 1/2 changed", Stats(), "paragraph", 0.5)
        hints.hints = Hints()
        await pilot.pause()
        assert str(status.render()).startswith(" diff 1/2 changed")
        assert len(str(status.render())) <= 40 and len(str(hints.render())) <= 40
        assert str(hints.render()).startswith(" n/p diff") and not hints.has_class("message")
        hints.hints = Hints(message="Reviewed.")
        await pilot.pause()
        assert str(hints.render()) == " Reviewed." and hints.has_class("message")
        hints.hints = Hints(searching=True, matched=True)
        await pilot.pause()
        assert str(hints.render()).startswith(" n/N match") and not hints.has_class("message")


async def test_a_text_bar_shows_only_new_text() -> None:
    app = _Bars()
    async with app.run_test(size=(40, 6)) as pilot:
        header = app.query_one(TextBar)
        header.show(Text("one line"))
        await pilot.pause()
        assert str(header.render()) == "one line"
        header.show(Text("one line\nand its notes"))
        await pilot.pause()
        assert header.size.height == 2  # a second line: the screen was laid out again


def test_the_status_state_says_where_the_reader_is_and_what_is_searched() -> None:
    alignment = _alignment()
    options, stats = AlignOptions(), compute_stats(alignment)
    before = status_state(None, ViewState(), stats, options, None, None)
    assert (before.position, before.stats, before.search) == ("no alignment yet", None, None)
    state = ViewState().aligned(alignment.blocks).select(0).toggle_stub()
    status = status_state(alignment, state, stats, options, "aligning…", None)
    assert status.position.startswith("diff 1/2") and status.position.endswith("(right end)")
    assert (status.busy, status.stats, status.review) == ("aligning…", stats, None)
    searched = state.searched("words", [Match(1, 0, 0, 20, 25), Match(1, 1, 0, 20, 25)])
    assert status_state(alignment, searched, stats, options, None, None).search == "“words” 2"
    assert status_state(alignment, searched.at_match(1), stats, options, None, None).search == "“words” 2/2"
    nothing = state.searched("absent", [])
    assert status_state(alignment, nothing, stats, options, None, None).search == "“absent” no match"
    assert status_state(alignment, state.toggle_fold(), stats, options, None, None).folded
