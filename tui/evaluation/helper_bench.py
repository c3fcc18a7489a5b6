"""Is the second process worth it? `python -m tui.evaluation.helper_bench [--busy] [--rounds N]`.

Times `diptych --json` on the seeds and on the corpus pairs over 250 KB in three ways, alternated
within each round (the order rotated) so that all three share the same minutes of a shared machine:
  helper  the helper process forced on (tui.engine.helper_process), the JSON child by its rule;
  alone   no helper, the JSON child by its rule (tui.engine.alignment_json: the word diffs of the
          second half of the blocks);
  single  nothing forked: one process;
and, on the pairs the app aligns in a worker, the app's first alignment on screen (aligned_s of
tui.evaluation.app_timing) with and without the helper run_app forks. `--busy` keeps one core
busy (a spinning child, ended at the end) to see what the helper costs when no core is spare.
Prints, per pair, the medians, the median and range of the per-round ratios, and the 1-minute
load average (os.getloadavg) before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tui.evaluation.bench import CORPUS, PY, REPO, measure

MODES = ("helper", "alone", "single")
MIN_PAIR_BYTES = 250_000
APP_WORKER_BYTES = 400_000  # tui.app.runner.SYNC_ALIGN_LIMIT, in characters: these bytes are ASCII


def _child(mode: str, left: str, right: str) -> int:
    """One `diptych --json` run, or (`app-…`) the app's first alignment, in the given mode."""
    from tui.engine import alignment_json, helper_process

    app = mode.startswith("app-")
    mode = mode.removeprefix("app-")
    helper_process.MIN_PARALLEL_CHARS = 0 if mode == "helper" else sys.maxsize
    if mode == "single":
        alignment_json.PARALLEL_MIN_BLOCKS = sys.maxsize
    if not app:
        from tui.cli import main

        return main(["--json", left, right])
    from tui.evaluation.app_timing import measure as measure_app

    print(json.dumps(measure_app(left, right, keys=False)))
    return 0


def _pairs() -> list[tuple[str, Path, Path]]:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    out = [("seeds", seeds[0], seeds[1])]
    for d in sorted(CORPUS.iterdir()):
        left, right = d / "left.txt", d / "right.txt"
        if left.is_file() and left.stat().st_size + right.stat().st_size >= MIN_PAIR_BYTES:
            out.append((d.name, left, right))
    return sorted(out, key=lambda p: p[1].stat().st_size + p[2].stat().st_size)


def _seconds(kind: str, mode: str, left: Path, right: Path) -> float:
    cmd = [PY, "-m", "tui.evaluation.helper_bench", "--child", mode, str(left), str(right)]
    if kind == "json":
        run = measure(cmd, 600)
        return run.seconds if run else float("nan")
    cmd[4] = f"app-{mode}"
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    try:
        return float(json.loads(result.stdout.strip().splitlines()[-1])["aligned_s"])
    except (json.JSONDecodeError, IndexError, KeyError):
        return float("nan")


def _ratios(times: dict[str, list[float]], top: str, bottom: str) -> str:
    ratios = [a / b for a, b in zip(times[top], times[bottom], strict=True)]
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.evaluation.helper_bench", description=__doc__)
    parser.add_argument("--busy", action="store_true", help="one core kept busy by a spinning child")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="only pairs whose name contains this")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "LEFT", "RIGHT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(*args.child)
    spinner = subprocess.Popen([PY, "-c", "while 1: pass"]) if args.busy else None
    try:
        print(f"{'one core busy' if args.busy else 'no core kept busy'}; {os.cpu_count()} cores; medians "
              f"of {args.rounds} rounds; ratios: median (min-max) of the per-round ratios")
        for name, left, right in _pairs():
            if args.only and args.only not in name:
                continue
            kinds = [("json", MODES)]
            if left.stat().st_size + right.stat().st_size > APP_WORKER_BYTES:
                kinds.append(("app", ("helper", "alone")))
            for kind, modes in kinds:
                times: dict[str, list[float]] = {m: [] for m in modes}
                load_before = os.getloadavg()[0]
                for r in range(args.rounds):
                    for mode in modes[r % len(modes):] + modes[: r % len(modes)]:
                        times[mode].append(_seconds(kind, mode, left, right))
                medians = " ".join(f"{m} {statistics.median(times[m]):.2f}s" for m in modes)
                line = f"{name:38} {kind:4} {medians} | helper/alone {_ratios(times, 'helper', 'alone')}"
                if "single" in times:
                    line += f" | alone/single {_ratios(times, 'alone', 'single')}"
                print(f"{line} | load {load_before:.2f}/{os.getloadavg()[0]:.2f}", flush=True)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
