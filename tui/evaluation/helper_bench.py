"""Is the second process worth it? `python -m tui.evaluation.helper_bench [--busy] [--rounds N]`.

Times `diptych --json` on the seeds and on the corpus pairs over 250 KB in three ways, alternated
within each round (the order rotated) so that all three share the same minutes of a shared machine:
  helper  the helper process forced on (tui.engine.helper_process), the JSON child by its rule;
  alone   no helper, the JSON child by its rule (tui.engine.alignment_json: the word diffs of the
          second half of the blocks);
  single  nothing forked: one process.
`--busy` keeps one core busy (a spinning child, ended at the end) to see what the helper costs
when no core is spare. Prints, per pair, the medians, the median and range of the per-round
ratios, and the 1-minute load average (os.getloadavg) before and after. (The app's helper, timed
the same way up to commit b827268, is gone: it did not win with a core busy.)
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


def _child(mode: str, left: str, right: str) -> int:
    """One `diptych --json` run in the given mode."""
    from tui.cli import main
    from tui.engine import alignment_json, helper_process

    helper_process.MIN_PARALLEL_CHARS = 0 if mode == "helper" else sys.maxsize
    if mode == "single":
        alignment_json.PARALLEL_MIN_WORK = sys.maxsize
    return main(["--json", left, right])


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
            times: dict[str, list[float]] = {m: [] for m in MODES}
            load_before = os.getloadavg()[0]
            for r in range(args.rounds):
                for mode in MODES[r % len(MODES):] + MODES[: r % len(MODES)]:
                    cmd = [PY, "-m", "tui.evaluation.helper_bench", "--child", mode, str(left), str(right)]
                    run = measure(cmd, 600)
                    times[mode].append(run.seconds if run else float("nan"))
            medians = " ".join(f"{m} {statistics.median(times[m]):.2f}s" for m in MODES)
            print(f"{name:38} {medians} | helper/alone {_ratios(times, 'helper', 'alone')} | alone/single "
                  f"{_ratios(times, 'alone', 'single')} | load {load_before:.2f}/{os.getloadavg()[0]:.2f}",
                  flush=True)
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
