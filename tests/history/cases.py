"""Histories for the tests: the three-version case of issue 16, built from the two seeds, and
small hand-made ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.engine.model import Document
from tui.engine.reading import make_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# In the first seed, line 7 says "at least nine people were killed"; the second seed says
# "eight" (in a paragraph that also changed otherwise). Line 4 of the second seed is new in it.
NINE_LINE = 7
NEW_IN_SECOND_SEED = 4


def three_versions() -> list[str]:
    """V1: the first seed. V2: the first seed with "nine" → "eight" on line 7 and, before that
    line, a paragraph taken from the second seed. V3: the second seed."""
    first = SEEDS[0].read_text(encoding="utf-8")
    second = SEEDS[1].read_text(encoding="utf-8")
    lines = first.split("\n")
    assert "at least nine people" in lines[NINE_LINE - 1]
    lines[NINE_LINE - 1] = lines[NINE_LINE - 1].replace("at least nine people", "at least eight people")
    lines.insert(NINE_LINE - 1, second.split("\n")[NEW_IN_SECOND_SEED - 1])
    return [first, "\n".join(lines), second]


def documents(texts: list[str]) -> list[Document]:
    return [make_document(f"v{k}.txt", text) for k, text in enumerate(texts, start=1)]


# Ten distinct paragraphs of a live story (a storm), for hand-made histories.
STORM = [
    "Storm Alma reached the coast shortly after midnight, with gusts of up to 120 km/h recorded at the pier.",
    "The coastguard said two fishing boats had been towed back to harbour before the worst of the wind.",
    "Power was cut to about 14,000 homes in the county, the electricity network operator reported.",
    "Schools in the three coastal towns will stay closed on Friday, the education authority announced.",
    "The main railway line was blocked by a fallen tree near the junction and replacement buses are running.",
    "Forecasters expect the wind to ease by the afternoon, although heavy rain will go on into the evening.",
    "Volunteers filled sandbags outside the town hall as the river rose above its banks in the old quarter.",
    "The ferry company cancelled all crossings until Saturday and offered refunds to passengers.",
    "A spokesperson for the hospital said the emergency department remained open and fully staffed.",
    "Residents were asked to avoid the seafront promenade, where waves were breaking over the railings.",
]


def paragraphs(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def write_versions(folder: Path, texts: list[str], names: list[str] | None = None) -> list[Path]:
    """The texts as files of `folder` (v1.txt, v2.txt... unless named), in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, text in enumerate(texts, start=1):
        path = folder / (names[k - 1] if names else f"v{k}.txt")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run_cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` with an empty standard input and no terminal."""
    env = {k: v for k, v in os.environ.items() if k != "DIPTYCH_DEBUG"}  # it turns the error guard off
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env,
        stdin=subprocess.DEVNULL, timeout=300, check=False,
    )


def expect_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Status 2, nothing on stdout, one line on stderr holding every fragment."""
    assert result.returncode == 2, (result.returncode, result.stderr, result.stdout[:200])
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
