"""A static side-by-side render of an alignment, for a terminal, a pager or a file: what
`diptych --git-external-diff` prints for each file of `git diff` and `git log -p`.

The rows are the app's own (tui/app/layout.py: wrapping, filler, the markers = ≈ ~ ↕ < >, word
highlights from tui/app/highlights.py, sentence-link notes), with runs of equal passages folded
and no key hints; Rich turns their roles into SGR escape sequences, or nothing is added at all.
Textual is never imported: git starts one diptych per changed file, and each start must be quick.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.color import ColorSystem
from rich.style import Style

from tui.app.layout import Layout, choose_stacked
from tui.app.statusbar import document_label
from tui.engine.compare import compute_stats
from tui.engine.model import Alignment
from tui.engine.safe_text import for_terminal

DEFAULT_WIDTH = 80
MIN_WIDTH = 20

# What the output gets: colours and attributes at one of Rich's depths, attributes only (strike,
# underline, bold, reverse, italic: NO_COLOR or --color never), or plain text (no escapes).
ATTRIBUTES = "attributes"
_SYSTEMS = {
    "standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR,
}
_FORCED = {"16": "standard", "256": "256", "truecolor": "truecolor"}

# The app's roles (tui/app/panes.py) in the sixteen named colours every terminal has, so one
# table serves every depth. Attributes carry the meaning without colour, as in the app.
_ROLE_STYLES = {
    "fill": "dim", "lineno": "dim", "label": "bold dim",
    "gutter-equal": "dim", "gutter-typo": "bold dim", "gutter-changed": "bold yellow",
    "gutter-left": "bold red", "gutter-right": "bold green", "gutter-moved": "bold cyan",
    "text-left-only": "red", "text-right-only": "green",
    "word-left-changed": "red strike", "word-right-changed": "green underline",
    "word-left-numeric": "bold reverse strike yellow", "word-right-numeric": "bold reverse underline yellow",
    "word-left-typographic": "italic dim", "word-right-typographic": "italic dim",
    "stub": "italic cyan", "fold": "italic dim", "link-note": "italic cyan", "link-sentence": "",
    "title": "bold", "note": "italic",
}
_STYLES = {role: Style.parse(spec) for role, spec in _ROLE_STYLES.items()}


def inert(text: str) -> str:
    """Text from git or a reader (paths, messages) as shown: control characters and escape
    sequences made visible, never obeyed. Every such text of the render passes here once; the
    documents' text and names go through the app's row model and labels, which do the same."""
    return for_terminal(text)


def color_mode(choice: str, to_terminal: bool, env: Mapping[str, str]) -> str | None:
    """"standard", "256" or "truecolor"; ATTRIBUTES; or None for plain text.

    `choice` is --color's value: 16, 256 and truecolor force that depth even into a pipe (a
    command-line choice beats NO_COLOR); auto and never paint only for a terminal (or git's pager,
    which shows the output on one), never and NO_COLOR with attributes only."""
    if choice in _FORCED:
        return _FORCED[choice]
    term = env.get("TERM", "").lower()
    if not to_terminal or term in ("dumb", "unknown"):
        return None
    if choice == "never" or env.get("NO_COLOR"):
        return ATTRIBUTES
    if env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256" if "256" in term else "standard"


def output_is_terminal(env: Mapping[str, str]) -> bool:
    """stdout is a terminal, or git's pager (GIT_PAGER_IN_USE) will show it on one — git colours
    its own output in that case too."""
    try:
        tty = os.isatty(1)
    except OSError:
        tty = False
    return tty or env.get("GIT_PAGER_IN_USE", "").lower() in ("true", "1", "yes")


def output_width(env: Mapping[str, str]) -> int:
    """COLUMNS (git sets it for its pager), else the terminal on stdout or stderr, else 80."""
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    for fd in (1, 2):
        try:
            return max(MIN_WIDTH, os.get_terminal_size(fd).columns)
        except OSError:
            continue
    return DEFAULT_WIDTH


@dataclass(frozen=True, slots=True)
class Painter:
    mode: str | None  # see color_mode

    def paint(self, frags: list[tuple[str, str]]) -> str:
        if self.mode is None:
            return "".join(text for text, _ in frags)
        system = _SYSTEMS.get(self.mode, ColorSystem.STANDARD)
        out = []
        for text, role in frags:
            style = _STYLES.get(role)
            if style is None or not text:
                out.append(text)
                continue
            if self.mode == ATTRIBUTES:
                style = style.without_color
            out.append(style.render(text, color_system=system))
        return "".join(out)


def _blank_shows(role: str) -> bool:
    """Would a space in this role be seen (a background, underline, strike or reverse)?"""
    style = _STYLES.get(role)
    return style is not None and bool(style.bgcolor or style.underline or style.strike or style.reverse)


def _trimmed(frags: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Without the selection column (nothing is selected here) and the row's trailing spaces."""
    if frags:
        first, role = frags[0]
        frags = frags[1:] if cell_len(first) == 1 else [(first[1:], role), *frags[1:]]
    while frags and not _blank_shows(frags[-1][1]):
        text, role = frags[-1]
        stripped = text.rstrip(" ")
        if stripped:
            frags[-1] = (stripped, role)
            break
        frags.pop()
    return frags


