"""Broken, hostile and oversized Word, OpenDocument, HTML and PDF files: one line and exit 2, in
seconds — never a traceback, a hang or memory exhausted — and hostile text stays inert data."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests.formats.builders import docx, p, pdf, zip_bytes
from tui.engine.formats.units import TextBuilder
from tui.engine.model import Place
from tui.engine.reading import InputError

from .helpers import expect_error, expect_json, run_cli

GOOD = docx(p("The council met on Monday."))
TIMEOUT = 60  # each refusal must come well within this


def refused(tmp_path: Path, name: str, data: bytes, *fragments: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    other = tmp_path / "other.docx"
    other.write_bytes(GOOD)
    return expect_error(run_cli("--json", path, other, timeout=TIMEOUT), str(path), *fragments)


def _document_xml(xml: str) -> bytes:
    return zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": xml})


def test_damaged_and_truncated_zip(tmp_path: Path) -> None:
    refused(tmp_path, "garbage.docx", b"PK\x03\x04" + b"\x00garbage" * 100, "damaged or truncated zip")
    refused(tmp_path, "truncated.docx", GOOD[: len(GOOD) // 2], "damaged or truncated zip")


def test_corrupt_compressed_part(tmp_path: Path) -> None:
    body = "".join(p(f"Paragraph number {n} of a document whose middle is damaged.") for n in range(200))
    data = bytearray(docx(body))
    start = data.index(b"word/document.xml") + len("word/document.xml")  # the local header's name
    for offset in range(start + 200, start + 260):
        data[offset] ^= 0x5A
    refused(tmp_path, "corrupt.docx", bytes(data), "word/document.xml", "damaged")


def test_password_protected_office_file_and_old_doc(tmp_path: Path) -> None:
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    encrypted = cfb + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    refused(tmp_path, "protected.docx", encrypted, "password-protected Office document")
    refused(tmp_path, "old.doc", cfb, "old-style Office file")


def test_zip_bomb_declared_and_lying(tmp_path: Path) -> None:
    huge = "<w:document>" + " " * 40_000_000 + "</w:document>"
    bomb = zip_bytes({"word/document.xml": huge})
    refused(tmp_path, "bomb.docx", bomb, "zip bomb")
    # The same archive claiming its part is small: the bytes that really come out are counted.
    archive = zipfile.ZipFile(io.BytesIO(bomb))
    info = archive.getinfo("word/document.xml")
    lying = bytearray(bomb)
    central = bytes(lying).rindex(b"PK\x01\x02")
    lying[central + 24: central + 28] = (1000).to_bytes(4, "little")  # uncompressed size
    lying[info.header_offset + 22: info.header_offset + 26] = (1000).to_bytes(4, "little")
    refused(tmp_path, "lying.docx", bytes(lying), "word/document.xml")


def test_archive_of_too_many_files(tmp_path: Path) -> None:
    members: dict[str, bytes | str] = {f"word/media/{n}.bin": b"" for n in range(10_001)}
    members["word/document.xml"] = '<w:document xmlns:w="x"/>'
    refused(tmp_path, "many.docx", zip_bytes(members), "files, more than the 10000")


def test_xml_entity_bomb_and_external_entity(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{n} "{"&l" + str(n - 1) + ";" * 1}' * 10 + '">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]><w:document>&l9;</w:document>'
    refused(tmp_path, "laughs.docx", _document_xml(bomb), "DTD or entities")
    external = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                "<w:document>&x;</w:document>")
    refused(tmp_path, "xxe.docx", _document_xml(external), "DTD or entities")
    refused(tmp_path, "broken.docx", _document_xml("<w:document><unclosed>"), "not well-formed XML")


def test_other_archives_and_opendocument_kinds(tmp_path: Path) -> None:
    refused(tmp_path, "notes.zip", zip_bytes({"readme.txt": "hello"}), "not a Word (.docx) or OpenDocument")
    sheet = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
                      stored=("mimetype",))
    refused(tmp_path, "budget.ods", sheet, "OpenDocument spreadsheet")


def test_damaged_pdfs(tmp_path: Path) -> None:
    story = pdf([[(72, 700, 11, "The council met on Monday.")]])
    refused(tmp_path, "truncated.pdf", story[:120], "PDF")
    refused(tmp_path, "garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "PDF")


def test_scanned_and_encrypted_pdf(tmp_path: Path) -> None:
    refused(tmp_path, "scan.pdf", pdf([[], []]), "no text layer — scanned?")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([[(72, 700, 11, "Secret minutes.")]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    refused(tmp_path, "locked.pdf", locked.getvalue(), "encrypted PDF")


def test_pdf_decompression_bomb(tmp_path: Path) -> None:
    payload = zlib.compress(b"BT /F1 11 Tf 72 700 Td (x) Tj ET\n" + b" " * 60_000_000, 9)
    story = pdf([[(72, 700, 11, "The council met on Monday.")]])
    # Replace the page's drawing by the bomb: a compressed stream that unpacks to 60 MB.
    plain = story.index(b"<< /Length")
    end = story.index(b"endstream", plain) + len(b"endstream")
    bomb_stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(payload), payload)
    data = story[:plain] + bomb_stream + story[end:]
    # (The xref offsets are now wrong: pypdf finds the objects again, as for any damaged file.)
    refused(tmp_path, "bomb.pdf", data, "PDF")


def test_too_much_text_is_refused() -> None:
    builder = TextBuilder("big.docx", max_chars=100)
    builder.add("x" * 60, Place("paragraph", 1))
    with pytest.raises(InputError, match=r"big\.docx: more than"):
        builder.add("y" * 60, Place("paragraph", 2))


def test_hostile_text_in_documents_stays_data(tmp_path: Path) -> None:
    """Bidi overrides and C1 controls in a Word file, an escape sequence and markup in HTML: the
    JSON carries them escaped, never as raw control characters a terminal would act on."""
    word = tmp_path / "hostile.docx"
    word.write_bytes(docx(p("Pay \u202eten\u202c now \u009b31m &lt;b&gt;bold&lt;/b&gt;")))
    page = tmp_path / "hostile.html"
    page.write_bytes(
        b"<html><body><article><p>Red &#27;[31m alert &lt;script&gt;alert(1)&lt;/script&gt; text "
        b"long enough to be an article paragraph for the extractor to keep it.</p>"
        b"<script>document.write('injected')</script></article></body></html>"
    )
    for path in (word, page):
        outcome = run_cli("--json", path, path, timeout=TIMEOUT)
        assert not any(byte in outcome.stdout for byte in (b"\x1b", b"\xc2\x9b")), outcome.stdout[:300]
        report = expect_json(outcome, 0)
        texts = " ".join(block["left"]["text"] for block in report["blocks"])
        assert "injected" not in texts
    html_report = json.loads(run_cli("--json", page, page).stdout)
    assert "\x1b[31m" in html_report["blocks"][0]["left"]["text"]  # kept as data, escaped in JSON
    assert "<script>alert(1)</script>" in html_report["blocks"][0]["left"]["text"]  # text, not markup
