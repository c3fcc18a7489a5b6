"""`make bench`: wall time and peak memory of `diptych --json` and of peers, on the corpus pairs
(small to the 2.7 MB Git man pages) and a generated 10 MB pair, all measured in this run.

Each command runs as a subprocess; its peak RSS comes from os.wait4 (that child only). diptych
runs three times per pair, before, between and after the peers (the median is shown: the machine
is shared and its speed drifts, so our runs are spread over the same minutes as the peers'); the
peers run once, with a time limit. Peers: the difflib aligner of tui/evaluation/peers.py and, when
installed in .venv-prosediff/ (make bench tries to install it there, never into the project),
prosediff 0.7.0 writing its HTML report. Also: `diptych --json DIR` on a generated history of 50
versions of a 100 KB story against its 49 pairs run one by one; the app's first frame and
next-difference key on the seeds and the largest pair (headless), and its first frame on the
timeline of 50 seed-sized versions against one pair of them. (That `diptych --json` never loads
Textual is a test: tests/test_import_contract.py.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from tui.evaluation.history_gen import generate_history
from tui.evaluation.perturb import REPO, big_pair

CORPUS = REPO.parent / "shared" / "corpus"
PROSEDIFF = REPO / ".venv-prosediff" / "bin" / "prosediff"
PY = sys.executable
RUNS = 3
PEER_TIMEOUT = 120.0
BIG_BYTES = 10_000_000
HISTORY_VERSIONS = 50
HISTORY_BYTES = 100_000


@dataclass(slots=True)
class Run:
    seconds: float
    rss_mb: float


def measure(cmd: list[str], timeout: float) -> Run | None:
    """Wall time and peak RSS of one child; None when it fails or runs out of time."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            return None
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # diptych: 0 equal, 1 different
        return None
    return Run(elapsed, usage.ru_maxrss / 1024)


def _median(results: list[Run | None]) -> Run | None:
    """Median time and highest peak memory of some runs; None if any failed."""
    if not results or any(r is None for r in results):
        return None
    ok = [r for r in results if r is not None]
    return Run(statistics.median(r.seconds for r in ok), max(r.rss_mb for r in ok))


def pairs(include_big: bool, workdir: Path) -> list[tuple[str, Path, Path]]:
    out: list[tuple[str, Path, Path]] = []
    if CORPUS.is_dir():
        for d in CORPUS.iterdir():
            if (d / "left.txt").is_file() and (d / "right.txt").is_file():
                out.append((d.name, d / "left.txt", d / "right.txt"))
    out.sort(key=lambda p: p[1].stat().st_size + p[2].stat().st_size)
    if include_big:
        # Generated in a child: a forked child's peak RSS starts at its parent's, so this
        # process must stay small for the memory figures to be the children's own.
        lp, rp = workdir / "big-left.txt", workdir / "big-right.txt"
        subprocess.run(
            [PY, "-m", "tui.evaluation.bench", "--write-big", str(lp), str(rp)], check=True, cwd=REPO
        )
        out.append(("generated-10MB", lp, rp))
    return out


def _cell(run: Run | None, base: Run | None, limit: float) -> str:
    if run is None:
        return f"{'> ' + str(int(limit)) + ' s':>9} {'':>6}"
    ratio = f"{run.seconds / base.seconds:5.1f}x" if base else ""
    return f"{run.seconds:8.2f}s {ratio:>6}"


def _sum(results: list[Run | None]) -> Run | None:
    """Total time and highest peak memory of runs made one after the other; None if any failed."""
    if any(r is None for r in results):
        return None
    ok = [r for r in results if r is not None]
    return Run(sum(r.seconds for r in ok), max(r.rss_mb for r in ok))


