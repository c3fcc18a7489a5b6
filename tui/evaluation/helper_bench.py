"""Is the second process worth it? `python -m tui.evaluation.helper_bench [--busy] [--rounds N]`.

Times `diptych --json` on a seed-sized pair and on the corpus pairs over 250 KB in three ways,
alternated within each round so that all three share the same minutes of a shared machine:
  helper  the helper process forced on (tui.engine.helper_process), the JSON child by its rule;
  alone   no helper, the JSON child by its rule (tui.engine.alignment_json: word diffs of the
          second half of the blocks);
  single  nothing forked: one process;
and the app's first alignment on the pairs it aligns in a worker, with and without the helper
run_app forks. `--busy` keeps one core busy (a spinning child, ended at the end) to see what the
helper costs when the machine has no core to spare. Prints, per pair, the median and the range
of the per-round ratios, and the load average (os.getloadavg) around the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tui.evaluation.bench import CORPUS, PY, REPO, measure

MODES = ("helper", "alone", "single")
MIN_PAIR_BYTES = 250_000


def _child(mode: str, args: list[str]) -> int:
    """One `diptych --json` run (or the app's first alignment, `app-…`) in the given mode."""
    from tui.engine import alignment_json, helper_process

    app = mode.startswith("app-")
    mode = mode.removeprefix("app-")
    helper_process.MIN_PARALLEL_CHARS = 0 if mode == "helper" else sys.maxsize
    if mode == "single":
        alignment_json.PARALLEL_MIN_BLOCKS = sys.maxsize
    if not app:
        from tui.cli import main

        return main(["--json", *args])
    from tui.app.app import DiptychApp
    from tui.engine.helper_process import HelperProcess
    from tui.engine.model import AlignOptions
    from tui.engine.reading import read_document
    from tui.evaluation.app_timing import measure_app

    left, right, options = read_document(args[0]), read_document(args[1]), AlignOptions()
    helper = HelperProcess(left, right, None, options) if mode == "helper" else None
    measure_app(DiptychApp(left, right, options, helper=helper), helper, keys=False)
    return 0


def _pairs() -> list[tuple[str, Path, Path]]:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    out = [("seeds", seeds[0], seeds[1])]
    for d in sorted(CORPUS.iterdir()):
        left, right = d / "left.txt", d / "right.txt"
        if left.is_file() and left.stat().st_size + right.stat().st_size >= MIN_PAIR_BYTES:
            out.append((d.name, left, right))
    return sorted(out, key=lambda p: p[1].stat().st_size + p[2].stat().st_size)


def _ratios(times: dict[str, list[float]], top: str, bottom: str) -> str:
    ratios = [a / b for a, b in zip(times[top], times[bottom], strict=True)]
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.evaluation.helper_bench", description=__doc__)
    parser.add_argument("--busy", action="store_true", help="one core kept busy by a spinning child")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "LEFT", "RIGHT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child[0], args.child[1:])
    spinner = subprocess.Popen([PY, "-c", "while 1: pass"]) if args.busy else None
    try:
        print(f"{'busy core' if args.busy else 'idle'}; {os.cpu_count()} cores; medians of {args.rounds} "
              "rounds, per-round ratios median (min-max); load = 1-minute load average before/after")
        for name, left, right in _pairs():
            kinds = [("json", MODES)]
            if left.stat().st_size + right.stat().st_size > 400_000:  # the app aligns in a worker
                kinds.append(("app", ("helper", "alone")))
            for kind, modes in kinds:
                times: dict[str, list[float]] = {m: [] for m in modes}
                load_before = os.getloadavg()[0]
                for r in range(args.rounds):
                    for mode in modes[r % len(modes):] + modes[: r % len(modes)]:  # rotated order
                        child = mode if kind == "json" else f"app-{mode}"
                        run = measure([PY, "-m", "tui.evaluation.helper_bench", "--child", child,
                                       str(left), str(right)], 600)
                        times[mode].append(run.seconds if run else float("nan"))
                load = f"load {load_before:.2f}/{os.getloadavg()[0]:.2f}"
                medians = " ".join(f"{m} {statistics.median(times[m]):.2f}s" for m in modes)
                line = f"{name:38} {kind:4} {medians} | helper/alone {_ratios(times, 'helper', 'alone')}"
                if "single" in times:
                    line += f" | alone/single {_ratios(times, 'alone', 'single')}"
                print(f"{line} | {load}", flush=True)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
