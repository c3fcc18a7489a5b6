"""The Markdown reader's quick way with plain paragraphs (units without the parser) gives
exactly the units the parser gives when it reads them too: on odd documents built from every
block construct, and on every Markdown document of the project and of the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED_CORPUS
from tests.robustness.test_fuzz import FUZZ
from tui.engine.markup import markdown
from tui.engine.markup.detect import MARKDOWN, markup_format
from tui.engine.markup.units import Lines
from tui.engine.reading import make_document, read_document

ROOT = Path(__file__).resolve().parents[2]

# Plain lines, and the lines around them that change what they are: fences and HTML blocks that
# span blank lines (and what ends them, inside a line of text), list items and their indented
# continuations, indented code, setext underlines, tables, breaks, definitions.
LINES = (
    "The council voted.", "Nine members said so -> ten.", "`Vec<T>` grows.", "**Bold** start.",
    "_emphasis_ here", "text --> end", "ends ?> here", "a ]]> b", "see </pre> here", "x </SCRIPT> y",
    "a > b", "", "", "", "```", "```rust", "~~~", "    code", "  continued", "   indented three",
    "- item", "* item", "1. item", "2) item", "> quote", "# Title", "=====", "-----", "***", "* * *",
    "| a | b |", "|---|---|", "a | b", "--|--", "<!-- comment", "-->", "<pre>", "</pre>", "<div>",
    "<!DOCTYPE html>", "<?php", "<![CDATA[", "[x]: http://x", "[^1]: note", "\tTabbed", "+ item",
    "See it <!-- ignore --> here.", "> <!-- quoted", "- <pre>", "1. <!--", '<img src="a.png" />',
    '<span class="caption">Listing 1</span>', "<span>", "<Listing>", "</div>",
)
documents = st.lists(st.sampled_from(LINES), max_size=60).map("\n".join)


def _same_units(text: str) -> None:
    lines = Lines(make_document("doc.md", text))
    assert markdown.units(lines) == markdown.units(lines, skip_plain=False)


@FUZZ
@given(text=documents)
def test_plain_paragraphs_skipped_give_the_parsers_units(text: str) -> None:
    _same_units(text)


@FUZZ
@given(text=documents)
def test_the_same_after_front_matter(text: str) -> None:
    _same_units("---\ntitle: x\n---\n" + text)


@pytest.mark.parametrize(
    "text",
    [
        # A plain run inside a fence, inside an HTML comment, and one that ends a comment.
        "```\ncode\n\nNot a paragraph.\n\n```\n\nA paragraph.\n",
        "<!-- a comment\n\nStill in it.\n\n-->\n\nOut of it.\n",
        "<!-- a comment\n\nIt ends here -->\n\nOut of it.\n",
        # An HTML block left open ends at the last line the parser sees.
        "<pre>\n\nThe council voted.",
        "<pre>\n\nThe council voted.\n\nNine members said so.\n",
        # A block left open in a list item ends where the run ends the item.
        "- <pre>\n\nThe council voted.\n\nThe council voted.",
        "- ```\n  code\n\nThe council voted.\n\nNine members said so.\n",
        # Between a list item and its indented continuation: the parser's.
        "- item\n\nPlain text.\n\n    code or continuation\n",
        # A setext heading is no plain paragraph.
        "Heading\n-------\n\nText.\n",
    ],
)
def test_constructs_around_plain_lines(text: str) -> None:
    _same_units(text)


def _markdown_documents() -> list[Path]:
    found = sorted(ROOT.glob("tests/**/*.md")) + sorted(ROOT.glob("tui/evaluation/data/texts/*/*.md"))
    if SHARED_CORPUS.is_dir():
        found += sorted(SHARED_CORPUS.glob("*/*.txt"))
    return found


def test_every_markdown_document_here_gives_the_parsers_units() -> None:
    checked = 0
    for path in _markdown_documents():
        doc = read_document(str(path))
        if markup_format(doc.path, doc.text) != MARKDOWN:
            continue
        lines = Lines(doc)
        assert markdown.units(lines) == markdown.units(lines, skip_plain=False), path
        checked += 1
    assert checked
