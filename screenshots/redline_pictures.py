"""The README's pictures of a redline: the council report's Word redline as LibreOffice prints it,
and its HTML redline as Chromium shows it, both made by `diptych --redline` with a reviewer's note.

Needs soffice and pdftoppm for the Word picture (Debian: libreoffice-writer-nogui,
poppler-utils) and chromium for the HTML one; a picture whose tool is missing is left as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAIR = ["screenshots/data/council-v1.docx", "screenshots/data/council-v2.docx"]
NOTE = "Check the 70 million against the finance office's figures."
# A fixed date (SOURCE_DATE_EPOCH): the same pictures each time they are made.
ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1733400000"}


def redline_pictures() -> list[Path]:
    made = []
    with tempfile.TemporaryDirectory() as work:
        review = Path(work) / "review.sqlite3"
        _note(review)
        word = _redline("docx", review, Path(work))
        page = _redline("html", review, Path(work))
        if shutil.which("soffice") and shutil.which("pdftoppm"):
            made.append(_word_picture(word, Path(work)))
        else:
            print("soffice or pdftoppm not found: no council-redline-word.png", file=sys.stderr)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser:
            made.append(_html_picture(browser, page))
        else:
            print("chromium not found: no council-redline-html.png", file=sys.stderr)
    return made


def _note(review: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tui.engine.compare import compare_files
    from tui.review import ReviewStore

    alignment = compare_files(*(str(ROOT / path) for path in PAIR))
    with ReviewStore.open(review) as store:
        session = store.session(alignment)
        budget = next(i for i in session.differences if "70 million" in alignment.blocks[i].right[0].text)
        session.set_note(budget, NOTE)


def _redline(fmt: str, review: Path, work: Path) -> Path:
    out = work / f"council-redline.{fmt}"
    command = [sys.executable, "-m", "tui", "--redline", fmt, "--review", str(review), *PAIR, "-o", str(out)]
    subprocess.run(command, check=True, cwd=ROOT, env=ENVIRONMENT)
    return out


def _word_picture(word: Path, work: Path) -> Path:
    """LibreOffice prints the tracked changes as it shows them (comments are left out: LibreOffice
    7.4 prints them as icons over the text)."""
    options = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"false"}}'
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to",
         options, "--outdir", str(work), str(word)],
        check=True, capture_output=True, timeout=300,
    )
    out = HERE / "council-redline-word.png"
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
                    str(word.with_suffix(".pdf")), str(out.with_suffix(""))], check=True)
    return out


def _html_picture(browser: str, page: Path) -> Path:
    out = HERE / "council-redline-html.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=900,1560", f"--screenshot={out}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return out


if __name__ == "__main__":
    for path in redline_pictures():
        print(path.relative_to(ROOT))
