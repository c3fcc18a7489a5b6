"""The text of a converted document, built unit by unit, with the place of every piece."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from tui.engine.model import Document, Place, ReadOptions, Source
from tui.engine.reading import MAX_INPUT_BYTES, InputError, make_document

# Line and paragraph breaks inside a unit, tabs, and other white space runs become one space: a
# unit is one line of the text, so segmentation makes exactly one passage of it.
_BREAKS = re.compile("[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")

UNIT_SEPARATOR = "\n\n"


def one_line(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


class TextBuilder:
    """Units in reading order, each one line, blank lines between them."""

    def __init__(self, path: str, max_chars: int = MAX_INPUT_BYTES) -> None:
        self._path = path
        self._units: list[str] = []
        self._length = 0
        self._max_chars = max_chars
        self.starts: list[int] = []
        self.places: list[Place] = []

    def __len__(self) -> int:
        return len(self._units)

    def add(self, text: str, place: Place) -> bool:
        """Add one unit; False (nothing added) when it is blank."""
        return self.add_pieces(((text, place, ""),))

    def add_pieces(self, pieces: Sequence[tuple[str, Place, str]]) -> bool:
        """Add one unit made of pieces, each with its own place and the text that joins it to the
        piece before ("" or " "): the lines of a PDF paragraph, a word hyphenated across two of
        them joined with ""; False when they are all blank."""
        start = self._length + (len(UNIT_SEPARATOR) if self._units else 0)
        parts: list[str] = []
        offset = start
        for text, place, joint in pieces:
            clean = one_line(text)
            if not clean:
                continue
            if parts:
                parts.append(joint)
                offset += len(joint)
            if not parts or self.places[-1] != place:
                self.starts.append(offset)
                self.places.append(place)
            parts.append(clean)
            offset += len(clean)
        if not parts:
            return False
        unit = "".join(parts)
        self._units.append(unit)
        self._length = start + len(unit)
        if self._length > self._max_chars:
            raise InputError(f"{self._path}: more than {self._max_chars // (1024 * 1024)} MiB of text")
        return True

    def document(
        self, path: str, *, fmt: str, name: str, view: str | None, options: ReadOptions,
        encoding: str = "utf-8", note: str | None = None,
    ) -> Document:
        text = UNIT_SEPARATOR.join(self._units) + ("\n" if self._units else "")
        doc = make_document(path, text, encoding, note)
        source = Source(fmt, name, view, options, tuple(self.starts), tuple(self.places))
        return replace(doc, source=source)


class Flow:
    """The units of a word processor's body (Word, OpenDocument): paragraphs numbered in reading
    order; a paragraph whose mark is not in this version (a tracked change deleted or inserted it)
    joins the next one; what a paragraph carries (its notes, its text boxes) follows its unit;
    tables are added row by row."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.paragraphs = 0
        self.tables = 0
        self._open: list[str] | None = None
        self._after: list[Callable[[], None]] = []

    def after_unit(self, work: Callable[[], None]) -> None:
        """Run `work` once the unit being read is added (a note it references, a text box)."""
        self._after.append(work)

    def paragraph(self, text: str, mark_shown: bool, number: Callable[[], str]) -> None:
        """One paragraph of the body; `number` gives its list number or bullet (it advances the
        list's counters: called only when the paragraph starts a unit)."""
        if self._open is None:
            if not mark_shown and not text.strip():
                return  # the whole paragraph, mark and all, is not in this version
            self._open = [number() + text]
        else:
            self._open.append(text)
        if mark_shown:
            self.close()

    def close(self) -> None:
        """End the open unit (at a table, a break, the end of the body) and run what follows it."""
        if self._open is not None:
            text, self._open = "".join(self._open), None
            if self.builder.add(text, Place("paragraph", self.paragraphs + 1)):
                self.paragraphs += 1
        self._run_after()

    def _run_after(self) -> None:
        while self._after:
            work, self._after = self._after, []
            for item in work:
                item()

    def table(self, rows: Iterable[list[list[str]]], one_column: bool) -> None:
        """A table: each row a unit, its cells (each a list of paragraph texts) joined by " | ";
        in a one-column table (a box of text) each paragraph is a unit. `rows` is read lazily, so
        the notes a row references follow that row."""
        self.close()
        self.tables += 1
        number = self.tables
        for index, cells in enumerate(rows, start=1):
            place = Place("table", number, index)
            if one_column:
                for text in (cells[0] if cells else []):
                    self.builder.add(text, place)
            else:
                self.builder.add(row_text(cells), place)
            self._run_after()


def row_text(cells: list[list[str]]) -> str:
    """A table row as one line: each cell's paragraphs joined by a space, cells by " | "."""
    texts = (" ".join(text.strip() for text in cell if text.strip()) for cell in cells)
    return " | ".join(text for text in texts if text)
