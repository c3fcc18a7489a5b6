"""The timeline of many versions: opening on the last two, stepping through time, choosing any two
versions, first against last, review marks per pair, and a generated history of 50 versions."""

from __future__ import annotations

from textual.widgets import OptionList
from timeline_documents import generated_app, three_version_app

from tui.app.timeline_app import TimelineApp
from tui.app.version_picker import VersionPicker
from tui.engine.model import BlockKind


def header(app: TimelineApp) -> list[str]:
    return str(app.query_one("#header").render()).splitlines()


async def settled(app: TimelineApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def pair_paths(app: TimelineApp) -> tuple[str, str]:
    assert app.alignment is not None
    return app.alignment.left.path, app.alignment.right.path


async def test_opens_on_the_last_two_versions_with_their_place_and_the_steps() -> None:
    app = three_version_app("folder versions/, in name order")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert pair_paths(app) == ("v2.txt", "v3.txt")
        lines = header(app)
        assert lines[0].startswith(" v2 → v3 of 3 · step 2 of 2")
        assert "passages differ" in lines[0] and "folder versions/, in name order" in lines[0]
        # Both steps aligned in the background, each with its amount; the pair's step bracketed.
        assert app.timeline.steps_aligned() == 2
        amounts = [app.timeline.amount(1), app.timeline.amount(2)]
        assert lines[1].split() == ["v1", f"▁{amounts[0]}", f"[█{amounts[1]}]", "v3"]
        assert "v2.txt" in lines[2] and "v3.txt" in lines[2]


async def test_comma_and_full_stop_step_the_pair_through_time_and_say_where_it_ends() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("full_stop")
        assert "v3 is the newest version" in app.message and app.timeline.pair == (2, 3)
        await pilot.press("comma")
        assert pair_paths(app) == ("v1.txt", "v2.txt")
        assert header(app)[0].startswith(" v1 → v2 of 3 · step 1 of 2")
        assert "[" in header(app)[1].split()[1]  # the first step is the bracketed one now
        # v1 → v2 is the nine → eight change and one added paragraph.
        kinds = sorted(b.kind.value for b in app.alignment.blocks if b.is_difference)
        assert kinds == ["changed", "right_only"]
        await pilot.press("less_than_sign")
        assert "v1 is the oldest version" in app.message
        await pilot.press("greater_than_sign")
        assert pair_paths(app) == ("v2.txt", "v3.txt")


async def test_a_compares_the_first_version_with_the_last_and_again_goes_back() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("comma", "a")
        assert pair_paths(app) == ("v1.txt", "v3.txt")
        assert header(app)[0].startswith(" v1 → v3 of 3 · 2 steps at once")
        assert header(app)[1].split()[1].startswith("[")
        await pilot.press("a")
        assert pair_paths(app) == ("v1.txt", "v2.txt")
        # From a pair wider than a step, . narrows to its last step and , to its first.
        await pilot.press("a", "full_stop")
        assert app.timeline.pair == (2, 3)
        await pilot.press("a", "comma")
        assert app.timeline.pair == (1, 2)


async def test_V_chooses_any_two_versions_the_older_goes_left() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("V")
        assert isinstance(app.screen, VersionPicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3
        assert str(options.get_option_at_index(1).prompt).startswith("◧ v2")  # the pair on screen
        await pilot.press("end", "enter")  # v3
        await pilot.press("enter")  # v3 again: refused, still choosing
        assert isinstance(app.screen, VersionPicker)
        await pilot.press("home", "enter")  # v1
        await pilot.pause()
        assert not isinstance(app.screen, VersionPicker)
        assert pair_paths(app) == ("v1.txt", "v3.txt")
        await pilot.press("V", "escape")
        assert app.timeline.pair == (1, 3)


async def test_review_marks_belong_to_their_pair_of_versions() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("comma", "n", "r")
        assert app.review is not None and app.review.counts().reviewed == 1
        status = str(app.query_one("#status").render())
        assert "reviewed 1/2" in status
        await pilot.press("full_stop")
        assert app.review.counts().reviewed == 0
        await pilot.press("comma")
        assert app.review.counts().reviewed == 1


async def test_units_and_threshold_realign_every_step_of_the_history() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("s")
        await settled(app, pilot)
        assert app.timeline.history.options.unit == "sentence"
        assert app.alignment is app.timeline.history.step(2)
        assert app.timeline.steps_aligned() == 2
        await pilot.press("comma")
        assert app.alignment is app.timeline.history.step(1)
        assert app.options.unit == "sentence" and "sentences" in str(app.query_one("#status").render())


async def test_a_generated_history_of_50_versions_steps_from_the_newest_to_the_oldest() -> None:
    app = generated_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.timeline.pair == (49, 50)
        await settled(app, pilot)
        assert app.timeline.steps_aligned() == 49
        lines = header(app)
        assert lines[0].startswith(" v49 → v50 of 50 · step 49 of 49")
        assert "·" not in lines[1].replace(" v1 ", "")  # every step aligned: no dot left
        assert lines[1].rstrip().endswith("]  v50")  # the last step is the bracketed one
        for _ in range(48):
            await pilot.press("comma")
        assert pair_paths(app) == ("story/v01.txt", "story/v02.txt")
        assert header(app)[1].startswith(" v1  [")
        await pilot.press("a")
        assert pair_paths(app) == ("story/v01.txt", "story/v50.txt")
        assert any(b.kind is not BlockKind.EQUAL for b in app.alignment.blocks)


async def test_the_timeline_keys_are_in_the_palette_and_the_help() -> None:
    from tui.app.help import HelpScreen, plain_text
    from tui.app.keys import TIMELINE_BINDINGS

    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for binding in TIMELINE_BINDINGS:
            assert binding.description in titles and binding.id
        previous = TIMELINE_BINDINGS[1].description
        command = next(c for c in app.get_system_commands(app.screen) if c.title == previous)
        await command.callback()
        await pilot.pause()
        assert app.timeline.pair == (1, 2)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(plain_text(app.screen.query_one("Static").content, 96).split())
        for binding in TIMELINE_BINDINGS:
            assert binding.description in text
