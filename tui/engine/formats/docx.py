"""Word (.docx): the text as a reader sees it, one unit per paragraph, list item, heading, table
row and footnote, with paragraph numbers (tables: table and row; notes: their number).

- Reading order: the body's paragraphs and tables, content controls and text boxes included (a
  text box's paragraphs follow the paragraph that anchors it; its fallback copy is skipped).
- Lists: the number or bullet Word shows ("2.1.", "b)", "•"), computed by docx_numbering.
- Tables: a row is one unit, its cells joined by " | ": a row is the record a reader compares,
  and a changed cell is then shown with the rest of its row as context; cells alone are short,
  repetitive texts ("Yes", "4") that pair badly. A one-column table is a box of text: each of
  its paragraphs is a unit.
- Footnotes and endnotes: each paragraph of a note is a unit right after the unit that
  references it, so it stays near its context; the mark itself is not put in the text (a note
  inserted early would renumber every later mark: noise, not a change of wording).
- Tracked changes: with changes accepted (the default) insertions are read and deletions are
  not; with changes rejected (`--tracked`'s left side), the reverse. A deleted paragraph mark
  joins two paragraphs, an inserted one splits them, rows can be inserted or deleted.
- Hidden text (w:vanish), field codes, comments, headers and footers are not read.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from tui.engine.formats.docx_numbering import Numbering, Styles, W, wval
from tui.engine.formats.limits import Archive, parse_xml
from tui.engine.formats.units import Flow, TextBuilder, row_text
from tui.engine.model import Document, Place, ReadOptions
from tui.engine.reading import InputError

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CONTAINERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")
# Never text a reader sees as part of the paragraph.
_SKIPPED = frozenset(W + name for name in (
    "pPr", "rPr", "instrText", "delInstrText", "commentReference", "annotationRef", "footnoteRef",
    "endnoteRef", "sectPr", "tblPr", "trPr", "tcPr", "sdtPr", "sdtEndPr", "bookmarkStart", "bookmarkEnd",
))
_BLOCKS = (W + "p", W + "tbl")
_TEXT = (W + "t", W + "delText")
_SPACE = (W + "tab", W + "br", W + "cr", W + "ptab")
_HIDDEN_RUN = (W + "vanish", W + "webHidden")
_NOTE_REFERENCES = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}


def _on(element: Element | None) -> bool:
    """A toggle property (w:vanish, w:isLgl...): present, and not switched off."""
    return element is not None and wval(element, "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, archive: Archive, accept: bool) -> None:
        path = archive.path
        self.accept = accept
        styles = Styles(self._part(archive, "word/styles.xml"))
        self.styles = styles
        self.numbering = Numbering(self._part(archive, "word/numbering.xml"), styles)
        self.notes: dict[tuple[str, str], Element] = {}
        for kind in ("footnote", "endnote"):
            root = self._part(archive, f"word/{kind}s.xml")
            if root is None:
                continue
            for note in root.findall(W + kind):
                if note.get(W + "type") in (None, "normal"):
                    self.notes[(kind, note.get(W + "id") or "")] = note
        self.builder = TextBuilder(path)
        self.flow = Flow(self.builder)
        self.note_counts = {"footnote": 0, "endnote": 0}

    @staticmethod
    def _part(archive: Archive, name: str) -> Element | None:
        data = archive.read_optional(name)
        return None if data is None else parse_xml(data, archive, name)

    # -- block level -------------------------------------------------------------------------------

    @staticmethod
    def children(parent: Element, tags: tuple[str, ...]) -> list[Element]:
        """The children of `parent` with one of `tags`, through content controls and custom XML."""
        out: list[Element] = []
        stack = list(reversed(parent))
        while stack:
            element = stack.pop()
            if element.tag in tags:
                out.append(element)
            elif element.tag in _CONTAINERS:
                stack.extend(reversed(element))
        return out

    def body(self, container: Element) -> None:
        for element in self.children(container, _BLOCKS):
            if element.tag == W + "p":
                text, mark_shown = self.paragraph_text(element)
                self.flow.paragraph(text, mark_shown, lambda p=element: self._number(p))
            else:
                rows = [row for row in self.children(element, (W + "tr",)) if self._row_shown(row)]
                one_column = all(len(self.children(row, (W + "tc",))) <= 1 for row in rows)
                self.flow.table((self._cells(row) for row in rows), one_column)
        self.flow.close()

    def _note(self, kind: str, number: int, note: Element) -> None:
        for element in self.children(note, _BLOCKS):
            if element.tag == W + "p":
                text, _ = self.paragraph_text(element)
                self.builder.add(self._number(element) + text, Place(kind, number))
            else:
                for row in self._rows(element):
                    self.builder.add(row_text(row), Place(kind, number))

    def _row_shown(self, row: Element) -> bool:
        props = row.find(W + "trPr")
        if props is None:
            return True
        if self.accept:
            return props.find(W + "del") is None
        return props.find(W + "ins") is None

    def _rows(self, table: Element) -> list[list[list[str]]]:
        return [self._cells(row) for row in self.children(table, (W + "tr",)) if self._row_shown(row)]

    def _cells(self, row: Element) -> list[list[str]]:
        """Each cell of a row as the texts of its paragraphs (a nested table: its rows)."""
        cells = []
        for cell in self.children(row, (W + "tc",)):
            texts: list[str] = []
            for element in self.children(cell, _BLOCKS):
                if element.tag == W + "p":
                    text, _ = self.paragraph_text(element)
                    if text.strip():
                        texts.append(self._number(element) + text)
                else:
                    texts.extend(row_text(row) for row in self._rows(element))
            cells.append(texts)
        return cells

    # -- paragraphs ----------------------------------------------------------------------------------

    def _properties(self, paragraph: Element) -> Element | None:
        """The paragraph's properties in this version: with changes rejected, the properties it
        had before a tracked formatting change (w:pPrChange)."""
        props = paragraph.find(W + "pPr")
        if props is not None and not self.accept:
            change = props.find(f"{W}pPrChange/{W}pPr")
            if change is not None:
                return change
        return props

    def _number(self, paragraph: Element) -> str:
        props = self._properties(paragraph)
        num_id: str | None = None
        ilvl: int | None = None
        style: str | None = None
        if props is not None:
            style = wval(props.find(W + "pStyle"))
            num_pr = props.find(W + "numPr")
            if num_pr is not None:
                num_id = wval(num_pr.find(W + "numId"))
                level = wval(num_pr.find(W + "ilvl"))
                ilvl = int(level) if level is not None and level.isdigit() else None
        if num_id is None or ilvl is None:
            style_num, style_lvl = self.styles.numbering(style)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None:
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def _mark_shown(self, paragraph: Element) -> bool:
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        if mark is None:
            return True
        if self.accept:
            return mark.find(W + "del") is None and mark.find(W + "moveFrom") is None
        return mark.find(W + "ins") is None and mark.find(W + "moveTo") is None

    def paragraph_text(self, paragraph: Element) -> tuple[str, bool]:
        """The paragraph's text in this version, and whether its paragraph mark is in it. Notes
        it references and text boxes it anchors are queued, to follow its unit."""
        out: list[str] = []
        hide_inserted, hide_deleted = not self.accept, self.accept
        stack: list[tuple[Element, bool]] = [(child, False) for child in reversed(paragraph)]
        while stack:
            element, hidden = stack.pop()
            tag = element.tag
            if tag in _SKIPPED or tag == MC_FALLBACK:
                continue
            if tag in _TEXT:
                if not hidden:
                    out.append(element.text or "")
            elif tag in _SPACE:
                if not hidden:
                    out.append(" ")
            elif tag == W + "noBreakHyphen":
                if not hidden:
                    out.append("-")
            elif tag in _NOTE_REFERENCES:
                if not hidden:
                    self._queue_note(_NOTE_REFERENCES[tag], element.get(W + "id") or "")
            elif tag in _BLOCKS:  # a text box's content: its units follow the paragraph's
                if not hidden:
                    self.flow.after_unit(lambda box=element: self._box(box))
            else:
                if tag in (W + "ins", W + "moveTo"):
                    hidden = hidden or hide_inserted
                elif tag in (W + "del", W + "moveFrom"):
                    hidden = hidden or hide_deleted
                elif tag == W + "r":
                    props = element.find(W + "rPr")
                    if props is not None and any(_on(props.find(tag)) for tag in _HIDDEN_RUN):
                        hidden = True
                stack.extend((child, hidden) for child in reversed(element))
        return "".join(out), self._mark_shown(paragraph)

    def _queue_note(self, kind: str, note_id: str) -> None:
        note = self.notes.get((kind, note_id))
        if note is None:
            return
        self.note_counts[kind] += 1
        number = self.note_counts[kind]
        self.flow.after_unit(lambda: self._note(kind, number, note))

    def _box(self, element: Element) -> None:
        """A text box's paragraph or table, read as part of the body."""
        holder = Element("box")
        holder.append(element)
        self.body(holder)


def read_docx(path: str, raw: bytes, options: ReadOptions) -> Document:
    archive = Archive(raw, path, "Word document")
    root = parse_xml(archive.read("word/document.xml"), archive, "word/document.xml")
    body = root.find(W + "body")
    if body is None:
        raise InputError(f"{path}: Word document: no document body (Strict Open XML is not supported)")
    accept = options.changes != "reject"
    reader = _Reader(archive, accept)
    try:
        reader.body(body)
    except RecursionError:
        raise InputError(f"{path}: Word document: nested too deeply") from None
    view = "accepted" if accept else "original"
    tracked = options.changes == "reject" or _has_tracked_changes(root)
    return reader.builder.document(
        path, fmt="docx", name="Word", view=view if tracked else None, options=options,
    )


def _has_tracked_changes(root: Element) -> bool:
    return any(True for tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo") for _ in root.iter(tag))
