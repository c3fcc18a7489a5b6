"""Which files are cut by their structure: by extension, or by unmistakable markup in a file whose
name says nothing; plain text is cut exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS, SHARED_CORPUS
from tests.markup.helpers import document
from tui.engine.markup import structured_paragraphs
from tui.engine.markup.detect import ASCIIDOC, MARKDOWN, RST, markup_format, sniff
from tui.engine.reading import make_document, read_document
from tui.engine.segment import paragraphs, segment

EVAL_TEXTS = Path(__file__).resolve().parents[2] / "tui" / "evaluation" / "data" / "texts"


@pytest.mark.parametrize(("name", "expected"), [
    ("README.md", MARKDOWN), ("notes.MARKDOWN", MARKDOWN), ("pep-0008.rst", RST),
    ("book.adoc", ASCIIDOC), ("ch01.asciidoc", ASCIIDOC), ("page.html", None), ("script.py", None),
])
def test_the_extension_decides_whatever_the_text(name: str, expected: str | None) -> None:
    assert markup_format(name, "Plain words, nothing marked up.\n") == expected


@pytest.mark.parametrize("name", ["notes.md", "sample.rst", "guide.adoc"])
def test_a_txt_file_or_standard_input_is_read_for_its_markup(name: str) -> None:
    text = document(name)
    expected = markup_format(name, text)
    assert markup_format("copy.txt", text) == expected
    assert markup_format("-", text) == expected
    assert markup_format("README", text) == expected


def test_the_seeds_and_the_licences_stay_plain_text() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    licences = Path("/usr/share/common-licenses")
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(licences.glob("*"))
              if p.is_file()]
    texts.append((EVAL_TEXTS / "pep-0257" / "2001-06-06.txt").read_text(encoding="utf-8"))  # a plain-text PEP
    assert len(texts) >= 4
    for text in texts:
        assert sniff(text) is None


def test_a_few_stray_marks_in_prose_are_not_enough() -> None:
    prose = (
        "The meeting opened at nine.\n\n# of attendees: 40\n\n"
        "See [the minutes](https://example.org/minutes) for details.\n\n== end ==\n"
    )
    assert sniff(prose) is None


def test_plain_text_is_segmented_exactly_as_before() -> None:
    for path in SEEDS:
        doc = read_document(str(path))
        assert structured_paragraphs(doc) is None
        assert segment(doc, "paragraph") == paragraphs(doc)


def test_markup_false_cuts_a_markdown_file_as_plain_text() -> None:
    doc = make_document("notes.md", document("notes.md"))
    assert segment(doc, "paragraph", markup=False) == paragraphs(doc)
    assert segment(doc, "paragraph") != paragraphs(doc)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not here")
def test_the_corpus_files_are_recognised_by_their_markup() -> None:
    expected = {
        "large-rust-book-2020-vs-2026": MARKDOWN, "medium-quic-recovery-20-vs-34": MARKDOWN,
        "medium-pep0622-draft-vs-final": RST, "small-pep0428-pathlib": RST,
        "large-git-manpages-2018-vs-2026": ASCIIDOC, "medium-mastering-bitcoin-ed1-vs-ed2": ASCIIDOC,
        "medium-progit-ch1-3-ed1-vs-ed2": ASCIIDOC, "medium-git-user-manual-2008-vs-2026": ASCIIDOC,
    }
    for case, fmt in expected.items():
        for side in ("left.txt", "right.txt"):
            path = SHARED_CORPUS / case / side
            assert markup_format(str(path), path.read_text(encoding="utf-8")) == fmt, path
    # PEP 257's first version is the old plain-text PEP format.
    old_pep = SHARED_CORPUS / "small-pep0257-docstrings" / "left.txt"
    assert markup_format(str(old_pep), old_pep.read_text(encoding="utf-8")) is None
