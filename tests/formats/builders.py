"""Small Word and OpenDocument files written by hand (the XML a word processor writes, cut down to
what each test is about), and a PDF written by a few lines of code."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_ROOT = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def zip_bytes(members: dict[str, bytes | str], *, stored: Sequence[str] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def docx(body: str, *, numbering: str | None = None, styles: str | None = None,
         footnotes: str | None = None, endnotes: str | None = None) -> bytes:
    """A .docx whose w:body holds `body` (WordprocessingML, `w:` prefix)."""
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W_ROOT}><w:body>{body}'
        "</w:body></w:document>",
    }
    for name, part, root in (("numbering", numbering, "numbering"), ("styles", styles, "styles"),
                             ("footnotes", footnotes, "footnotes"), ("endnotes", endnotes, "endnotes")):
        if part is not None:
            members[f"word/{name}.xml"] = f'<?xml version="1.0"?><w:{root} {_W_ROOT}>{part}</w:{root}>'
    return zip_bytes(members)


def p(*runs: str, props: str = "") -> str:
    """A Word paragraph of runs (plain strings become runs)."""
    inner = "".join(run if run.startswith("<") else r(run) for run in runs)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{inner}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str) -> str:
    return f'<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'


def dele(text: str) -> str:
    run = f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'
    return f'<w:del w:id="2" w:author="A">{run}</w:del>'


def numbered(num_id: int, level: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def table(*rows: Sequence[str]) -> str:
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{p(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    ) + "</w:tbl>"


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)


def odt(body: str, *, automatic_styles: str = "", styles: str = "") -> bytes:
    """An .odt whose office:text holds `body` (`text:`, `table:` prefixes)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    members: dict[str, bytes | str] = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": content,
        "META-INF/manifest.xml": '<?xml version="1.0"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    }
    if styles:
        members["styles.xml"] = (
            f'<?xml version="1.0"?><office:document-styles {_ODF_NS}><office:styles>{styles}'
            "</office:styles></office:document-styles>"
        )
    return zip_bytes(members, stored=("mimetype",))


# -- PDF ---------------------------------------------------------------------------------------------


def pdf(pages: Sequence[Sequence[tuple[float, float, float, str]]]) -> bytes:
    """A PDF whose pages hold lines of text (x, y, font size, text) in Helvetica, drawn in order."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    ]
    pages_number = 2
    objects.append(b"")  # the page tree, written once the pages are known
    kids = []
    for lines in pages:
        operations = []
        for x, y, size, text in lines:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operations.append(f"BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET")
        content = "\n".join(operations).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_number, len(objects))
        )
        kids.append(len(objects))
    objects[pages_number - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_number)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)
