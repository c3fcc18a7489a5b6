"""Pilot tests of the filter (F, z): filtered to numbers, n stops at the seeds' revised death toll
("nine" -> "eight") and at no difference without a number; z steps over a change of punctuation
only; the status bar names the filter and counts; the change list lists only what it keeps and
says how to clear it when nothing matches; the fold hides what the filter leaves out."""

from __future__ import annotations

import threading

from app_documents import punctuation_documents
from timeline_documents import three_version_app

from tests.app.list_rows import list_prompts
from tui.app import filter_actions
from tui.app.app import DiptychApp
from tui.app.change_list import ChangeListScreen
from tui.app.diff_facts import difference_facts
from tui.app.filter_chooser import FilterChooser


def _status(app: DiptychApp) -> str:
    return app.query_one("#status").render().plain


def _hints(app: DiptychApp) -> str:
    return app.query_one("#hints").render().plain


def _nine_to_eight(app: DiptychApp) -> int:
    return next(
        k for k, block in enumerate(app.alignment.blocks)
        if block.left and block.right and "nine people" in block.left[0].text
    )


async def test_filtered_to_numbers_n_stops_only_at_differences_with_a_number(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FilterChooser)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, FilterChooser)
        facts = difference_facts(app.alignment)
        with_number = {k for k, fact in facts.items() if "number" in fact.classes}
        visited = []
        for _ in range(len(app.stops)):
            await pilot.press("n")
            await pilot.pause()
            stop = app.stops[app.current]
            visited.extend(range(stop.first, stop.last + 1))
        assert set(visited) == with_number  # every one, and nothing else
        # The first changed pair with a number is the revised death toll; the pairs before it
        # (dates, names, quotes) were skipped.
        blocks = app.alignment.blocks
        pairs = [k for k, block in enumerate(blocks) if block.left and block.right and block.is_difference]
        assert min(set(pairs) & with_number) == _nine_to_eight(app)
        assert pairs[0] < _nine_to_eight(app) and pairs[0] not in visited


