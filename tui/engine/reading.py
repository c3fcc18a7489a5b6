"""Read an input file into a Document: decoding, line ends, line offsets, input checks."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from pathlib import Path

from tui.engine.model import Document

# Larger inputs are refused with a message rather than exhausting memory (an endless stdin,
# /dev/zero). 64 MiB is far beyond any prose document people review.
MAX_INPUT_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be compared; the message is one line for the user."""


def read_document(path: str, *, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read and decode `path` ("-" is standard input)."""
    raw = _read_bytes(path, max_bytes)
    text, encoding, note = decode_bytes(raw, path)
    return make_document(path, text, encoding, note)


def make_document(path: str, text: str, encoding: str = "utf-8", note: str | None = None) -> Document:
    """Build a Document from already decoded text (tests and other tools use this too)."""
    text = normalise_line_ends(text)
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
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
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(p, "rb") as handle:
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
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(raw).best()
    if best is not None and best.encoding not in ("utf_8",):
        label = best.encoding.replace("_", "-")
        return str(best), label, f"not valid UTF-8; decoded as {label} by detection"
    # Mostly UTF-8 with a few bad bytes: keep what is readable and show the rest as U+FFFD.
    text = raw.decode("utf-8", errors="replace")
    return text, "utf-8", "invalid UTF-8 bytes shown as \N{REPLACEMENT CHARACTER}"


def same_file(a: str, b: str) -> bool:
    """True when two paths name the same file on disk (symlinks, different spellings)."""
    if a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
