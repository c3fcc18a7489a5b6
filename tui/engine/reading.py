"""Read an input file into a Document: decoding, line ends, line offsets, input checks."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import replace
from itertools import accumulate

from tui.engine.formats import detect
from tui.engine.model import Document, ReadOptions

# Larger inputs are refused with a message rather than exhausting memory (an endless stdin,
# /dev/zero). 64 MiB is far beyond any prose document people review.
MAX_INPUT_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be compared; the message is one line for the user."""


def read_document(
    path: str, *, max_bytes: int = MAX_INPUT_BYTES, options: ReadOptions | None = None
) -> Document:
    """Read and decode `path` ("-" is standard input); a Word, OpenDocument, HTML or PDF file
    becomes its text (tui/engine/formats), read as `options` say."""
    return document_from_bytes(path, _read_bytes(path, max_bytes), options or ReadOptions())


def document_from_bytes(path: str, raw: bytes, options: ReadOptions) -> Document:
    try:
        fmt = detect.sniff(raw, path)
    except detect.NotSupported as exc:
        raise InputError(f"{path}: {exc}") from None
    if fmt != detect.TEXT and not (fmt == detect.HTML and options.html == "source"):
        from tui.engine.formats import convert  # the format's reader and library, only now

        return convert(path, raw, fmt, options)
    text, encoding, note = decode_bytes(raw, path)
    return make_document(path, text, encoding, note)


STDIN = "-"
STDIN_NAME = "(standard input)"


def shown_name(path: str) -> str:
    """The path as people read it: standard input is named, not shown as "-"."""
    return STDIN_NAME if path == STDIN else path


def read_tracked(path: str, options: ReadOptions) -> tuple[Document, Document]:
    """A Word or OpenDocument file's original (tracked changes rejected) and its result (changes
    accepted), from one reading of the file: `diptych --tracked FILE`."""
    raw = _read_bytes(path, MAX_INPUT_BYTES)
    original = document_from_bytes(path, raw, replace(options, changes="reject"))
    if original.source is None or original.source.format not in ("docx", "odt"):
        raise InputError(f"{path}: --tracked needs a Word (.docx) or OpenDocument (.odt) file")
    return original, document_from_bytes(path, raw, replace(options, changes="accept"))


def reread_document(doc: Document) -> Document:
    """`doc`'s file read again, the way it was read before (the same view of a Word file)."""
    return read_document(doc.path, options=doc.source.options if doc.source else None)


def make_document(path: str, text: str, encoding: str = "utf-8", note: str | None = None) -> Document:
    """Build a Document from already decoded text (tests and other tools use this too)."""
    text = normalise_line_ends(text)
    # Each line starts one character after the previous line's end: cumulative sums of the
    # lines' lengths plus one, all in C (a loop of str.find took seconds on millions of lines).
    starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
    starts.pop()  # the sum after the last line is past the end of the text
    if text.endswith("\n"):
        starts.pop()  # the final line end does not begin a line
    line_count = len(starts) if text else 0
    return Document(
        path=path, text=text, encoding=encoding, line_count=line_count,
        line_starts=tuple(starts) if text else (0,), note=note,
    )


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR become LF, one character per line end, so offsets stay simple."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is larger than the {max_bytes // (1024 * 1024)} MiB limit")
        return data
    if not path:
        raise InputError("an empty file name was given")
    # The path as given, not through pathlib: "notes.txt/" must fail as it does for cat.
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                data = handle.read(max_bytes + 1)
            else:
                data = handle.read()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes // (1024 * 1024)} MiB limit")
    return data


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (BOM)"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)


def decode_bytes(raw: bytes, path: str = "<bytes>") -> tuple[str, str, str | None]:
    """Return (text, encoding label, note). Raises InputError for binary data."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), label, None
            except UnicodeDecodeError:
                raise InputError(f"{path}: invalid {label} text after its byte-order mark") from None
    if b"\x00" in raw:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    return _decode_by_detection(raw, path)


def _decode_by_detection(raw: bytes, path: str) -> tuple[str, str, str | None]:
    """Not valid UTF-8: damaged UTF-8, a Western legacy encoding, or something else."""
    repaired = raw.decode("utf-8", errors="replace")
    damaged = repaired.count("\N{REPLACEMENT CHARACTER}")
    well_formed = sum(1 for ch in repaired if ord(ch) > 0x7F) - damaged
    # Legacy 8-bit text almost never forms valid UTF-8 sequences by accident, so a fair share of
    # them means UTF-8 with some damage: keep what is readable and show the rest as U+FFFD.
    if well_formed * 4 >= damaged:
        return repaired, "utf-8", "invalid UTF-8 bytes shown as \N{REPLACEMENT CHARACTER}"
    western = _as_western(raw)
    if western is not None:
        return western, "cp1252", "not valid UTF-8; decoded as cp1252 (Western European)"
    from charset_normalizer import from_bytes  # imported only for non-UTF-8, non-Western input

    best = from_bytes(raw).best()
    if best is not None and best.encoding != "utf_8":
        label = best.encoding.replace("_", "-")
        return str(best), label, f"not valid UTF-8; decoded as {label} by detection"
    return repaired, "utf-8", "invalid UTF-8 bytes shown as \N{REPLACEMENT CHARACTER}"


# In Western European prose, accented letters are a minority among the letters. Text in another
# single-byte encoding (Cyrillic, Greek...) read as cp1252 is nearly all "accented letters".
_WESTERN_MAX_ACCENTED_SHARE = 0.35


def _as_western(raw: bytes) -> str | None:
    """The text as cp1252 (a superset of latin-1's printable characters) when that is plausible.

    Statistical detection alone misreads short French or German text as cp1250 ("très" becomes
    "trčs") or worse, while cp1252/latin-1 is by far the most common legacy encoding of prose.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return None
    letters = accented = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            accented += ord(ch) > 0x7F
    if letters and accented / letters <= _WESTERN_MAX_ACCENTED_SHARE:
        return text
    return None


def same_file(a: str, b: str) -> bool:
    """True when two paths name the same file on disk (symlinks, different spellings)."""
    if a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
