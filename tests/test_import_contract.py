"""The layers of ARCHITECTURE.md hold: every module of tui/ imports only what the table "Who may
import whom" allows (read from ARCHITECTURE.md itself, so the page and the code cannot drift
apart), no tui modules import each other in a circle, the engine never imports Textual, and
neither `diptych --json` nor git's external diff (started once per changed file) pays for
importing it (nor for textual-serve, which only --serve needs)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages that must stay usable without a terminal UI.
HEADLESS_PACKAGES = ["tui/engine", "tui/review", "tui/git", "tui/redline"]


@dataclass(frozen=True, slots=True)
class Import:
    name: str  # the module, or for `from M import x` the name M.x
    lazy: bool  # inside a function, or only for type checkers: not run when the module is loaded


def _imports(path: Path) -> list[Import]:
    """Every import of a module, with whether it runs when the module is loaded."""
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(alias.name, lazy) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0, f"{path}: a relative import"
                found.extend(Import(f"{child.module}.{alias.name}", lazy) for alias in child.names)
            type_checking = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, lazy or type_checking or function)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _imported_modules(path: Path) -> set[str]:
    return {i.name for i in _imports(path)}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _program_modules() -> list[Path]:
    return sorted((ROOT / "tui").rglob("*.py"))


@dataclass(frozen=True, slots=True)
class Row:
    where: str  # tui/engine, tui/engine/formats, tui/cli.py …
    imports: tuple[str, ...]
    lazily: tuple[str, ...]


def _table() -> list[Row]:
    """The rows of ARCHITECTURE.md's table "Who may import whom"."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Who may import whom", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`tui"):
            where, imports, lazily = (re.findall(r"`([^`]+)`", cell) for cell in cells)
            rows.append(Row(where[0], tuple(imports), tuple(lazily)))
    return rows


def _part(where: str) -> str:
    """The part a path belongs to: tui/engine for tui/engine/formats/docx.py, tui/cli.py for itself."""
    parts = where.split("/")
    return "/".join(parts[:2])


def _covers(where: str, relative: str) -> bool:
    return relative == where or relative.startswith(where + "/")


def _allowed(name: str, allowed: set[str]) -> bool:
    parts = name.split(".")
    return any(".".join(parts[:k]) in allowed for k in range(1, len(parts) + 1))


def violations(rows: list[Row], modules: dict[str, list[Import]]) -> list[str]:
    """Each import the table does not allow, as "tui/x.py imports name"; `modules`: each
    module's path under the repository and its imports."""
    found = []
    for relative, imports in modules.items():
        if relative == "tui/__init__.py":
            continue  # the version, and nothing else
        mine = [row for row in rows if _covers(row.where, relative)]
        assert mine, f"{relative} is in no row of ARCHITECTURE.md's table"
        own = _part(mine[0].where).removesuffix(".py").replace("/", ".")
        at_load = {own, "tui.__version__"} | {name for row in mine for name in row.imports}
        inside = at_load | {name for row in mine for name in row.lazily}
        for imported in imports:
            if imported.name.split(".")[0] in sys.stdlib_module_names:
                continue
            if not _allowed(imported.name, inside if imported.lazy else at_load):
                how = "lazily " if imported.lazy else ""
                found.append(f"{relative} imports {how}{imported.name}")
    return found


def test_every_module_imports_only_what_architecture_md_allows() -> None:
    rows = _table()
    assert len(rows) >= 10  # the table was found and read
    for row in rows:
        assert (ROOT / row.where).exists(), f"ARCHITECTURE.md names {row.where}, which does not exist"
    modules = {path.relative_to(ROOT).as_posix(): _imports(path) for path in _program_modules()}
    assert len(modules) >= 100
    assert violations(rows, modules) == []


def test_the_table_keeps_the_layers() -> None:
    rows = _table()

    def allowed(part: str) -> set[str]:
        return {name for row in rows if _part(row.where) == part for name in row.imports + row.lazily}

    for lower, above in (
        ("tui/engine", {"tui.review", "tui.redline", "tui.app", "tui.git", "tui.serve", "tui.cli"}),
        ("tui/review", {"tui.app", "tui.redline", "tui.serve", "tui.cli"}),
        ("tui/redline", {"tui.app", "tui.serve", "tui.cli"}),
        ("tui/git", {"tui.app", "tui.review", "tui.redline", "tui.serve", "tui.cli"}),
    ):
        assert not {name for name in allowed(lower) if _allowed(name, above | {"textual"})}, lower
    for row in rows:  # nothing in the program imports the evaluation
        if _part(row.where) != "tui/evaluation":
            assert not any(_allowed(name, {"tui.evaluation"}) for name in row.imports + row.lazily), row


def test_a_violation_is_caught(tmp_path: Path) -> None:
    # The check itself can fail: an engine module importing the app inside a function, and a
    # review module importing the evaluation when it is loaded, are both reported.
    probe = tmp_path / "probe.py"
    source = "from tui.evaluation.gold import score\n\ndef f():\n    from tui.app import layout\n"
    probe.write_text(source, encoding="utf-8")
    imports = _imports(probe)
    assert imports == [Import("tui.evaluation.gold.score", False), Import("tui.app.layout", True)]
    found = violations(_table(), {"tui/engine/probe.py": imports, "tui/review/probe.py": imports[:1]})
    assert found == [
        "tui/engine/probe.py imports tui.evaluation.gold.score",
        "tui/engine/probe.py imports lazily tui.app.layout",
        "tui/review/probe.py imports tui.evaluation.gold.score",
    ]


def _module_level_graph() -> dict[str, set[str]]:
    """Which tui modules each tui module imports when it is loaded."""
    paths = _program_modules()
    names = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        edges = set()
        for imported in _imports(path):
            if imported.lazy or not imported.name.startswith("tui"):
                continue
            # `from tui.review import store` imports a module; `from tui.review import X` a package.
            target = imported.name if imported.name in names else imported.name.rsplit(".", 1)[0]
            if target in names:
                edges.add(target)
        graph[_module_name(path)] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_no_import_cycles_among_tui_modules() -> None:
    graph = _module_level_graph()
    assert "tui.review.changelog_model" in graph["tui.review.changelog_html"]  # the graph was built
    assert cycles(graph) == []


def test_a_cycle_is_caught() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


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
