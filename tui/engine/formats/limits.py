"""Reading untrusted containers within bounds: zip members (sizes, ratio, count) and XML (no
DTD, no entities, no external references)."""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree.ElementTree import Element

from tui.engine.reading import InputError

MAX_MEMBERS = 10_000  # a Word file has tens of parts; a zip of 100,000 tiny files is an attack
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, decompressed (a 5,000-page document.xml is smaller)
MAX_TOTAL_BYTES = 192 * 1024 * 1024  # all the parts read from one archive
# XML compresses well, but not a thousand times: past this ratio a large part is a zip bomb.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
_CHUNK = 1 << 20


class Archive:
    """A zip archive whose parts are read with a budget. Errors are InputError(one line)."""

    def __init__(self, raw: bytes, path: str, what: str) -> None:
        self.path, self.what = path, what
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise self.error(f"damaged or truncated ({exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise self.error(f"holds {len(infos)} files, more than the {MAX_MEMBERS} diptych opens")
        self._infos = {info.filename: info for info in infos}

    def error(self, problem: str) -> InputError:
        return InputError(f"{self.path}: {self.what}: {problem}")

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The part's bytes; InputError when it is missing, damaged or too large."""
        info = self._infos.get(name)
        if info is None:
            raise self.error(f"{name} is missing")
        if info.file_size > MAX_PART_BYTES:
            raise self.error(f"{name} is {info.file_size // (1024 * 1024)} MiB unpacked, over the limit")
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise self.error(f"{name} unpacks {info.file_size // max(1, info.compress_size)} times larger: "
                             "a zip bomb?")
        # The sizes in the archive can lie: count what really comes out, and stop at the limit.
        limit = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self._read_total)
        out = bytearray()
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    out += chunk
                    if len(out) > limit:
                        raise self.error(f"{name} unpacks to more than the limit: a zip bomb?")
                    if len(out) > RATIO_FROM_BYTES and len(out) > MAX_RATIO * max(1, info.compress_size):
                        raise self.error(f"{name} unpacks far larger than it is stored: a zip bomb?")
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self.error(f"{name} is damaged ({exc})") from None
        except RuntimeError:  # zipfile's word for a member encrypted with a password
            raise self.error(f"{name} is encrypted") from None
        self._read_total += len(out)
        return bytes(out)

    def read_optional(self, name: str) -> bytes | None:
        return self.read(name) if self.has(name) else None


def parse_xml(data: bytes, archive: Archive, name: str) -> Element:
    """Parse one XML part safely: a DTD, an entity declaration or an external reference is refused
    (entity expansion bombs, file disclosure), as is malformed XML."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    try:
        root: Any = safe_tree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise archive.error(
            f"{name} declares a DTD or entities, which diptych refuses ({type(exc).__name__})"
        ) from None
    except safe_tree.ParseError as exc:
        raise archive.error(f"{name} is not well-formed XML ({exc})") from None
    return root


@contextmanager
def silenced(*loggers: str) -> Iterator[None]:
    """The libraries' warnings and log records never reach stderr while they read a document:
    an error is one line from diptych, and a readable document prints nothing. (A level on the
    library's top logger also holds for its modules' loggers, which inherit it.)"""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