def history_bench(workdir: Path) -> None:
    """`diptych --json DIR` on a generated history against each of its pairs run on its own,
    alternated over the same minutes (three rounds, medians); and the same without the start-up
    every run pays (measured on a pair of one-line files)."""
    folder = workdir / "history"
    subprocess.run([PY, "-m", "tui.evaluation.bench", "--write-history", str(folder)], check=True, cwd=REPO)
    files = sorted(folder.iterdir())
    tiny = [workdir / "tiny-left.txt", workdir / "tiny-right.txt"]
    for path, text in zip(tiny, ("One line.\n", "One line, changed.\n"), strict=True):
        path.write_text(text, encoding="utf-8")
    histories: list[Run | None] = []
    all_pairs: list[Run | None] = []
    starts: list[Run | None] = []
    for _ in range(RUNS):
        histories.append(measure([PY, "-m", "tui", "--json", str(folder)], 600))
        all_pairs.append(_sum([
            measure([PY, "-m", "tui", "--json", str(a), str(b)], 600) for a, b in pairwise(files)
        ]))
        starts.append(measure([PY, "-m", "tui", "--json", *map(str, tiny)], 60))
    history, pairs_run, start = _median(histories), _median(all_pairs), _median(starts)
    steps = len(files) - 1
    kb = sum(f.stat().st_size for f in files) / len(files) / 1024
    print(f"\nhistory: {len(files)} versions of a generated story ({kb:.0f} KB each), {RUNS} rounds")
    if history is None or pairs_run is None or start is None:
        print("  could not be measured")
        return
    print(
        f"  diptych --json DIR {history.seconds:.2f} s, peak RSS {history.rss_mb:.0f} MB; its {steps} pairs "
        f"one by one {pairs_run.seconds:.2f} s in all (peak RSS {pairs_run.rss_mb:.0f} MB): "
        f"ratio {history.seconds / pairs_run.seconds:.2f}"
    )
    alone, pairs_alone = history.seconds - start.seconds, pairs_run.seconds - steps * start.seconds
    print(
        f"  without the start-up of each run ({start.seconds:.2f} s): {alone:.2f} s against "
        f"{steps} x {pairs_alone / steps:.3f} s = {pairs_alone:.2f} s, ratio {alone / pairs_alone:.2f}"
    )


def app_timing(left: Path, right: Path) -> dict | None:
    return app_timing_args([str(left), str(right)])


def timeline_timing(workdir: Path) -> None:
    """The app's first frame on the timeline of 50 versions of a seed-sized story (`diptych DIR`)
    against the first frame on one pair of them (its last two), alternated over the same minutes
    (three rounds, medians)."""
    folder = workdir / "seed-history"
    folder.mkdir()
    size = sorted((REPO / "seeds").glob("*.txt"))[0].stat().st_size
    story = generate_history(HISTORY_VERSIONS, size, seed="seeds")
    for version in range(1, HISTORY_VERSIONS + 1):
        (folder / f"v{version:02d}.txt").write_text(story.text(version), encoding="utf-8")
    last_two = sorted(folder.iterdir())[-2:]
    timelines: list[float] = []
    pairs_shown: list[float] = []
    for _ in range(RUNS):
        timing = app_timing_args(["--history", str(folder)])
        pair = app_timing(*last_two)
        if timing is None or pair is None:
            print("app timeline: could not be measured")
            return
        timelines.append(timing["first_frame_s"])
        pairs_shown.append(pair["first_frame_s"])
    ours, one = statistics.median(timelines), statistics.median(pairs_shown)
    print(f"app timeline of {HISTORY_VERSIONS} versions of a seed-sized story ({size / 1024:.0f} KB): first "
          f"frame {ours:.2f} s; one pair of them {one:.2f} s in the same minutes: ratio {ours / one:.2f} "
          f"(medians of {RUNS})")


