"""Passage history (h) and blame (b) in a timeline: on issue 16's three versions, the paragraph
whose "nine" became "eight", the paragraph added in v2, passages removed in v3; and on a
generated history of 50 versions."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from timeline_documents import generated_app, three_version_app

from tui.app.blame import BlameScreen
from tui.app.passage_history import PassageHistoryScreen
from tui.app.timeline_app import TimelineApp


async def settled(app: TimelineApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def select(app: TimelineApp, pilot, wanted) -> None:
    """Press n until the selected difference's first block satisfies `wanted`."""
    for _ in range(len(app.stops)):
        await pilot.press("n")
        if wanted(app.alignment.blocks[app.stops[app.current].first]):
            return
    raise AssertionError("no such difference")


def prompts(app: TimelineApp) -> list[Text]:
    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(k).prompt for k in range(options.option_count)]


def title(app: TimelineApp) -> str:
    return str(app.screen.query_one(Static).render())


def styles_of(prompt: Text, word: str) -> set[str]:
    start = prompt.plain.index(word)
    return {str(span.style) for span in prompt.spans if span.start <= start < span.end}


def is_nine(block) -> bool:
    return bool(block.left and block.right) and "nine people" in block.left[0].text


async def test_h_on_the_nine_to_eight_paragraph_shows_each_change_with_the_numbers_marked() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("comma")
        await select(app, pilot, is_nine)
        await pilot.press("h")
        await settled(app, pilot)
        assert isinstance(app.screen, PassageHistoryScreen)
        assert "of v2" in title(app) and "in v1 already" in title(app)
        assert "changed in v2, v3" in title(app) and "still in the newest version" in title(app)
        entries = prompts(app)
        assert [p.plain.split(" — ")[0].split()[0] for p in entries] == ["v1", "v2", "v3"]
        first, second = entries[0].plain, entries[1].plain
        assert "in the first version already" in first and "at least nine people" in first
        assert "changed — a number changed" in second
        assert "− " in second and "+ " in second
        # The old number struck and reversed, the new one underlined and reversed.
        assert {"reverse", "strike"} <= set(" ".join(styles_of(entries[1], "nine")).split())
        after = entries[1].plain.index("+ ")
        eight = entries[1].plain.index("eight", after)
        eight_styles = " ".join(str(s.style) for s in entries[1].spans if s.start <= eight < s.end)
        assert "reverse" in eight_styles and "underline" in eight_styles
        # The entry of the pair on screen is the one highlighted; Enter on v3 compares v2 → v3.
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("down", "enter")
        await settled(app, pilot)
        assert not isinstance(app.screen, PassageHistoryScreen)
        assert app.timeline.pair == (2, 3)
        assert str(app.query_one("#header").render()).startswith(" v2 → v3 of 3")


async def test_a_paragraph_added_in_v2_first_appeared_there_and_one_removed_in_v3_says_so() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("comma")
        await select(app, pilot, lambda block: not block.left)
        await pilot.press("h")
        await settled(app, pilot)
        assert "first appeared in v2" in title(app)
        assert prompts(app)[0].plain.startswith("v2 v2.txt — first appeared")
        await pilot.press("enter")  # its arrival: v1 → v2
        await settled(app, pilot)
        assert app.timeline.pair == (1, 2)
        await pilot.press("full_stop")
        await select(app, pilot, lambda block: not block.right)
        await pilot.press("h")
        await settled(app, pilot)
        assert "removed in v3" in title(app)
        last = prompts(app)[-1]
        assert last.plain.startswith("v3 v3.txt — removed")
        assert "strike" in " ".join(str(s.style) for s in last.spans)
        await pilot.press("escape")
        assert not isinstance(app.screen, PassageHistoryScreen)


async def test_b_blames_each_passage_of_the_newest_version_and_jumps_to_its_last_change() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("b")
        await settled(app, pilot)
        assert isinstance(app.screen, BlameScreen)
        entries = prompts(app)
        assert len(entries) == len(app.timeline.history.units(3))
        blames = app.timeline.history.blame()
        for entry, blame in zip(entries, blames, strict=True):
            assert f"since v{blame.introduced}" in entry.plain
        zelensky = next(k for k, p in enumerate(entries) if "In a visit to South Africa" in p.plain)
        assert "since v2 · never changed" in entries[zelensky].plain
        eight = next(k for k, p in enumerate(entries) if "eight people" in p.plain)
        assert "since v1 · last changed v3" in entries[eight].plain
        # Words newer than the passage are underlined: "eight" came in v2.
        start = entries[eight].plain.index("eight")
        assert any("underline" in str(s.style) for s in entries[eight].spans if s.start <= start < s.end)
        for _ in range(zelensky):
            await pilot.press("down")
        await pilot.press("enter")
        await settled(app, pilot)
        assert app.timeline.pair == (1, 2)  # where it was added
        await pilot.press("b")
        await settled(app, pilot)
        for _ in range(eight):
            await pilot.press("j")
        await pilot.press("h")  # its passage history, from the blame view
        await settled(app, pilot)
        assert isinstance(app.screen, PassageHistoryScreen)
        assert "of v3" in title(app) and "changed in v2, v3" in title(app)


async def test_passage_history_and_blame_on_a_generated_history_of_50_versions() -> None:
    app = generated_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("n", "h")
        await settled(app, pilot)
        assert isinstance(app.screen, PassageHistoryScreen)
        versions = [int(p.plain.split()[0].removeprefix("v")) for p in prompts(app)]
        assert versions == sorted(versions) and versions[-1] <= 50
        await pilot.press("escape", "b")
        await settled(app, pilot)
        assert isinstance(app.screen, BlameScreen)
        assert len(prompts(app)) == len(app.timeline.history.units(50))
        await pilot.press("end", "enter")
        await settled(app, pilot)
        blame = app.timeline.history.blame()[-1]
        assert app.timeline.pair == ((blame.changed - 1, blame.changed) if blame.changed > 1 else (1, 50))