async def test_the_first_n_under_a_number_filter_selects_nine_becoming_eight(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F", "n", "escape", "n")
        await pilot.pause()
        assert app.stops[app.current].first == _nine_to_eight(app)
        assert "nine" in app.alignment.blocks[app.stops[app.current].first].left[0].text


async def test_the_status_bar_names_the_filter_and_counts_honestly(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        total = len(difference_facts(app.alignment))
        kept = sum(1 for fact in difference_facts(app.alignment).values() if "number" in fact.classes)
        await pilot.press("F", "n", "escape")
        await pilot.pause()
        assert f"{kept} of {total} differences" in _hints(app)
        await pilot.press("n")
        await pilot.pause()
        assert _status(app).startswith(f" diff 1/{kept} changed")
        assert f"filter: number (of {total})" in _status(app)
        # Clearing it: every difference again, and no filter named.
        await pilot.press("F", "c", "escape")
        await pilot.pause()
        assert "filter" not in _status(app)
        assert f"/{total}" in _status(app)


async def test_a_filter_nothing_matches_says_so(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # No difference of the seeds is punctuation only: with those hidden, nothing is left.
        await pilot.press("F", "p", "z", "escape")
        await pilot.pause()
        assert "No difference matches the filter" in _hints(app) and "F then c" in _hints(app)
        assert "no difference matches · filter: punctuation, no typography" in _status(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.current is None
        assert "No difference matches the filter" in _hints(app)  # not "the documents have none"


async def test_a_selection_the_filter_leaves_out_moves_to_the_nearest_kept_one(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # the first difference: a removed headline, no number
        await pilot.pause()
        assert app.stops[app.current].first < _nine_to_eight(app)
        await pilot.press("F", "n", "escape")
        await pilot.pause()
        assert app.stops[app.current].first == _nine_to_eight(app)


async def test_z_steps_over_a_change_of_punctuation_only() -> None:
    app = DiptychApp(*punctuation_documents())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        punctuation, number = sorted(difference_facts(app.alignment))
        await pilot.press("n")
        await pilot.pause()
        assert app.stops[app.current].first == punctuation
        await pilot.press("z")
        await pilot.pause()
        assert app.stops[app.current].first == number  # the selection left the hidden change
        await pilot.press("n")
        await pilot.pause()
        assert app.stops[app.current].first == number  # the only stop: n wraps onto it
        assert "filter: no typography (of 2)" in _status(app)
        await pilot.press("z")
        await pilot.pause()
        assert [stop.first for stop in app.stops] == [punctuation, number]


async def test_the_fold_hides_what_the_filter_leaves_out_and_f_shows_it_again() -> None:
    app = DiptychApp(*punctuation_documents())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        punctuation, _ = sorted(difference_facts(app.alignment))
        await pilot.press("f", "z")
        await pilot.pause()
        assert app.view.diff_layout.is_folded(punctuation)
        await pilot.press("z")  # shown again as soon as the filter lets it through
        await pilot.pause()
        assert not app.view.diff_layout.is_folded(punctuation)
        await pilot.press("z", "f")  # the fold off: everything shows, filter or not
        await pilot.pause()
        assert not app.view.diff_layout.is_folded(punctuation)
        assert app.view.diff_layout.block_rows(punctuation)



async def test_the_change_list_follows_the_filter_and_changes_it(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        facts = difference_facts(app.alignment)
        total = len(facts)
        kept = sum(1 for fact in facts.values() if "number" in fact.classes)
        await pilot.press("F", "n", "escape", "l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeListScreen)
        assert len(screen.entries) == kept
        assert all("number" in prompt for prompt in list_prompts(screen))
        title = str(screen.query_one("#change-list-title").render())
        assert f"{kept} of {total} differences (filter: number)" in title
        # F from the list: money instead of numbers; the list and the main view follow.
        await pilot.press("F", "n", "m", "escape")
        await pilot.pause()
        money = sum(1 for fact in facts.values() if "money" in fact.classes)
        assert app.screen is screen and len(screen.entries) == money
        assert f"(of {total})" in _status(app) and "filter: money" in _status(app)
        # Nothing matching: a line says so and how to clear it.
        await pilot.press("F", "m", "p", "escape")
        await pilot.pause()
        assert screen.entries == []
        title = str(screen.query_one("#change-list-title").render())
        assert "Nothing matches the filter: F then c clears it" in title
        await pilot.press("enter")  # nothing to choose: the list stays
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("z")  # z from the list: its hint, the same shared state
        await pilot.pause()
        assert app.diff_filter.hide_form_only


async def test_u_steps_only_through_unreviewed_differences_the_filter_keeps(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F", "n", "escape")
        await pilot.pause()
        keep = app.view_state.keep
        await pilot.press("u")
        await pilot.pause()
        assert app.stops[app.current].first == _nine_to_eight(app)
        await pilot.press("r", "u")  # reviewed: u goes on to the next kept one, not a headline
        await pilot.pause()
        stop = app.stops[app.current]
        assert stop.first != _nine_to_eight(app) and stop.first in keep
        await pilot.press("U")
        await pilot.pause()
        assert app.stops[app.current].first in keep


async def test_the_filter_stays_on_when_a_timeline_steps_to_another_pair() -> None:
    app = three_version_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("F", "n", "escape", "comma")  # v1 → v2: "nine" → "eight" and an added paragraph
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.alignment.left.path.endswith("v1.txt")
        kept = app.view_state.keep
        assert kept is not None and kept == {
            k for k, fact in difference_facts(app.alignment).items() if "number" in fact.classes
        }
        assert [stop.first for stop in app.stops] == sorted(kept)
        assert "filter: number (of 2)" in _status(app)


async def test_on_a_large_pair_the_facts_are_found_in_the_background(seeds_app, monkeypatch) -> None:
    """As on a pair of megabytes: z says the classes are being found, and applies once they
    are; F opens the chooser once they are."""
    monkeypatch.setattr(filter_actions, "SYNC_FACTS_CHARS", 0)
    release = threading.Event()

    def slow_facts(alignment):
        release.wait(10)
        return difference_facts(alignment)

    monkeypatch.setattr(filter_actions, "difference_facts", slow_facts)
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert "filter: no typography (finding the classes…)" in _status(app)
        assert "Finding the change classes" in _hints(app)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.view_state.keep is not None and "filter: no typography (of 92)" in _status(app)
        await pilot.press("z")  # the facts are known now: at once
        await pilot.pause()
        assert app.view_state.keep is None
        app._filter_facts = None  # as after a new alignment
        await pilot.press("F")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FilterChooser)


async def test_filtered_to_added_passages_n_visits_only_those(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F", "A", "escape")
        await pilot.pause()
        added = {k for k, block in enumerate(app.alignment.blocks) if block.kind.value == "right_only"}
        assert {b for stop in app.stops for b in range(stop.first, stop.last + 1)} == added
        await pilot.press("n")
        await pilot.pause()
        assert "right only [date] · filter: added" in _status(app)  # the first added passage names a day


async def test_the_filter_applies_to_a_new_alignment(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F", "n", "escape")
        await pilot.pause()
        before = app.alignment
        await pilot.press("t")  # a higher threshold: aligned again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.alignment is not before
        with_number = {k for k, fact in difference_facts(app.alignment).items() if "number" in fact.classes}
        assert app.view_state.keep == with_number
        assert {b for stop in app.stops for b in range(stop.first, stop.last + 1)} == with_number
        assert app._filter_facts is not None and app._filter_facts[0] is app.alignment
