"""HTML: the page's main text (trafilatura), or the whole page's text (lxml), as units — headings,
paragraphs, list items (with the number or bullet a browser shows), block quotes' paragraphs and
table rows — each placed by its number in reading order ("paragraph 7").

The main text leaves out navigation, cookie banners, footers, comments, scripts and styles. When
trafilatura finds no main text, the whole page is read (and the header says so); `--html page`
asks for the whole page, `--html source` for the markup itself as text. Nothing of the page is
ever interpreted: scripts and styles are dropped, and text is text (markup in it stays literal).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from tui.engine.formats.limits import silenced
from tui.engine.formats.units import TextBuilder
from tui.engine.model import Document, Place, ReadOptions
from tui.engine.reading import decode_bytes

# Main-text extraction takes about a second per MB; larger pages are read whole (fast, in C
# mostly), with a note, rather than leaving the user waiting for a minute.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# The HTML standard reads these labels as windows-1252.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "cp1252",
                        "windows-1252"})

# Whole page: elements whose content is never text a reader sees.
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
                      "embed", "canvas", "select", "option", "button", "input", "textarea"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that end the unit before them and start a new one.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "form", "fieldset",
    "blockquote", "pre", "address", "figure", "figcaption", "caption", "dl", "dt", "dd", "ul", "ol",
    "li", "table", "thead", "tbody", "tfoot", "tr", "hr", "body", "html", "details", "summary", "center",
    *_HEADINGS,
})


def read_html(path: str, raw: bytes, options: ReadOptions) -> Document:
    text, encoding, note = _decode(raw, path)
    text = _XML_DECLARATION.sub("", text, count=1)
    builder = TextBuilder(path)
    view = "article"
    with silenced("trafilatura", "htmldate", "courlan", "justext"):
        units: list[str] = []
        if options.html == "article":
            if len(raw) > MAX_ARTICLE_BYTES:
                note = _join(note, f"over {MAX_ARTICLE_BYTES // (1024 * 1024)} MB: the whole page is read")
            else:
                units = list(_article_units(text))
                if not units:
                    note = _join(note, "no main text found: the whole page is read")
        if not units:
            view = "page"
            units = list(_page_units(text))
    for unit in units:
        builder.add(unit, Place("paragraph", len(builder) + 1))
    return builder.document(path, fmt="html", name="HTML", view=view, options=options, encoding=encoding,
                            note=note)


def _join(note: str | None, more: str) -> str:
    return more if not note else f"{note}; {more}"


def _decode(raw: bytes, path: str) -> tuple[str, str, str | None]:
    """Byte-order mark, then the page's own <meta charset>, then diptych's usual guess."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(raw, path)
    declared = _META_CHARSET.search(raw[:8192])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        codec = "cp1252" if label in _AS_CP1252 else label
        try:
            codecs.lookup(codec)
        except LookupError:
            pass
        else:
            if codec in ("utf-8", "utf8"):
                return decode_bytes(raw, path)  # with its repair of a few bad bytes
            return raw.decode(codec, errors="replace"), codec, None
    return decode_bytes(raw, path)


# -- main text -----------------------------------------------------------------------------------------


def _article_units(html: str) -> Iterator[str]:
    from trafilatura import bare_extraction

    try:
        result: Any = bare_extraction(
            html, include_comments=False, include_tables=True, include_images=False, include_links=False,
            include_formatting=False, with_metadata=False, deduplicate=False,
        )
    except Exception:  # any failure of the extractor: the whole page is read instead
        return
    body = getattr(result, "body", None)
    if body is None:
        return
    yield from _extracted_units(body)


def _extracted_units(element: Any) -> Iterator[str]:
    """trafilatura's tree: head, p, quote, list/item, table/row/cell, code."""
    for child in element:
        tag = child.tag
        if tag == "list":
            yield from _list_units(child)
        elif tag == "table":
            for row in child.iter("row"):
                cells = (_inline_text(cell) for cell in row if cell.tag == "cell")
                yield " | ".join(cell for cell in cells if cell.strip())
        elif tag == "quote" and len(child) and any(grandchild.tag in ("p", "list") for grandchild in child):
            if child.text and child.text.strip():
                yield child.text
            yield from _extracted_units(child)
        else:
            yield _inline_text(child)


def _list_units(element: Any) -> Iterator[str]:
    ordered = element.get("rend") == "ol"
    for number, item in enumerate((item for item in element if item.tag == "item"), start=1):
        marker = f"{number}. " if ordered else "• "
        yield marker + _inline_text(item, skip="list")
        for nested in item:
            if nested.tag == "list":
                yield from _list_units(nested)


def _inline_text(element: Any, skip: str | None = None) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag != skip:
            parts.append(" " if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


# -- whole page ----------------------------------------------------------------------------------------


def _page_units(html: str) -> Iterator[str]:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):  # nothing that parses as a page: no text
        return
    walker = _PageWalker()
    walker.walk(root)
    walker.flush()
    yield from walker.units


class _PageWalker:
    """Text of the page in reading order, cut into units at block elements and at <br><br>."""

    def __init__(self) -> None:
        self.units: list[str] = []
        self._buffer: list[str] = []
        self._prefix = ""  # the marker of the list item being read
        self._marker = ""  # the marker of the next list item

    def flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        prefix, self._prefix = self._prefix, ""
        # Two line breaks in a row (<br><br>, or a blank line in <pre>) separate units.
        for index, piece in enumerate(re.split(r"\n\s*\n", text)):
            if piece.strip():
                self.units.append((prefix if index == 0 else "") + piece)

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROPPED:
            self._tail(element)
            return
        if tag == "br":
            self._buffer.append("\n")
            self._tail(element)
            return
        if tag == "tr":
            self.flush()
            cells = (_cell_text(cell) for cell in element if cell.tag in ("td", "th"))
            self.units.append(" | ".join(cell for cell in cells if cell))
            self._tail(element)
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
            if tag == "li":
                self._prefix, self._marker = self._marker or "• ", ""
        if element.text:
            self._buffer.append(element.text)
        number = _start(element) if tag == "ol" else None
        for child in element:
            if child.tag == "li" and tag in ("ol", "ul"):
                # What a browser shows before a list item: its number in an <ol>, a bullet otherwise.
                self._marker = "• " if number is None else f"{number}. "
                number = None if number is None else number + 1
            self.walk(child)
        if block:
            self.flush()
        self._tail(element)

    def _tail(self, element: Any) -> None:
        if element.tail:
            self._buffer.append(element.tail)


def _start(ordered_list: Any) -> int:
    try:
        return int(ordered_list.get("start", "1"))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    """A table cell's visible text on one line (its blocks and line breaks become spaces)."""
    parts: list[str] = []
    stack: list[Any] = [cell]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if not isinstance(item.tag, str) or item.tag in _DROPPED:
            continue
        parts.append(" ")
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return " ".join("".join(parts).split())
