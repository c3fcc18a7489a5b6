"""Which format a file is, from its bytes (the extension only breaks a tie for HTML).

Imported by every run, so it uses the standard library only and looks at a few bytes, except for a
zip archive, whose table of contents says whether it is a Word or an OpenDocument file.
"""

from __future__ import annotations

import io
import re

TEXT, DOCX, ODT, HTML, PDF = "text", "docx", "odt", "html", "pdf"

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Compound File Binary (OLE2): old .doc/.xls files, and Office files saved with a password, whose
# encrypted package sits in a stream named "EncryptedPackage".
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
# What may come before the first tag: an XML declaration, comments, white space.
_PROLOGUE = re.compile(rb"(?:\s+|<\?xml[^>]{0,200}\?>|<!--.{0,2000}?-->)*", re.DOTALL)
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml")


class NotSupported(Exception):
    """A file whose format is known but that cannot be compared; the message is for the user."""


def sniff(raw: bytes, path: str) -> str:
    """TEXT, DOCX, ODT, HTML or PDF. Raises NotSupported for other zip archives and for OLE files
    (old .doc, password-protected Office documents)."""
    if raw.startswith(_ZIP_MAGIC):
        return _zip_format(raw)
    if raw.startswith(_CFB_MAGIC):
        if _ENCRYPTED_PACKAGE in raw:
            raise NotSupported(
                "a password-protected Office document: diptych cannot open it; "
                "save a copy without the password"
            )
        raise NotSupported("an old-style Office file (.doc, .xls, .ppt): save it as .docx to compare it")
    if b"%PDF-" in raw[:1024]:
        return PDF
    if _looks_like_html(raw, path):
        return HTML
    return TEXT


def _zip_format(raw: bytes) -> str:
    import zipfile  # only for zip archives: text files do not pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and "content.xml" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    mimetype = archive.read(info).strip()
                    if mimetype == ODT_MIMETYPE:
                        return ODT
                    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
                        kind = mimetype.rsplit(b".", 1)[-1].decode("ascii", "replace")
                        raise NotSupported(f"an OpenDocument {kind}, not a text document (.odt)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise NotSupported("a damaged or truncated zip archive (a .docx or .odt file?)") from None
    raise NotSupported("a zip archive that is not a Word (.docx) or OpenDocument text (.odt) document")


def _looks_like_html(raw: bytes, path: str) -> bool:
    head = raw[:4096]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("utf-8")
            break
    start = _PROLOGUE.match(head)
    rest = head[start.end() if start else 0:]
    if _HTML_START.match(rest):
        return True
    return path.lower().endswith(_HTML_EXTENSIONS) and rest.startswith(b"<")
