"""Convert Textual's SVG screenshots to PNG with rsvg-convert, faithfully.

librsvg drops the leading non-breaking spaces of a <text> run that has a textLength, which
shifts words by a cell next to every highlight ("cede Crimean territory" renders as
"cede Crimeanterritory"). Each run's leading spaces are turned into an x offset first; the SVG
files themselves are left as Textual wrote them.

Usage: python screenshots/svg_to_png.py FILE.svg [...]   (writes FILE.png next to each)
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_TEXT = re.compile(
    r'(<text\b[^>]*?\bx=")([\d.]+)("[^>]*?\btextLength=")([\d.]+)("[^>]*>)(.*?)(</text>)', re.S
)
NBSP = "&#160;"


def _shift_leading_spaces(match: re.Match[str]) -> str:
    head, x, mid, length, tail, content, end = match.groups()
    lead = 0
    while content.startswith(NBSP, lead * len(NBSP)):
        lead += 1
    chars = len(html.unescape(content))
    if lead == 0 or lead >= chars:
        return match.group(0)
    cell = float(length) / chars
    new_x = float(x) + lead * cell
    new_length = float(length) - lead * cell
    return f"{head}{new_x:.1f}{mid}{new_length:.1f}{tail}{content[lead * len(NBSP):]}{end}"


def fix_svg(svg: str) -> str:
    return _TEXT.sub(_shift_leading_spaces, svg)


def convert(svg_path: Path, width: int = 1600) -> Path:
    png_path = svg_path.with_suffix(".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False, encoding="utf-8") as tmp:
        tmp.write(fix_svg(svg_path.read_text(encoding="utf-8")))
    try:
        subprocess.run(["rsvg-convert", "-w", str(width), tmp.name, "-o", str(png_path)], check=True)
    finally:
        Path(tmp.name).unlink()
    return png_path


def main(argv: list[str]) -> int:
    if shutil.which("rsvg-convert") is None:
        print("svg_to_png: rsvg-convert not found (apt-get install librsvg2-bin); SVGs kept", file=sys.stderr)
        return 2
    for name in argv:
        print(convert(Path(name)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
