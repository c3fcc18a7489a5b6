"""Segmentation of marked-up text (Markdown, reStructuredText, AsciiDoc) by its structure.

segment.py asks `structured_paragraphs(doc)` first; None means "plain text": the file is not
one of the three (detect.py decides, from its name or unmistakable markup in its text), or its
reader failed, and the plain segmenter cuts it as before. Each format's reader gives line ranges
(`units.Unit`); units.py turns them into the passages segment.py would make. The Markdown reader
and its parser (markdown-it-py) are imported only when a Markdown document is segmented.
"""

from __future__ import annotations

from tui.engine.markup.detect import ASCIIDOC, MARKDOWN, RST, markup_format
from tui.engine.markup.units import Lines, build_passages
from tui.engine.model import Document, Passage

__all__ = ["markup_format", "structured_paragraphs"]


def structured_paragraphs(doc: Document) -> list[Passage] | None:
    """The paragraph units of a marked-up document by its structure, or None for plain text."""
    if doc.source is not None:  # converted from Word, HTML, PDF...: one unit per line already
        return None
    fmt = markup_format(doc.path, doc.text)
    if fmt is None:
        return None
    try:
        return _segment(doc, fmt)
    except (Exception, RecursionError):
        # units.TooLarge (a document too long for the reader), or a reader's bug: either must not
        # cost the comparison, which goes on with the plain segmentation.
        return None


def _segment(doc: Document, fmt: str) -> list[Passage]:
    lines = Lines(doc)
    if fmt == MARKDOWN:
        from tui.engine.markup import markdown as reader
    elif fmt == RST:
        from tui.engine.markup import rst as reader
    elif fmt == ASCIIDOC:
        from tui.engine.markup import asciidoc as reader
    else:
        raise ValueError(f"unknown markup {fmt!r}")
    return build_passages(lines, reader.units(lines))
