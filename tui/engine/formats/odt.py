"""OpenDocument text (.odt): the same units and places as Word (see docx.py) from content.xml.

- Lists: the number LibreOffice shows, from the list style's level (format, prefix, suffix, the
  levels it displays, start value); a list continues the previous one's numbering only when it
  says so (text:continue-numbering, text:continue-list). Outline-numbered headings likewise.
- Tracked changes: insertions sit in the body between text:change-start and text:change-end,
  deletions in text:tracked-changes with a text:change where they were. Accepted: the body as it
  is. Rejected: insertions left out (an inserted paragraph break joins two paragraphs) and each
  deletion put back where it was (a deleted paragraph break splits them again).
- Comments (office:annotation) and the generated parts of indexes' templates are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from tui.engine.formats.limits import Archive, parse_xml
from tui.engine.formats.numerals import ODF_FORMATS, bullet, formatted
from tui.engine.formats.units import Flow, TextBuilder, row_text
from tui.engine.model import Document, Place, ReadOptions
from tui.engine.reading import InputError

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_PARAGRAPHS = (TEXT + "p", TEXT + "h")
# Containers whose children are body blocks (sections, the generated body of an index).
_BLOCK_CONTAINERS = (TEXT + "section", TEXT + "index-body", TEXT + "table-of-content",
                     TEXT + "alphabetical-index", TEXT + "illustration-index", TEXT + "table-index",
                     TEXT + "object-index", TEXT + "user-index", TEXT + "bibliography")
# Never text a reader sees: comments, change records, templates of indexes, drawings' titles.
_SKIPPED = frozenset((
    OFFICE + "annotation", OFFICE + "annotation-end", TEXT + "tracked-changes", TEXT + "index-source",
    TEXT + "table-of-content-source", TEXT + "note-citation", TEXT + "number",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}desc",
))
_ROW_GROUPS = (TABLE + "table-header-rows", TABLE + "table-rows", TABLE + "table-row-group")
_BREAK = None  # in a paragraph's pieces: a paragraph break put back by a rejected deletion


@dataclass(frozen=True, slots=True)
class _LevelStyle:
    fmt: str = "none"  # a Word numFmt name, or "bullet"
    prefix: str = ""
    suffix: str = ""
    display: int = 1  # how many levels the label shows (text:display-levels)
    start: int = 1
    bullet: str = "•"


def _list_styles(roots: list[Element]) -> dict[str, dict[int, _LevelStyle]]:
    styles: dict[str, dict[int, _LevelStyle]] = {}
    for root in roots:
        for style in root.iter(TEXT + "list-style"):
            styles[style.get(STYLE + "name") or ""] = _levels(style)
    return styles


def _levels(style: Element) -> dict[int, _LevelStyle]:
    levels: dict[int, _LevelStyle] = {}
    for child in style:
        level = _int(child.get(TEXT + "level"), 1)
        if child.tag in (TEXT + "list-level-style-number", TEXT + "outline-level-style"):
            levels[level] = _LevelStyle(
                fmt=ODF_FORMATS.get(child.get(STYLE + "num-format") or "", "decimal"),
                prefix=child.get(STYLE + "num-prefix") or "",
                suffix=child.get(STYLE + "num-suffix") or "",
                display=_int(child.get(TEXT + "display-levels"), 1),
                start=_int(child.get(TEXT + "start-value"), 1),
            )
        elif child.tag == TEXT + "list-level-style-bullet":
            levels[level] = _LevelStyle(fmt="bullet", bullet=bullet(child.get(TEXT + "bullet-char") or ""))
    return levels


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Counters:
    """The counters of one list (or of the outline): one per level, 1-based."""

    def __init__(self) -> None:
        self.values: dict[int, int] = {}

    def label(self, levels: dict[int, _LevelStyle], level: int, start_value: int | None) -> str:
        style = levels.get(level, _LevelStyle())
        current = self.values.get(level)
        self.values[level] = start_value if start_value is not None else (
            style.start if current is None else current + 1)
        for deeper in [key for key in self.values if key > level]:
            del self.values[deeper]
        if style.fmt == "bullet":
            return style.bullet + " "
        if style.fmt == "none":
            return ""
        numbers = []
        for n in range(max(1, level - style.display + 1), level + 1):  # the levels the label shows
            other = levels.get(n, _LevelStyle(fmt="decimal"))
            numbers.append(formatted(self.values.get(n, other.start), other.fmt))
        return f"{style.prefix}{'.'.join(numbers)}{style.suffix} "


class _Reader:
    def __init__(self, path: str, content: Element, styles: Element | None, accept: bool) -> None:
        self.accept = accept
        roots = [content] + ([styles] if styles is not None else [])
        self.list_styles = _list_styles(roots)
        outline = next((s for root in roots for s in root.iter(TEXT + "outline-style")), None)
        self.outline_levels = _levels(outline) if outline is not None else {}
        self.outline = _Counters()
        self.paragraph_lists = self._paragraph_list_styles(roots)
        self.insertions: set[str] = set()
        self.deletions: dict[str, Element] = {}
        for region in content.iter(TEXT + "changed-region"):
            region_id = region.get(TEXT + "id") or region.get(XML_ID) or ""
            if region.find(TEXT + "insertion") is not None:
                self.insertions.add(region_id)
            deletion = region.find(TEXT + "deletion")
            if deletion is not None:
                self.deletions[region_id] = deletion
        self.open_insertions: set[str] = set()
        self.builder = TextBuilder(path)
        self.flow = Flow(self.builder)
        self.lists: dict[str, _Counters] = {}  # by list id, for text:continue-list
        self.last_list: dict[str, _Counters] = {}  # by list style, for text:continue-numbering
        self.note_counts = {"footnote": 0, "endnote": 0}

    @staticmethod
    def _paragraph_list_styles(roots: list[Element]) -> dict[str, str]:
        """Paragraph style name -> the list style it gives its paragraphs."""
        out: dict[str, str] = {}
        for root in roots:
            for style in root.iter(STYLE + "style"):
                list_style = style.get(STYLE + "list-style-name")
                if list_style:
                    out[style.get(STYLE + "name") or ""] = list_style
        return out

    # -- blocks ------------------------------------------------------------------------------------------

    def body(self, container: Element) -> None:
        for element in self._blocks(container):
            self._block(element, None)
        self.flow.close()

    def _blocks(self, container: Element) -> Iterator[Element]:
        stack = list(reversed(container))
        while stack:
            element = stack.pop()
            if element.tag in _BLOCK_CONTAINERS:
                stack.extend(reversed(element))
            elif element.tag in (*_PARAGRAPHS, TEXT + "list", TABLE + "table"):
                yield element

    def _block(self, element: Element, label: str | None) -> None:
        if element.tag in _PARAGRAPHS:
            self._paragraph(element, label)
        elif element.tag == TEXT + "list":
            self._list(element, None, 1, None)
        elif element.tag == TABLE + "table":
            rows = self._rows(element)
            one_column = all(len(self._cells_of(row)) <= 1 for row in rows)
            self.flow.table((self._cells(row) for row in rows), one_column)

    def _paragraph(self, paragraph: Element, label: str | None) -> None:
        pieces = self.paragraph_pieces(paragraph)
        mark_shown = self.accept or not self.open_insertions
        parts = _split(pieces)
        first_number = label if label is not None else self._heading_number(paragraph)
        for index, text in enumerate(parts):
            last = index == len(parts) - 1
            number = first_number if index == 0 else ""  # a paragraph put back has no number of its own
            self.flow.paragraph(text, mark_shown or not last, lambda n=number: n)

    def _heading_number(self, paragraph: Element) -> str:
        if paragraph.tag != TEXT + "h":
            return ""
        shown = paragraph.find(TEXT + "number")
        level = _int(paragraph.get(TEXT + "outline-level"), 1)
        label = self.outline.label(self.outline_levels, level, None) if self.outline_levels else ""
        if shown is not None and (shown.text or "").strip():
            return (shown.text or "").strip() + " "
        return label

    def _list(self, element: Element, style: str | None, level: int, counters: _Counters | None) -> None:
        style = element.get(TEXT + "style-name") or style
        if counters is None:  # a top-level list: new numbering, unless it continues another's
            continued = element.get(TEXT + "continue-list")
            if continued and continued in self.lists:
                counters = self.lists[continued]
            elif element.get(TEXT + "continue-numbering") == "true" and style in self.last_list:
                counters = self.last_list[style or ""]
            else:
                counters = _Counters()
            self.last_list[style or ""] = counters
        list_id = element.get(XML_ID)
        if list_id:
            self.lists[list_id] = counters
        for item in element:
            if item.tag not in (TEXT + "list-item", TEXT + "list-header"):
                continue
            start = item.get(TEXT + "start-value")
            first = True
            for child in item:
                if child.tag == TEXT + "list":
                    self._list(child, style, level + 1, counters)
                elif child.tag in (*_PARAGRAPHS, TABLE + "table"):
                    label = ""
                    if first and item.tag == TEXT + "list-item" and child.tag in _PARAGRAPHS:
                        label = self._item_label(child, style, level, counters, start)
                    first = False
                    self._block(child, label)

    def _item_label(
        self, paragraph: Element, style: str | None, level: int, counters: _Counters, start: str | None
    ) -> str:
        list_style = style or self.paragraph_lists.get(paragraph.get(TEXT + "style-name") or "")
        levels = self.list_styles.get(list_style or "", {})
        label = counters.label(levels, level, _int(start, 1) if start is not None else None)
        shown = paragraph.find(TEXT + "number")
        if shown is not None and (shown.text or "").strip():  # the producer wrote the number: use it
            return (shown.text or "").strip() + " "
        return label

    def _rows(self, table: Element) -> list[Element]:
        rows: list[Element] = []
        stack = list(reversed(table))
        while stack:
            element = stack.pop()
            if element.tag == TABLE + "table-row":
                rows.append(element)
            elif element.tag in _ROW_GROUPS:
                stack.extend(reversed(element))
        return rows

    @staticmethod
    def _cells_of(row: Element) -> list[Element]:
        return [cell for cell in row if cell.tag == TABLE + "table-cell"]

    def _cells(self, row: Element) -> list[list[str]]:
        cells = []
        for cell in self._cells_of(row):
            texts: list[str] = []
            for element in self._blocks(cell):
                texts.extend(self._texts(element))
            cells.append(texts)
        return cells

    def _texts(self, element: Element) -> list[str]:
        """The paragraph texts of a block inside a table cell or a note (a list's items numbered
        with bullets or numbers left out: a cell is read as its words)."""
        if element.tag in _PARAGRAPHS:
            return [text for text in _split(self.paragraph_pieces(element)) if text.strip()]
        if element.tag == TABLE + "table":
            return [row_text(self._cells(row)) for row in self._rows(element)]
        out: list[str] = []
        for child in element.iter():
            if child.tag in _PARAGRAPHS:
                out.extend(text for text in _split(self.paragraph_pieces(child)) if text.strip())
        return out

    # -- inline ------------------------------------------------------------------------------------------

    def _hidden(self) -> bool:
        return not self.accept and bool(self.open_insertions)

    def paragraph_pieces(self, paragraph: Element) -> list[str | None]:
        """The paragraph's text in this version, in pieces; _BREAK where a rejected deletion puts a
        paragraph break back. Notes and text boxes are queued to follow the paragraph's unit."""
        out: list[str | None] = []
        if paragraph.text and not self._hidden():
            out.append(paragraph.text)
        # (element, tail only): the tail of an element is read after its children.
        stack: list[tuple[Element, bool]] = []
        for child in reversed(paragraph):
            stack.append((child, True))
            stack.append((child, False))
        while stack:
            element, tail = stack.pop()
            if tail:
                if element.tail and not self._hidden():
                    out.append(element.tail)
                continue
            tag = element.tag
            if tag in _SKIPPED:
                continue
            if tag == TEXT + "s":
                if not self._hidden():
                    out.append(" " * max(1, _int(element.get(TEXT + "c"), 1)))
                continue
            if tag in (TEXT + "tab", TEXT + "line-break"):
                if not self._hidden():
                    out.append(" ")
                continue
            if tag == TEXT + "note":
                if not self._hidden():
                    self._queue_note(element)
                continue
            if tag == TEXT + "change-start":
                if element.get(TEXT + "change-id") in self.insertions:
                    self.open_insertions.add(element.get(TEXT + "change-id") or "")
                continue
            if tag == TEXT + "change-end":
                self.open_insertions.discard(element.get(TEXT + "change-id") or "")
                continue
            if tag == TEXT + "change":
                if not self.accept:
                    out.extend(self._deleted(element.get(TEXT + "change-id") or ""))
                continue
            if tag == DRAW + "text-box":
                if not self._hidden():
                    self.flow.after_unit(lambda box=element: self._box(box))
                continue
            if tag in _PARAGRAPHS or tag == TEXT + "list" or tag == TABLE + "table":
                continue  # block content inside inline content (a frame's caption...): not read
            if element.text and not self._hidden():
                out.append(element.text)
            for child in reversed(element):
                stack.append((child, True))
                stack.append((child, False))
        return out

    def _deleted(self, change_id: str) -> list[str | None]:
        """The text a rejected deletion puts back: its paragraphs, separated by breaks."""
        deletion = self.deletions.get(change_id)
        if deletion is None:
            return []
        out: list[str | None] = []
        paragraphs = 0
        for element in deletion.iter():
            if element.tag in _PARAGRAPHS:
                if paragraphs:  # an empty deleted paragraph still ends with a break
                    out.append(_BREAK)
                paragraphs += 1
                out.extend(self.paragraph_pieces(element))
        return out

    def _queue_note(self, note: Element) -> None:
        kind = "endnote" if note.get(TEXT + "note-class") == "endnote" else "footnote"
        self.note_counts[kind] += 1
        citation = (note.findtext(TEXT + "note-citation") or "").strip()
        number = int(citation) if citation.isdigit() else self.note_counts[kind]
        body = note.find(TEXT + "note-body")
        if body is not None:
            self.flow.after_unit(lambda: self._note(kind, number, body))

    def _note(self, kind: str, number: int, body: Element) -> None:
        for element in self._blocks(body):
            for text in self._texts(element):
                self.builder.add(text, Place(kind, number))

    def _box(self, box: Element) -> None:
        for element in self._blocks(box):
            self._block(element, None)
        self.flow.close()


def _split(pieces: list[str | None]) -> list[str]:
    """Pieces with breaks -> the texts between the breaks (at least one)."""
    parts: list[str] = [""]
    for piece in pieces:
        if piece is _BREAK:
            parts.append("")
        else:
            parts[-1] += piece
    return parts


def read_odt(path: str, raw: bytes, options: ReadOptions) -> Document:
    archive = Archive(raw, path, "OpenDocument text")
    content = parse_xml(archive.read("content.xml"), archive, "content.xml")
    styles_data = archive.read_optional("styles.xml")
    styles = parse_xml(styles_data, archive, "styles.xml") if styles_data is not None else None
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise InputError(f"{path}: OpenDocument text: no text body in content.xml")
    accept = options.changes != "reject"
    reader = _Reader(path, content, styles, accept)
    try:
        reader.body(text)
    except RecursionError:  # lists or text boxes nested thousands deep
        raise InputError(f"{path}: OpenDocument text: nested too deeply") from None
    tracked = not accept or text.find(TEXT + "tracked-changes") is not None
    view = "accepted" if accept else "original"
    return reader.builder.document(
        path, fmt="odt", name="OpenDocument", view=view if tracked else None, options=options,
    )