def summary(alignment: Alignment) -> str:
    """"2 changed · 1 moved · 1 left only · 3 right only", or "no differences"."""
    stats = compute_stats(alignment)
    parts = [
        f"{count} {name}" for count, name in (
            (stats.changed, "changed"), (stats.moved, "moved"), (stats.left_only, "left only"),
            (stats.right_only, "right only"), (stats.typographic_only, "typographic only"),
        ) if count
    ]
    return " · ".join(parts) if parts else "no differences"


def title_line(painter: Painter, title: str, detail: str, width: int) -> str:
    """"── chapter.md ── 2 changed · 1 left only ─────" in exactly `width` cells; `title` and
    `detail` (paths, git's or a reader's messages) shown inertly."""
    title, detail = inert(title), inert(detail)
    text = f"── {title} ── {detail} " if detail else f"── {title} "
    if cell_len(text) >= width:
        text = set_cell_size(text, width - 1) + "…"
    else:
        text += "─" * (width - cell_len(text))
    return painter.paint([(text, "title")])


def render(
    alignment: Alignment, width: int, painter: Painter, *, title: str, detail: str | None = None,
    one_sided: bool = False,
) -> Iterator[str]:
    """Lines (without line ends) of the render: a title line (`detail`: the summary of the
    differences unless given), the two documents' names over their columns, then the rows.
    `one_sided` (an added or deleted file) shows one full-width column."""
    stacked = True if one_sided else choose_stacked(width)
    # One more column than wanted: the app's selection column is dropped from every row.
    layout = Layout(alignment, width + 1, stacked=stacked, fold_equal=True, key_hints=False)
    yield title_line(painter, title, summary(alignment) if detail is None else detail, width)
    yield from (painter.paint(frags) for frags in _name_rows(alignment, layout, one_sided))
    rows = [_trimmed(layout.row(y).frags) for y in range(layout.total_rows)]
    while rows and not rows[-1]:  # the gap after the last passage
        rows.pop()
    yield from (painter.paint(frags) for frags in rows)


def _name_rows(alignment: Alignment, layout: Layout, one_sided: bool) -> list[list[tuple[str, str]]]:
    """The documents' names, each over its own text column (stacked: labelled L and R)."""
    geo = layout.geometry
    left = document_label(alignment.left, geo.left_text)
    right = document_label(alignment.right, geo.right_text)
    if geo.stacked:
        indent = " " * (geo.number_width + 2)
        rows = []
        if alignment.left.text or not one_sided:
            rows.append([("  L ", "label"), (indent + left, "note")])
        if alignment.right.text or not one_sided:
            rows.append([("   R", "label"), (indent + right, "note")])
        return rows
    number = " " * (geo.number_width + 1)
    return [[
        (number + set_cell_size(left, geo.left_text), "note"),
        ("   " + number + right, "note"),
    ]]
