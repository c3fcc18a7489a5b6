"""`"classes"` in `diptych --json`: on every words entry and every block, in a pair and in the
steps of a history, with the seeds' revised death toll flagged as a number."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.engine.classes import ChangeClass

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
NAMES = {str(cls) for cls in ChangeClass}
ORDER = [str(cls) for cls in ChangeClass]


def diptych_json(*paths: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--json", *paths], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def check_blocks(blocks: list[dict]) -> None:
    for block in blocks:
        assert set(block["classes"]) <= NAMES
        if block["words"] is None:
            continue
        union = {cls for word in block["words"] for cls in word["classes"]}
        assert set(block["classes"]) == union
        assert block["classes"] == sorted(block["classes"], key=ORDER.index)


def test_the_seeds_death_toll_is_a_changed_number() -> None:
    data = diptych_json(*SEEDS)
    check_blocks(data["blocks"])
    toll = next(b for b in data["blocks"] if b["left"] and "at least nine people" in b["left"]["text"])
    left, right = toll["left"]["text"], toll["right"]["text"]
    flagged = {
        (left[w["left"][0]:w["left"][1]], right[w["right"][0]:w["right"][1]])
        for w in toll["words"]
        if "number" in w["classes"]
    }
    assert ("nine", "eight") in flagged
    # the removed live-blog entry with the old casualty figures carries them
    removed = next(b for b in data["blocks"] if b["left"] and "injuring another 63" in b["left"]["text"])
    assert removed["kind"] == "left_only" and "number" in removed["classes"]


def test_history_steps_carry_classes_too() -> None:
    data = diptych_json(SEEDS[0], SEEDS[1], SEEDS[0])
    assert data["schema"] == "diptych.history/1"
    for step in data["steps"]:
        check_blocks(step["blocks"])
    reverted = data["steps"][1]["blocks"]
    assert any("number" in b["classes"] for b in reverted if b["kind"] == "changed")
