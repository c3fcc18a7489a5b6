"""A second opinion on the Word redline: LibreOffice (headless, no macro) reads it.

LibreOffice accepts or rejects changes only through its UI or a macro, so it is asked to save the
redline as OpenDocument, where the changes it read are tracked in ODF's own markup, and diptych's
OpenDocument reader (tested on LibreOffice's files) accepts and rejects them. `--convert-to txt`
shows the document with every change as recorded, inserted and deleted text both: that is every
run of the redline, in order.

Skipped where LibreOffice is not installed (Debian: libreoffice-writer-nogui).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.redline.views import CORPUS, CORPUS_PAIRS, aligned, normalised, passages
from tui.engine.model import ReadOptions
from tui.engine.reading import read_tracked
from tui.redline.build import build_redline
from tui.redline.docx import render_docx
from tui.redline.model import Redline

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
PAIRS = ["seeds", *(name for name in CORPUS_PAIRS if (CORPUS / name).is_dir())]


def convert(files: list[Path], target: str, out: Path, profile: Path) -> None:
    """One LibreOffice run for all the files, with a profile of its own (a LibreOffice already
    running for someone else would otherwise take the job, or refuse it)."""
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Redline, Path]]:
    work = tmp_path_factory.mktemp("libreoffice")
    redlines: dict[str, tuple[Redline, Path]] = {}
    for name in PAIRS:
        red = build_redline(aligned(name), generated=0)
        path = work / f"{name}.docx"
        path.write_bytes(render_docx(red))
        redlines[name] = (red, path)
    files = [path for _, path in redlines.values()]
    convert(files, "odt", work, work / "profile")
    convert(files, "txt:Text", work, work / "profile")
    return redlines


@pytest.mark.parametrize("name", PAIRS)
def test_libreoffice_accepts_to_the_newer_and_rejects_to_the_older_version(converted, name: str) -> None:
    red, path = converted[name]
    original, result = read_tracked(str(path.with_suffix(".odt")), ReadOptions())
    assert passages(result) == passages(red.right)
    # LibreOffice's one known misreading (README, Redlines): rejecting every change joins two
    # paragraphs where changes of one kind meet across an unchanged break. Nothing else differs.
    assert joins(passages(original), passages(red.left)) == KNOWN_JOINS.get(name, 0)


# Pro Git: "$ git config user.name Scott Chacon" ends in inserted words ("John Doe", a new
# "----"), the [NOTE] after it is new, and so is the example after that.
KNOWN_JOINS = {"small-progit-ch1-ed1-vs-ed2": 1}


def joins(read: list[str], expected: list[str]) -> int | None:
    """How many paragraph breaks of `expected` are missing in `read` (each passage of `read` is
    one or more consecutive passages of `expected`, written together); None if `read` differs
    in any other way."""
    count, at = 0, 0
    for passage in read:
        joined = ""
        while at < len(expected) and len(joined) < len(passage):
            joined += expected[at]
            at += 1
            if joined != passage and passage.startswith(joined) and at < len(expected):
                count += 1
                joined += " " if passage[len(joined):].startswith(" ") else ""
        if joined != passage:
            return None
    return count if at == len(expected) else None


@pytest.mark.parametrize("name", PAIRS)
def test_libreoffice_shows_every_change_as_recorded(converted, name: str) -> None:
    red, path = converted[name]
    shown = path.with_suffix(".txt").read_text(encoding="utf-8-sig")
    recorded = " ".join("".join(run.text for run in p.runs) for p in red.paragraphs)
    assert normalised(shown) == normalised(recorded)
