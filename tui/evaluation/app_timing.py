"""The app's responsiveness, headless: `python -m tui.evaluation.app_timing LEFT RIGHT`, or
`python -m tui.evaluation.app_timing --history DIR` for the timeline of a folder's versions
(as `diptych DIR` opens it; first_frame_s and aligned_s only).

Prints one JSON object (times from process start, so that imports count, as they do for a user;
the benchmark runs it in a fresh process):

- first_frame_s: to the end of the first frame painted (with the loading indicator when the
  alignment runs in a worker);
- aligned_s: to the end of the first frame painted after the alignment was put on screen;
- next_key_ms / next_key_max_ms: median / worst time from an `n` key press (next difference)
  to the end of the last frame that key causes;
- scroll_key_ms: the same for `down` (scroll one row), the cheapest key that changes the view: a
  peer measured in the same run, i.e. what Textual's repaint of the view costs by itself.

How a key is timed. A terminal's input thread hands each key to the app with
`driver.process_message(Key)`; the harness does exactly that, notes the time, and records the
end of every frame the app paints (it wraps App._display, through which every frame goes).
Headless, Textual skips turning a frame into terminal escape sequences; the wrapper does that
work as a real driver would (CompositorUpdate.render_segments), so its cost counts too. A key's
time runs to the end of the last frame painted before the screen stays still for SETTLE_S
(follow-up frames, e.g. a scroll bar painted one refresh later, are part of what the user waits
for). Between presses the harness waits, untimed, until the app is idle.

Why not Pilot.press + Pilot.pause: each waits for whole 20 ms sleeps until one passes with under
1 ms of CPU used (press waits twice, pause once), so a key that does nothing already measures
about 65 ms and any work is rounded up to the next 20 ms: the figure said more about the pilot
than about the app.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from typing import TYPE_CHECKING

START = time.perf_counter()

if TYPE_CHECKING:
    from tui.app.app import DiptychApp

N_PRESSES = 30
SETTLE_S = 0.1  # no frame for this long: the key's work is on screen
MAX_WAIT_S = 5.0


def measure(left_path: str, right_path: str) -> dict[str, float | int]:
    from tui.app.app import DiptychApp
    from tui.engine.model import AlignOptions
    from tui.engine.reading import read_document

    left, right, options = read_document(left_path), read_document(right_path), AlignOptions()
    return measure_app(DiptychApp(left, right, options))


def measure_history(folder: str) -> dict[str, float | int]:
    """The timeline of a folder's versions, built as `diptych DIR` builds it (every version
    read and checked, then read into the History); the first frame and the pair shown."""
    from tui.app.timeline import Timeline
    from tui.app.timeline_app import TimelineApp
    from tui.engine.history import History
    from tui.engine.model import AlignOptions
    from tui.engine.versions import gather_versions

    versions = gather_versions([folder])
    history = History.read(versions, AlignOptions())
    return measure_app(TimelineApp(Timeline(history, versions, folder)), keys=False)


def measure_app(app: DiptychApp, keys: bool = True) -> dict[str, float | int]:
    from textual import events
    from textual._compositor import CompositorUpdate
    from textual.pilot import Pilot
    frames: list[float] = []  # end of each frame painted
    aligned_at: list[float] = []  # when the alignment was applied

    display = app._display

    def timed_display(screen: object, renderable: object) -> None:
        painted = renderable is not None and not app._batch_count  # _display skips these
        display(screen, renderable)  # type: ignore[arg-type]
        if painted:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # what a terminal driver would write
            frames.append(time.perf_counter())

    apply_alignment = app._apply_alignment

    def timed_apply(*args: object, **kwargs: object) -> None:
        apply_alignment(*args, **kwargs)  # type: ignore[arg-type]
        aligned_at.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    app._apply_alignment = timed_apply  # type: ignore[method-assign]
    out: dict[str, float | int] = {}

    async def settle(since: float) -> None:
        """Wait until no frame has been painted for SETTLE_S after `since` and after the last
        frame (or MAX_WAIT_S passed)."""
        deadline = time.perf_counter() + MAX_WAIT_S
        while time.perf_counter() < deadline:
            quiet = time.perf_counter() - max(frames[-1] if frames else since, since)
            if quiet >= SETTLE_S:
                return
            await asyncio.sleep(SETTLE_S - quiet + 0.005)

    async def key_to_frame(key: str) -> float:
        await settle(time.perf_counter())
        painted = len(frames)
        sent = time.perf_counter()
        assert app._driver is not None
        app._driver.process_message(events.Key(key, key if len(key) == 1 else None))
        await settle(sent)
        if len(frames) == painted:
            raise RuntimeError(f"the {key!r} key painted no frame")
        return frames[-1] - sent

    async def auto_pilot(pilot: Pilot) -> None:
        await app.workers.wait_for_complete()
        deadline = time.perf_counter() + MAX_WAIT_S
        while not frames and time.perf_counter() < deadline:  # auto_pilot starts before any frame
            await asyncio.sleep(0.005)
        await settle(time.perf_counter())
        out["first_frame_s"] = frames[0] - START
        applied = aligned_at[0] if aligned_at else START
        out["aligned_s"] = next(f for f in frames if f >= applied) - START
        if not keys:
            app.exit(0)
            return
        presses = [await key_to_frame("n") for _ in range(N_PRESSES)]
        out["next_key_ms"] = statistics.median(presses) * 1000
        out["next_key_max_ms"] = max(presses) * 1000
        scrolls = [await key_to_frame("down") for _ in range(N_PRESSES)]
        out["scroll_key_ms"] = statistics.median(scrolls) * 1000
        app.exit(0)

    app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
    return out


if __name__ == "__main__":
    if sys.argv[1] == "--history":
        print(json.dumps(measure_history(sys.argv[2])))
    else:
        print(json.dumps(measure(sys.argv[1], sys.argv[2])))
