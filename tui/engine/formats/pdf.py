"""PDF with a text layer: each page's lines (pypdf), joined into paragraphs (pdf_layout), each
piece placed by page and line. A PDF without text (a scan) is refused: diptych does no OCR.

pypdf parses untrusted input within limits (decompressed size per stream, objects, pages), set
lower here; an encrypted PDF opens when it needs no password (only its permissions are
protected), otherwise it is refused.
"""

from __future__ import annotations

import io
import math
import time
from typing import Any

from tui.engine.formats.limits import silenced
from tui.engine.formats.pdf_layout import Line, joined, paragraphs, vocabulary
from tui.engine.formats.units import TextBuilder
from tui.engine.model import Document, Place, ReadOptions
from tui.engine.reading import InputError

MAX_PAGES = 10_000
MAX_SECONDS = 120  # reading stops with a message rather than leave the user waiting for ever
_LIMITS = {
    # Any one stream (a page's drawing, a font) decompressed: far above real pages, far below memory.
    "zlib_maximum_output_length": 32_000_000,
    "lzw_maximum_output_length": 32_000_000,
    "run_length_maximum_output_length": 32_000_000,
    "brotli_maximum_output_length": 32_000_000,
    "jbig2_maximum_output_length": 32_000_000,
    "stream_decoding_work_maximum_length": 128_000_000,
    "jbig2dec_binary": None,  # never run an external program on an untrusted file
}


def read_pdf(path: str, raw: bytes) -> Document:
    from pypdf import PdfReader, apply_configuration

    started = time.monotonic()
    with silenced("pypdf"), apply_configuration(**_LIMITS):
        try:
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{path}: encrypted PDF: it needs a password to open")
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(f"{path}: PDF of {count} pages, more than the {MAX_PAGES} diptych reads")
            pages = []
            for number, page in enumerate(reader.pages, start=1):
                pages.append(_page_lines(page, number))
                if time.monotonic() - started > MAX_SECONDS:
                    raise InputError(f"{path}: PDF still not read after {MAX_SECONDS} s (page {number})")
        except InputError:
            raise
        except MemoryError:
            raise InputError(f"{path}: PDF too large to read in memory") from None
        except Exception as exc:  # pypdf on a damaged file raises many kinds: one line for any
            raise InputError(f"{path}: damaged or unreadable PDF ({type(exc).__name__}: {exc})") from None
    if not any(line.text.strip() for lines in pages for line in lines):
        raise InputError(f"{path}: PDF has no text layer — scanned? (diptych does no OCR)")
    builder = TextBuilder(path)
    grouped = paragraphs(pages)
    words = vocabulary(grouped)
    for paragraph in grouped:
        builder.add_pieces([(text, Place("page", line.page, line.number), joint)
                            for line, text, joint in joined(paragraph, words)])
    return builder.document(path, fmt="pdf", name="PDF", view=None, options=ReadOptions())


def _page_lines(page: Any, number: int) -> list[Line]:
    """The page's lines of text, in the order pypdf reads them, each with where it starts."""
    lines: list[Line] = []
    current: list[str] = []
    where: list[tuple[float, float, float]] = []  # (x, y, size) of the current line's first text

    def end_line() -> None:
        text = "".join(current)
        if text.strip() and where:
            x, y, size = where[0]
            lines.append(Line(number, len(lines) + 1, " ".join(text.split()), x, y, size))
        current.clear()
        where.clear()

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, font_size: float) -> None:
        for index, part in enumerate(text.split("\n")):
            if index:
                end_line()
            if part:
                if not where and part.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
                    where.append((x, y, float(font_size) * scale))
                current.append(part)

    page.extract_text(visitor_text=visit, orientations=(0,))
    end_line()
    return lines
