"""End to end in a real browser: `diptych --serve` on the seeds, opened by headless Chromium.

The page names both documents in its title; the terminal in it shows the aligned seeds; `n`
selects the first difference, `r` marks it in the review file given with --review (read back by
`diptych --report`), `e` writes the report on the server and the browser downloads it, ctrl+p
opens the command palette and runs a command, `q` ends the session, and ctrl+c stops the server.

The screenshot (after `n`) goes to the test's directory, or where DIPTYCH_BROWSER_SCREENSHOT says
(`make screenshots` puts it in screenshots/serve-browser.png for the README).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from .browser import Browser, require_chromium
from .served import Served, copy_seeds, installed_diptych, quiet_env

pytestmark = pytest.mark.slow

SELECTED = re.compile(r"diffs? 1(?:–\d+)?/(\d+)")
REVIEWED = re.compile(r"reviewed (\d+)/(\d+)")


async def test_the_seeds_in_a_browser(tmp_path: Path) -> None:
    require_chromium()
    seeds = copy_seeds(tmp_path)
    review = tmp_path / "marks.sqlite3"
    served = Served(tmp_path, ["--review", review.name, *seeds])
    try:
        await asyncio.to_thread(served.wait_ready)
        async with Browser(tmp_path / "downloads") as browser:
            await browser.open(served.url)
            first = await browser.wait_for(lambda s: "n/p diff" in s and "Kremlin" in s, "the aligned seeds")
            assert seeds[0] in first and seeds[1] in first  # the header names the files
            title = await browser.evaluate("document.title")
            assert seeds[0] in title and seeds[1] in title, title

            await browser.focus_terminal()
            await browser.press("n")
            selected = await browser.wait_for(lambda s: SELECTED.search(s) and "▶" in s, "n: a difference")
            assert "diff –/" not in selected
            picture = os.environ.get("DIPTYCH_BROWSER_SCREENSHOT") or tmp_path / "serve-browser.png"
            await browser.screenshot(Path(picture))

            await browser.press("r")
            marked = await browser.wait_for(lambda s: _reviewed(s) > 0, "r to mark the difference reviewed")
            assert "✓" in marked
            report = _review_report(tmp_path, [f"--review={review.name}", *seeds])
            assert report["differences"][0]["reviewed"], "the browser's mark is not in the --review file"
            assert report["review"]["reviewed"] >= 1

            await browser.press("e")  # the export chooser: r, the review report
            await browser.press("r")
            for where in (tmp_path, tmp_path / "downloads"):  # written on the server, downloaded
                html = await _wait_for_file(where, "*.review.html")
                assert "<html" in html and "Kremlin" in html, where

            await browser.press("ctrl+p")
            await browser.wait_for(lambda s: "Search for commands" in s, "ctrl+p to open the command palette")
            await browser.press(*"This help")
            await browser.wait_for(lambda s: "key: ? F1" in s, "the palette to offer This help")
            await browser.press("enter")
            await browser.wait_for(lambda s: "Moving between differences" in s, "the palette's This help")
            await browser.press("escape")
            await browser.wait_for(lambda s: "Moving between differences" not in s and "n/p diff" in s,
                                   "escape to close the help")

            await browser.press("q")
            await _wait_until(lambda: browser.evaluate("document.body.classList.contains('-closed')"),
                              "q to end the browser session")
    finally:
        status = served.stop()
    assert status == 0, served.output()
    assert "Traceback" not in served.output()


def _reviewed(screen: str) -> int:
    match = REVIEWED.search(screen)
    return int(match.group(1)) if match else 0


def _review_report(workdir: Path, args: list[str]) -> dict:
    out = subprocess.run(
        [str(installed_diptych()), "--report", "json", *args],
        capture_output=True, text=True, timeout=60, cwd=workdir, env=quiet_env(workdir), check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


async def _wait_for_file(directory: Path, pattern: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(directory.glob(pattern)) if directory.is_dir() else []
        if found:
            return found[0].read_text(encoding="utf-8")
        await asyncio.sleep(0.2)
    raise AssertionError(f"no {pattern} in {directory} after {timeout} s")


async def _wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"waited {timeout} s for {what}")
