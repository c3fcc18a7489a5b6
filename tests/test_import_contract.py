"""The engine never imports Textual, and neither `diptych --json` nor git's external diff (started
once per changed file) pays for importing it (nor for textual-serve, which only --serve needs)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages that must stay usable without a terminal UI.
HEADLESS_PACKAGES = ["tui/engine", "tui/review", "tui/git", "tui/redline"]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_headless_packages_never_import_textual_or_the_app() -> None:
    checked = 0
    for package in HEADLESS_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            checked += 1
            for name in _imported_modules(path):
                top = name.split(".")[0]
                assert top != "textual", f"{path.relative_to(ROOT)} imports {name}"
                assert not name.startswith("tui.app"), f"{path.relative_to(ROOT)} imports {name}"
    assert checked >= 5  # the engine exists and was really scanned


def test_json_output_does_not_load_textual(seed_paths) -> None:
    # The JSON goes to stdout as usual; the verdict goes to stderr's last line.
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['--json', {str(seed_paths[0])!r}, {str(seed_paths[1])!r}])\n"
        "ui = ('textual', 'textual_serve', 'aiohttp')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ui)\n"
        "print(status, len(loaded), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.startswith("{")
    status, loaded = out.stderr.split("\n")[-2].split()
    assert status == "1"  # the seeds differ
    assert loaded == "0", "diptych --json imported Textual (or textual-serve, which --serve needs)"


def test_the_git_external_diff_does_not_load_textual(tmp_path: Path) -> None:
    draft, final = tmp_path / "draft.md", tmp_path / "final.md"
    draft.write_text("The council met on Monday.\n", encoding="utf-8")
    final.write_text("The council met on Tuesday.\n", encoding="utf-8")
    git_call = ["report.md", str(draft), "a" * 40, "100644", str(final), "b" * 40, "100644"]
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['--git-external-diff', *{git_call!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve'))\n"
        "print(status, len(loaded), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert "── report.md ── 1 changed" in out.stdout
    assert out.stderr.split() == ["0", "0"], "the external diff imported Textual"


# The formats' libraries (and diptych's readers of those formats): loaded only for their format.
FORMAT_LIBRARIES = ("trafilatura", "lxml", "pypdf", "cryptography", "defusedxml", "docx", "zipfile",
                    "tui.engine.formats.docx", "tui.engine.formats.odt", "tui.engine.formats.html",
                    "tui.engine.formats.pdf", "markdown_it", "mdit_py_plugins", "tui.engine.markup.markdown",
                    "tui.engine.markup.rst", "tui.engine.markup.asciidoc")


def _loaded_after(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main({args!r})\n"
        f"wanted = {FORMAT_LIBRARIES!r}\n"
        "loaded = sorted({w for w in wanted for m in sys.modules if m == w or m.startswith(w + '.')})\n"
        "print(status, ','.join(loaded) or '-', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    status, loaded = out.stderr.split("\n")[-2].split()
    assert status in ("0", "1"), out.stderr
    return set() if loaded == "-" else set(loaded.split(","))


def test_text_files_load_no_format_library(seed_paths) -> None:
    assert _loaded_after(["--json", str(seed_paths[0]), str(seed_paths[1])]) == set()


def test_each_format_loads_only_its_own_library(tmp_path: Path) -> None:
    from tests.formats.builders import docx, p, pdf
    from tests.formats.documents import as_html

    word = tmp_path / "a.docx"
    word.write_bytes(docx(p("The council met on Monday.")))
    page = tmp_path / "a.html"
    page.write_bytes(as_html(["The council met on Monday and approved the budget after a long debate."]))
    paper = tmp_path / "a.pdf"
    paper.write_bytes(pdf([[(72, 700, 11, "The council met on Monday.")]]))
    word_loaded = _loaded_after(["--json", str(word), str(word)])
    assert {"defusedxml", "zipfile", "tui.engine.formats.docx"} <= word_loaded
    assert not word_loaded & {"trafilatura", "lxml", "pypdf", "cryptography"}
    html_loaded = _loaded_after(["--json", str(page), str(page)])
    assert {"trafilatura", "tui.engine.formats.html"} <= html_loaded
    assert not html_loaded & {"pypdf", "defusedxml", "tui.engine.formats.docx"}
    pdf_loaded = _loaded_after(["--json", str(paper), str(paper)])
    assert {"pypdf", "tui.engine.formats.pdf"} <= pdf_loaded
    assert not pdf_loaded & {"trafilatura", "lxml", "defusedxml", "tui.engine.formats.docx"}


def test_each_markup_loads_only_its_own_reader(tmp_path: Path) -> None:
    markdown, rst, asciidoc = tmp_path / "a.md", tmp_path / "a.rst", tmp_path / "a.adoc"
    markdown.write_text("# Title\n\n- The council met on Monday.\n")
    rst.write_text("Title\n=====\n\n- The council met on Monday.\n")
    asciidoc.write_text("== Title\n\n* The council met on Monday.\n")
    markdown_loaded = _loaded_after(["--json", str(markdown), str(markdown)])
    assert {"markdown_it", "mdit_py_plugins", "tui.engine.markup.markdown"} <= markdown_loaded
    assert not markdown_loaded & {"tui.engine.markup.rst", "tui.engine.markup.asciidoc"}
    rst_loaded = _loaded_after(["--json", str(rst), str(rst)])
    assert rst_loaded == {"tui.engine.markup.rst"}
    asciidoc_loaded = _loaded_after(["--json", str(asciidoc), str(asciidoc)])
    assert asciidoc_loaded == {"tui.engine.markup.asciidoc"}


def test_a_redline_loads_python_docx_only_for_word(seed_paths, tmp_path: Path) -> None:
    left, right = str(seed_paths[0]), str(seed_paths[1])
    html = _loaded_after(["--redline", "html", left, right, "-o", str(tmp_path / "r.html")])
    assert "docx" not in html
    word = _loaded_after(["--redline", "docx", left, right, "-o", str(tmp_path / "r.docx")])
    assert "docx" in word
