"""The app's responsiveness, headless: `python -m tui.evaluation.app_timing LEFT RIGHT`.

Prints one JSON object: seconds from process start to the first frame (the screen is up, with
the loading indicator when the alignment runs in a worker), to the alignment on screen, and the
median time from an `n` key press (next difference) to the frame that shows it. Run in a fresh
process by the benchmark so that imports count, as they do for a user.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

START = time.perf_counter()

N_PRESSES = 15


def measure(left_path: str, right_path: str) -> dict[str, float | int]:
    from textual.pilot import Pilot

    from tui.app.app import DiptychApp
    from tui.engine.model import AlignOptions
    from tui.engine.reading import read_document

    app = DiptychApp(read_document(left_path), read_document(right_path), AlignOptions())
    out: dict[str, float | int] = {}

    async def auto_pilot(pilot: Pilot) -> None:
        out["first_frame_s"] = time.perf_counter() - START
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["aligned_s"] = time.perf_counter() - START
        presses: list[float] = []
        for _ in range(N_PRESSES):
            t = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()  # the frame after the key has been handled
            presses.append(time.perf_counter() - t)
        out["next_key_ms"] = statistics.median(presses) * 1000
        out["next_key_max_ms"] = max(presses) * 1000
        # What a pause costs by itself (no key): the harness's share of the figure above.
        idle: list[float] = []
        for _ in range(5):
            t = time.perf_counter()
            await pilot.pause()
            idle.append(time.perf_counter() - t)
        out["idle_pause_ms"] = statistics.median(idle) * 1000
        app.exit(0)

    app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
    return out


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], sys.argv[2])))