def app_timing_args(args: list[str]) -> dict | None:
    result = subprocess.run(
        [PY, "-m", "tui.evaluation.app_timing", *args], capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.evaluation.bench", description=__doc__)
    parser.add_argument("--no-big", action="store_true", help="skip the generated 10 MB pair")
    parser.add_argument("--no-peers", action="store_true", help="diptych only")
    parser.add_argument("--no-app", action="store_true", help="skip the app timings")
    parser.add_argument("--no-history", action="store_true", help="skip the generated 50-version history")
    parser.add_argument("--only", help="only pairs whose name contains this (\"history\": the history only; "
                        "\"timeline\": the app's timeline only)")
    parser.add_argument("--write-big", nargs=2, metavar=("LEFT", "RIGHT"), help=argparse.SUPPRESS)
    parser.add_argument("--write-history", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_history:
        folder = Path(args.write_history)
        folder.mkdir(parents=True)
        story = generate_history(HISTORY_VERSIONS, HISTORY_BYTES, seed="bench")
        for version in range(1, HISTORY_VERSIONS + 1):
            (folder / f"v{version:02d}.txt").write_text(story.text(version), encoding="utf-8")
        return 0
    if args.write_big:
        left, right = big_pair(BIG_BYTES)
        Path(args.write_big[0]).write_text(left, encoding="utf-8")
        Path(args.write_big[1]).write_text(right, encoding="utf-8")
        return 0
    have_prosediff = PROSEDIFF.is_file() and not args.no_peers
    print(
        f"diptych --json: median of {RUNS} runs; peers once, limit {int(PEER_TIMEOUT)} s; "
        f"ratio = peer time / diptych time; prosediff {'installed' if have_prosediff else 'not installed'}"
    )
    head = (
        f"{'pair':40} {'left KB':>8} {'right KB':>8} | {'diptych':>9} {'RSS MB':>6} | "
        f"{'difflib':>9} {'ratio':>6} | {'prosediff':>9} {'ratio':>6}"
    )
    print(head)
    print("-" * len(head))
    prosediff_gave_up = False
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as tmp:
        workdir = Path(tmp)
        for name, left, right in pairs(not args.no_big, workdir):
            if args.only and args.only not in name:
                continue
            # diptych's runs are spread between the peers' (before, between, after): the machine
            # is shared and its speed drifts over the minute a peer can take, so the ratio
            # compares runs made under the same conditions.
            ours_cmd = [PY, "-m", "tui", "--json", str(left), str(right)]
            runs = [measure(ours_cmd, 600)]
            peer = pd = None
            ran_prosediff = False
            if not args.no_peers:
                peer = measure([PY, "-m", "tui.evaluation.peers", str(left), str(right)], PEER_TIMEOUT)
                runs.append(measure(ours_cmd, 600))
                if have_prosediff and not prosediff_gave_up:
                    report = workdir / "prosediff.html"
                    pd_cmd = [str(PROSEDIFF), "--files", str(left), str(right), "-o", str(report)]
                    pd = measure(pd_cmd, PEER_TIMEOUT)
                    ran_prosediff = True
                    prosediff_gave_up = pd is None  # larger pairs would take longer still
            runs.extend(measure(ours_cmd, 600) for _ in range(RUNS - len(runs)))
            ours = _median(runs)
            line = f"{name:40} {left.stat().st_size / 1024:8.0f} {right.stat().st_size / 1024:8.0f} | "
            line += f"{ours.seconds:8.2f}s {ours.rss_mb:6.0f} | " if ours else f"{'failed':>9} {'':>6} | "
            if args.no_peers:
                print(line, flush=True)
                continue
            line += _cell(peer, ours, PEER_TIMEOUT) + " | "
            if ran_prosediff:
                line += _cell(pd, ours, PEER_TIMEOUT)
            else:
                line += f"{'-':>9} {'':>6}"
            print(line, flush=True)
        if not args.no_history and (args.only is None or args.only in "history"):
            history_bench(workdir)
        if not args.no_app and (args.only is None or args.only in "timeline"):
            timeline_timing(workdir)
    if args.only == "timeline":
        return 0
    if not args.no_app:
        seeds = sorted((REPO / "seeds").glob("*.txt"))
        targets = [("seeds", seeds[0], seeds[1])]
        largest = [p for p in pairs(False, Path(".")) if p[0].startswith("large-git")]
        targets.extend(largest)
        for name, left, right in targets:
            timing = app_timing(left, right)
            if timing is None:
                print(f"app on {name}: could not be measured")
                continue
            print(
                f"app on {name}: first frame {timing['first_frame_s']:.2f} s, alignment shown "
                f"{timing['aligned_s']:.2f} s, n key to its last frame {timing['next_key_ms']:.1f} ms "
                f"median (max {timing['next_key_max_ms']:.0f} ms; peer in the same run, a one-row "
                f"scroll: {timing['scroll_key_ms']:.1f} ms)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
