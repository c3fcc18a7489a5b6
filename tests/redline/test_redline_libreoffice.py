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


# Paragraphs LibreOffice joins when rejecting every change, where a change ends a paragraph and the
# next starts with one of the same kind (a limitation of LibreOffice's reading, in the README).
# Pro Git's "[[_git_help]]" anchor, inserted at the start of a heading right after inserted
# paragraphs, is one since main segments its code blocks as single units.
JOINED_WHEN_REJECTED = {"small-progit-ch1-ed1-vs-ed2": 1}


def joined(expected: list[str], read: list[str]) -> int:
    """How many paragraphs of `expected` are joined to the one before in `read`; fails unless
    `read` is `expected` with only such joins."""
    count = at = 0
    for paragraph in read:
        assert at < len(expected), paragraph
        text = expected[at]
        at += 1
        while text != paragraph and at < len(expected) and paragraph.startswith(text):
            text += expected[at]
            at += 1
            count += 1
        assert text == paragraph, (text, paragraph)
    assert at == len(expected)
    return count


@pytest.mark.parametrize("name", PAIRS)
def test_libreoffice_accepts_to_the_newer_and_rejects_to_the_older_version(converted, name: str) -> None:
    red, path = converted[name]
    original, result = read_tracked(str(path.with_suffix(".odt")), ReadOptions())
    assert passages(result) == passages(red.right)
    assert joined(passages(red.left), passages(original)) == JOINED_WHEN_REJECTED.get(name, 0)


@pytest.mark.parametrize("name", PAIRS)
def test_libreoffice_shows_every_change_as_recorded(converted, name: str) -> None:
    red, path = converted[name]
    shown = path.with_suffix(".txt").read_text(encoding="utf-8-sig")
    recorded = " ".join("".join(run.text for run in p.runs) for p in red.paragraphs)
    assert normalised(shown) == normalised(recorded)
