"""Passage text made safe and ready to wrap: what the panes show of a document.

Document text is data. Control characters and escape sequences are replaced by visible symbols one
for one (tui/engine/safe_text.py: so a hostile file can neither move the cursor nor retitle the
terminal), tabs are expanded,
and in prose the line ends of a hard-wrapped paragraph become single spaces. The result keeps a map
back to the passage's own character offsets so that word-diff spans land on the right characters.

Pure Python + rich.cells (no Textual): unit-tested directly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

from tui.engine.safe_text import for_terminal

TAB_SIZE = 8


# Whitespace around a line end inside a prose passage: the whole run becomes one space.
_PROSE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


@dataclass(frozen=True, slots=True)
class DisplayText:
    """Display string of one passage, plus the map back to passage offsets.

    `runs` is None when display index == passage offset everywhere; otherwise a sorted tuple of
    (display_start, source_start, source_length, display_length): 1:1 runs have equal lengths,
    others are whitespace runs collapsed or expanded (a tab, a line break with its indentation).
    """

    text: str
    runs: tuple[tuple[int, int, int, int], ...] | None = None
    preformatted: bool = False

    def to_display(self, offset: int) -> int:
        """Display index of passage offset `offset` (start of the run for collapsed whitespace)."""
        if self.runs is None:
            return min(offset, len(self.text))
        sources = [run[1] for run in self.runs]
        k = bisect_right(sources, offset) - 1
        if k < 0:
            return 0
        d_start, s_start, s_len, d_len = self.runs[k]
        if s_len == d_len:
            return d_start + min(offset - s_start, d_len)
        return d_start if offset == s_start else d_start + d_len

    @property
    def ascii(self) -> bool:
        return self.text.isascii()


def display_text(text: str, preformatted: bool) -> DisplayText:
    """Build the display form of a passage's text."""
    safe = for_terminal(text)
    if preformatted:
        if "\t" not in safe:
            return DisplayText(safe, None, True)
        return _with_tabs(safe, preformatted=True)
    if "\t" not in safe and _PROSE_BREAK.search(safe) is None:
        return DisplayText(safe, None, False)
    if "\t" not in safe and all(m.group() == "\n" for m in _PROSE_BREAK.finditer(safe)):
        return DisplayText(safe.replace("\n", " "), None, False)  # still one for one
    return _with_tabs(safe, preformatted=False)


def _with_tabs(safe: str, preformatted: bool) -> DisplayText:
    """General case: build runs piece by piece (tabs, collapsed line breaks)."""
    out: list[str] = []
    runs: list[tuple[int, int, int, int]] = []
    disp = 0
    column = 0  # column within the current source line, for tab stops

    def emit(s: str, source_start: int, source_length: int) -> None:
        nonlocal disp
        if not s and not source_length:
            return
        runs.append((disp, source_start, source_length, len(s)))
        out.append(s)
        disp += len(s)

    pattern = re.compile(r"\t|\n" if preformatted else r"\t|[ \t]*\n[ \t]*")
    pos = 0
    for match in pattern.finditer(safe):
        start, end = match.span()
        if start > pos:
            chunk = safe[pos:start]
            emit(chunk, pos, len(chunk))
            column += cell_len(chunk)
        token = match.group()
        if token == "\t":
            spaces = TAB_SIZE - column % TAB_SIZE
            emit(" " * spaces, start, 1)
            column += spaces
        elif preformatted:
            emit("\n", start, 1)
            column = 0
        else:
            emit(" ", start, end - start)
            # After a line break the next source line starts at column 0 plus its indentation.
            column = cell_len(token.rsplit("\n", 1)[-1].expandtabs(TAB_SIZE))
        pos = end
    if pos < len(safe):
        emit(safe[pos:], pos, len(safe) - pos)
    return DisplayText("".join(out), tuple(runs), preformatted)


_WORD = re.compile(r"\S+")


def _chop(text: str, start: int, end: int, width: int, ascii_only: bool) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most `width` cells (a word longer than a line)."""
    if ascii_only:
        return [(s, min(s + width, end)) for s in range(start, end, width)]
    pieces: list[tuple[int, int]] = []
    piece_start, cells = start, 0
    for i in range(start, end):
        w = cell_len(text[i])
        if cells + w > width and i > piece_start:
            pieces.append((piece_start, i))
            piece_start, cells = i, 0
        cells += w
    pieces.append((piece_start, end))
    return pieces


_LINE_PATTERNS: dict[int, re.Pattern[str]] = {}


def _line_pattern(width: int) -> re.Pattern[str]:
    """One wrapped line of ASCII text: from a word, as far as the last word that ends within
    `width` characters; failing that (a word longer than the line), `width` characters of it."""
    pattern = _LINE_PATTERNS.get(width)
    if pattern is None:
        pattern = re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{1,{width}}}")
        _LINE_PATTERNS[width] = pattern
    return pattern


def wrap_prose(text: str, width: int, ascii_only: bool | None = None) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) display indices of each line, at most `width` cells wide.

    Whitespace at a break is dropped; a word wider than a line is cut. Never returns no lines.
    ASCII text (most of it) is wrapped by one regular expression, in C; other text word by word
    with cell widths (wide characters, emoji, combining marks).
    """
    width = max(1, width)
    if ascii_only is None:
        ascii_only = text.isascii()
    measure = len if ascii_only else cell_len
    if measure(text) <= width:
        stripped_end = len(text.rstrip())
        return [(0, stripped_end)]
    if ascii_only and "\n" not in text:
        lines = []
        for match in _line_pattern(width).finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] == " ":
                end -= 1
            lines.append((start, end))
        return lines or [(0, 0)]
    return _wrap_by_words(text, width, ascii_only)


def _wrap_by_words(text: str, width: int, ascii_only: bool) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    cells = 0
    for match in _WORD.finditer(text):
        s, e = match.span()
        w = (e - s) if ascii_only else cell_len(match.group())
        if line_start >= 0:
            gap = (s - line_end) if ascii_only else cell_len(text[line_end:s])
            if cells + gap + w <= width:
                line_end, cells = e, cells + gap + w
                continue
            lines.append((line_start, line_end))
        if w > width:
            pieces = _chop(text, s, e, width, ascii_only)
            lines.extend(pieces[:-1])
            s = pieces[-1][0]
            w = (e - s) if ascii_only else cell_len(text[s:e])
        line_start, line_end, cells = s, e, w
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def wrap_preformatted(text: str, width: int) -> list[tuple[int, int]]:
    """Each source line on its own rows, its indentation kept; a line wider than the pane
    continues on the next rows, broken between words (a word wider than the pane is cut)."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if not stripped:
            lines.append((pos, pos))
        else:
            # The indentation stands in as part of the first word, so that it stays on the
            # first row and the row still fits the pane (spaces and "x" are one cell each).
            indent = len(stripped) - len(stripped.lstrip(" "))
            lines.extend(
                (pos + start, pos + end) for start, end in wrap_prose("x" * indent + stripped[indent:], width)
            )
        pos += len(line) + 1
    return lines


def wrap(display: DisplayText, width: int) -> list[tuple[int, int]]:
    if display.preformatted:
        return wrap_preformatted(display.text, width)
    return wrap_prose(display.text, width)
