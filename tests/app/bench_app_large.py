"""Benchmark of the app on the largest corpus pair (not collected by pytest; run by hand):

    .venv/bin/python tests/app/bench_app_large.py [PAIR_DIR]

Prints time to first frame, to aligned content, and key-to-frame latencies under Textual's pilot.
Latencies are also given as a ratio to a peer measured in the same run — `j` (scroll one row,
which does no work of ours) — because the machine is shared and absolute times are noisy.
Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
DEFAULT_PAIR = CORPUS / "large-git-manpages-2018-vs-2026"


async def _latency(pilot, key: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def run(pair: Path) -> None:
    start = time.perf_counter()
    from tui.app.app import DiptychApp
    from tui.engine.reading import read_document

    app = DiptychApp(read_document(str(pair / "left.txt")), read_document(str(pair / "right.txt")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        aligned = time.perf_counter() - start
        rows = app.view.diff_layout.total_rows
        print(f"pair: {pair.name}  blocks: {len(app.alignment.blocks)}  rows: {rows}")
        print(f"first frame (aligning indicator): {first:.2f} s")
        print(f"aligned content on screen:        {aligned:.2f} s")
        peer = await _latency(pilot, "j", 10)
        for key in ("n", "p", "pagedown", "m", "G"):
            value = await _latency(pilot, key, 10)
            ratio = f"{value / peer:.2f}x the j peer, {peer * 1000:.0f} ms"
            print(f"{key:>9} -> frame: {value * 1000:6.0f} ms  ({ratio})")
        # Relayouts run in a worker thread: time until the new layout is on screen, and the
        # longest the UI went without processing its timer (its responsiveness meanwhile).
        ticks: list[float] = [time.perf_counter()]
        app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
        for label, action in (
            ("f", lambda: pilot.press("f")), ("v", lambda: pilot.press("v")),
            ("resize", lambda: pilot.resize_terminal(100, 30)),
        ):
            layout = app.view.diff_layout
            await pilot.pause()
            ticks[:] = [time.perf_counter()]
            start = time.perf_counter()
            await action()
            while app.view.diff_layout is layout:
                await asyncio.sleep(0.01)
            await pilot.pause()
            done = (time.perf_counter() - start) * 1000
            gaps = [b - a for a, b in itertools.pairwise(ticks)] or [done / 1000]
            stall = max(gaps) * 1000
            print(f"{label:>9} -> new layout on screen: {done:6.0f} ms  (longest UI stall {stall:.0f} ms)")


def main(argv: list[str]) -> int:
    pair = Path(argv[0]) if argv else DEFAULT_PAIR
    if not (pair / "left.txt").is_file():
        print(f"skipped: {pair} not found")
        return 0
    asyncio.run(run(pair))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
