"""`make screenshots`: render the main screens with `diptych --screenshot` (SVG), then PNG, the
browser view of `diptych --serve` (PNG, taken by the browser test in headless Chromium) and the
council report's redlines (redline_pictures.py).

Every picture comes from the real command line, so the README shows what users get. The keys that
reach a given difference are computed from the alignment, so the pictures stay on their subject
when the engine pairs passages differently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tui.app.navigation import build_stops  # noqa: E402 - after the path is set
from tui.engine.compare import compare_files  # noqa: E402

SEEDS = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
COUNCIL = ["tests/app/data/council-v1.txt", "tests/app/data/council-v2.txt"]
COUNCIL_WORD = ["screenshots/data/council-v1.docx", "screenshots/data/council-v2.docx"]
COUNCIL_PDF = ["screenshots/data/council-v1.pdf", "screenshots/data/council-v2.pdf"]


def write_documents() -> None:
    """The council report as Word and PDF files (written by the tests' own document builders)."""
    from tests.formats.documents import as_docx, as_pdf, units_of

    (HERE / "data").mkdir(exist_ok=True)
    for text, word, paper in zip(COUNCIL, COUNCIL_WORD, COUNCIL_PDF, strict=True):
        units = units_of((ROOT / text).read_text(encoding="utf-8"))
        (ROOT / word).write_bytes(as_docx(units))
        (ROOT / paper).write_bytes(as_pdf(units))


def presses_to(pair: list[str], wanted) -> list[str]:
    alignment = compare_files(*pair)
    for k, stop in enumerate(build_stops(alignment.blocks)):
        if wanted(alignment.blocks[stop.first]):
            return ["n"] * (k + 1)
    return []


def screens() -> list[tuple[str, list[str], str, list[str], dict[str, str]]]:
    """(name, pair, size, keys, extra environment)."""
    nine = presses_to(SEEDS, lambda b: bool(b.left and b.right) and "nine people" in b.left[0].text)
    moved = presses_to(COUNCIL, lambda b: b.moved)
    return [
        ("seeds-first-screen", SEEDS, "120x40", [], {}),
        ("seeds-nine-becomes-eight", SEEDS, "120x40", nine, {}),
        ("council-changed-numbers", COUNCIL, "120x40", ["n", "n"], {}),
        ("council-moved-right-end", COUNCIL, "120x40", [*moved, "m"], {}),
        ("council-only-differences", COUNCIL, "120x40", ["f"], {}),
        ("council-search", COUNCIL, "120x40", ["slash", *"pool", "enter"], {}),
        ("seeds-sentences", SEEDS, "120x40", ["s", "n", "n"], {}),
        ("stacked-80x24", COUNCIL, "80x24", ["n", "n"], {}),
        ("overview-strip-80x24", SEEDS, "80x24", nine, {}),
        ("change-list-80x24", SEEDS, "80x24", ["l"], {}),
        # Filtered to numbers, only differences: n stops at "nine → eight", the rest folded.
        ("filter-80x24", SEEDS, "80x24", ["F", "n", "escape", "f", "n"], {}),
        ("no-color-80x24", SEEDS, "80x24", nine, {"NO_COLOR": "1"}),
        ("help", SEEDS, "120x40", ["question_mark"], {}),
        ("council-word", COUNCIL_WORD, "120x40", ["n", "n"], {}),
        ("council-pdf", COUNCIL_PDF, "120x40", ["n", "n"], {}),
        # Review: stop 1 reviewed, 2 flagged, 3 noted, 4 reviewed and flagged (r, x, c).
        ("seeds-review-marks", SEEDS, "120x40",
         ["n", "r", "n", "x", "n", "c", *typed("Checked with the desk"), "ctrl+s", "n", "r", "x"], {}),
        ("note-editor-80x24", SEEDS, "80x24",
         ["n", "n", "c", *typed("Two sources confirm the figure."), "enter",
          *typed("Ask the desk first.")], {}),
    ]


def typed(text: str) -> list[str]:
    """Keys that type `text` (--press takes key names: a space is "space")."""
    return ["space" if ch == " " else ch for ch in text]


def main() -> int:
    diptych = [sys.executable, "-m", "tui"]
    write_documents()
    made: list[Path] = []
    for name, pair, size, keys, env in screens():
        out = HERE / f"{name}.svg"
        command = [*diptych, "--screenshot", str(out), "--size", size]
        if keys:
            command += ["--press", ",".join(keys)]
        # The default keys (the help shows the keys in effect), whatever the developer's keymap.
        unset = ("NO_COLOR", "DIPTYCH_KEYMAP", "XDG_CONFIG_HOME")
        environment = {k: v for k, v in os.environ.items() if k not in unset} | env
        environment["XDG_CONFIG_HOME"] = str(HERE / "no-such-config-directory")
        subprocess.run([*command, *pair], check=True, cwd=ROOT, env=environment)
        made.append(out)
        print(out.relative_to(ROOT))
    made += timeline_pictures()
    browser_screenshot()
    from redline_pictures import redline_pictures

    for picture in redline_pictures():
        print(picture.relative_to(ROOT))
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert not found (apt-get install librsvg2-bin): SVG only", file=sys.stderr)
        return 0
    from svg_to_png import convert

    for svg in made:
        print(convert(svg).relative_to(ROOT))
    return 0


# `--screenshot` shows two versions: the timeline's pictures are its snapshot tests' own.
TIMELINE_SNAPSHOTS = ROOT / "tests" / "app" / "__snapshots__" / "test_snap_timeline"
TIMELINE_PICTURES = {
    "timeline-nine-becomes-eight": "test_timeline_stepped_back_to_nine_becoming_eight[wide].svg",
    "timeline-passage-history": "test_passage_history_of_the_nine_to_eight_paragraph[wide].svg",
    "timeline-50-versions-80x24": "test_timeline_of_a_generated_history_of_50_versions[narrow].svg",
    "timeline-blame-80x24": "test_blame_of_the_newest_version.svg",
}


def timeline_pictures() -> list[Path]:
    """The timeline snapshots, updated first (`--snapshot-update`), copied as the README's pictures."""
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/app/test_snap_timeline.py",
         "--snapshot-update"],
        check=True, cwd=ROOT,
    )
    made = []
    for name, snapshot in TIMELINE_PICTURES.items():
        out = HERE / f"{name}.svg"
        shutil.copyfile(TIMELINE_SNAPSHOTS / snapshot, out)
        made.append(out)
        print(out.relative_to(ROOT))
    return made


def browser_screenshot() -> None:
    """`diptych --serve` in headless Chromium: the browser test takes the picture (after `n`)."""
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser")):
        print("chromium not found (apt-get install chromium): no serve-browser.png", file=sys.stderr)
        return
    out = HERE / "serve-browser.png"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/serve/test_serve_browser.py"],
        check=True, cwd=ROOT, env={**os.environ, "DIPTYCH_BROWSER_SCREENSHOT": str(out)},
    )
    print(out.relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())
