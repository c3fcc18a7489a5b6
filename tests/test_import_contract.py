"""The engine never imports Textual, and `diptych --json` does not pay for importing it (nor for
textual-serve, which only --serve needs)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages that must stay usable without a terminal UI.
HEADLESS_PACKAGES = ["tui/engine", "tui/review"]


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
