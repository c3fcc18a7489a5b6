"""Snapshots of the timeline: issue 16's three versions and a generated history of 50, the passage
history of the paragraph whose "nine" became "eight", and the blame view; at 120×40 and 80×24,
and without colour. Each waits for the background alignment of every step, so the timeline bar
is the same on every run."""

from __future__ import annotations

import pytest
from snap_helpers import SIZES
from timeline_documents import generated_app, three_version_app

from tui.app.timeline_app import TimelineApp


def settle_then(*keys: str, nine: bool = False):
    """A run_before: wait for the steps, press `keys`, and with `nine` select the nine → eight pair
    before the last key."""

    async def run_before(pilot) -> None:
        app: TimelineApp = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        *first, last = keys or ("",)
        for key in first:
            await pilot.press(key)
        if nine:
            for _ in range(len(app.stops)):
                await pilot.press("n")
                block = app.alignment.blocks[app.stops[app.current].first]
                if block.left and block.right and "nine people" in block.left[0].text:
                    break
        if last:
            await pilot.press(last)
        await app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_timeline_of_three_versions_opens_on_the_last_two(snap_compare, size: str) -> None:
    app = three_version_app("folder versions/, in name order")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=settle_then())


@pytest.mark.parametrize("size", SIZES)
def test_timeline_stepped_back_to_nine_becoming_eight(snap_compare, size: str) -> None:
    """v1 → v2 (the first step bracketed in the bar), the nine → eight pair selected."""
    assert snap_compare(three_version_app(), terminal_size=SIZES[size],
                        run_before=settle_then("comma", "", nine=True))


@pytest.mark.parametrize("size", SIZES)
def test_passage_history_of_the_nine_to_eight_paragraph(snap_compare, size: str) -> None:
    assert snap_compare(three_version_app(), terminal_size=SIZES[size],
                        run_before=settle_then("comma", "h", nine=True))


@pytest.mark.parametrize("size", SIZES)
def test_timeline_of_a_generated_history_of_50_versions(snap_compare, size: str) -> None:
    assert snap_compare(generated_app(), terminal_size=SIZES[size], run_before=settle_then())


def test_blame_of_the_newest_version(snap_compare) -> None:
    assert snap_compare(three_version_app(), terminal_size=SIZES["narrow"], run_before=settle_then("b"))


def test_monochrome_passage_history(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: struck and underlined words, reversed numbers, all without colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(three_version_app(), terminal_size=SIZES["narrow"],
                        run_before=settle_then("comma", "h", nine=True))
