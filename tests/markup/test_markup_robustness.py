"""Marked-up text from anywhere: random and hostile documents never break the invariants, take
bounded time, and a reader that fails leaves the plain segmenter in charge, silently."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.markup.helpers import check_passages
from tests.robustness.test_fuzz import FUZZ, check_alignment, options_strategy
from tui.engine.compare import compare_documents
from tui.engine.markup import markdown, structured_paragraphs
from tui.engine.reading import make_document
from tui.engine.segment import paragraphs, segment

EXTENSIONS = (".md", ".rst", ".adoc")

# Lines of every construct of the three languages, and words, to build documents from.
PIECES = (
    "# Title", "Title", "=====", "-----", "~~~~~", "== Section", "- item", "* item", "1. item", "#. item",
    "  continued", "    code", "> quote", ">", "```", "```python", "~~~", "| a | b |", "|---|---|", "|===",
    "----", "....", "====", "____", "****", "--", "+", "<!-- comment", "-->", "---", "...", ".. note::",
    ".. code-block:: python", ".. _target: http://x", ".. [1] note", "..", "::", "text::", "term::",
    "[source,sh]", "[[anchor]]", ".Title", ":attr: value", "// comment", "////", "ifdef::x[]", "endif::[]",
    "[x]: http://x", "[^1]: note", "+---+---+", "| a | b |", "===  ===", ">>> x", "| line", ":field: x",
    "-v  verbose", "The council voted.", "Nine members said so.", "", "", "",
)
documents = st.lists(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join), max_size=40
).map("\n".join)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list("\n\n\n \t#=-*>`~|.:[]+_")), max_size=400)


@FUZZ
@given(text=documents | any_text, extension=st.sampled_from(EXTENSIONS), unit=st.sampled_from(
    ("paragraph", "sentence")))
def test_any_document_keeps_every_line_in_exactly_one_passage(text: str, extension: str, unit: str) -> None:
    doc = make_document("doc" + extension, text)
    structured = structured_paragraphs(doc)
    assert structured is not None  # the reader did not fail and fall back
    check_passages(doc.text, structured)
    check_passages(doc.text, segment(doc, unit))


@FUZZ
@given(left=documents, right=documents, extension=st.sampled_from(EXTENSIONS), options=options_strategy)
def test_any_two_versions_align_with_a_full_view(left: str, right: str, extension: str, options) -> None:
    alignment = compare_documents(make_document("l" + extension, left), make_document("r" + extension, right),
                                  options)
    check_alignment(alignment)


HOSTILE = {
    "nested Markdown quotes": ("x.md", ">" * 5000 + " deep\n" + "text after\n" * 10),
    "nested Markdown lists": ("x.md", "".join("  " * i + "- item\n" for i in range(600))),
    "Markdown fences that never close": ("x.md", "```\ncode\n" * 20000),
    "a Markdown table of 50,000 rows": ("x.md", "| a | b |\n|---|---|\n" + "| x | y |\n" * 50_000),
    "a Markdown table 5,000 cells wide": ("x.md", "|" + "a|" * 5000 + "\n|" + "-|" * 5000 + "\n"
                                          + "|x\n" * 5000),
    "an HTML comment that never closes": ("x.md", "a\n\n<!-- open\n" + "text\n\n" * 20000),
    "nested reStructuredText quotes": ("x.rst", "".join(" " * i + "quote\n\n" for i in range(3000))),
    "nested reStructuredText lists": ("x.rst", "".join("  " * i + "- item\n\n" for i in range(3000))),
    "simple-table borders that never close": ("x.rst", "===  ===\ntext\n" * 50_000),
    "directives in directives": ("x.rst", "".join("   " * i + ".. note::\n\n" for i in range(2000))),
    "nested AsciiDoc blocks": ("x.adoc", "".join("=" * (4 + i) + "\n" for i in range(2000)) + "x\n"
                               + "".join("=" * (4 + i) + "\n" for i in reversed(range(2000)))),
    "AsciiDoc delimiters that never close": ("x.adoc", "----\ntext\n====\n" * 50_000),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_documents_are_segmented_in_bounded_time(name: str) -> None:
    path, text = HOSTILE[name]
    doc = make_document(path, text)
    started = time.perf_counter()
    structured = structured_paragraphs(doc)
    elapsed = time.perf_counter() - started
    assert structured is not None, "the reader failed"
    check_passages(doc.text, structured)
    # Generous for a loaded 2-core machine: these take 0.02-1 s; a quadratic step would take minutes.
    assert elapsed < 15, f"{name}: {elapsed:.1f} s"


def test_a_markdown_document_too_long_for_the_parser_is_cut_as_plain_text() -> None:
    doc = make_document("long.md", "A paragraph.\n\n" * (markdown.MAX_LINES // 2 + 1))
    assert structured_paragraphs(doc) is None
    assert segment(doc, "paragraph") == paragraphs(doc)


def test_a_reader_that_fails_leaves_plain_segmentation(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lines):
        raise RecursionError("a reader's bug")

    monkeypatch.setattr(markdown, "units", broken)
    doc = make_document("notes.md", "# Title\n\n- item one\n- item two\n")
    assert structured_paragraphs(doc) is None
    assert segment(doc, "paragraph") == paragraphs(doc)


def test_the_command_line_falls_back_without_a_traceback(tmp_path) -> None:
    left, right = tmp_path / "a.md", tmp_path / "b.md"
    left.write_text("# Title\n\n- item one\n")
    right.write_text("# Title\n\n- item two\n")
    code = (
        "import sys\n"
        "from tui.engine.markup import markdown\n"
        "def broken(lines): raise ValueError('boom')\n"
        "markdown.units = broken\n"
        "from tui.cli import main\n"
        f"sys.exit(main(['--json', {str(left)!r}, {str(right)!r}]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 1, out.stderr
    assert out.stderr == "" and out.stdout.startswith("{")
