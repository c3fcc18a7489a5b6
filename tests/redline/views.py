"""Accepting and rejecting every change of a redline, written here from the formats' definitions
(not from diptych's writers), and what the result is compared with.

What is compared: a document's passages (its paragraph units, as diptych segments it) with each
one's whitespace normalised (runs of spaces, tabs and line ends made one space, ends stripped),
against the paragraphs the redline has once every change is accepted (or rejected), empty ones
left out, normalised the same way. Whitespace is normalised because a redline joins a
hard-wrapped paragraph's lines; whether two tokens have space between them or not is kept.

A Word or HTML paragraph is a passage, a code block with blank lines too. CriticMarkup has no
paragraphs of its own: a Markdown reader cuts its text at blank lines, and cannot tell a code
block's blank line from a paragraph break, so for it the passages are cut at their blank lines
too (critic_passages); that the blank lines themselves are kept is tested on Markdown documents.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from tui.engine.compare import compare_files
from tui.engine.model import Alignment, Document
from tui.engine.segment import segment
from tui.redline.markdown import critic_unescape

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
# Three corpus pairs with what a redline has to get right: moves, splits and merges, headings,
# preformatted blocks, changed numbers.
CORPUS_PAIRS = ("small-pep0257-docstrings", "small-progit-ch1-ed1-vs-ed2", "small-quic-invariants-00-vs-13")


def pair_paths(name: str) -> tuple[Path, Path]:
    if name == "seeds":
        return SEEDS[0], SEEDS[1]
    return CORPUS / name / "left.txt", CORPUS / name / "right.txt"


def aligned(name: str) -> Alignment:
    left, right = pair_paths(name)
    return compare_files(str(left), str(right))


def normalised(text: str) -> str:
    return " ".join(text.split())


def passages(doc: Document, markup: bool = True) -> list[str]:
    """`markup`: as the alignment's option (False: a Markdown document segmented as plain text)."""
    return kept([p.text for p in segment(doc, "paragraph", markup)])


def critic_passages(doc: Document, markup: bool = True) -> list[str]:
    """The passages as a CriticMarkup reader finds them: cut at their blank lines."""
    return kept([piece for p in segment(doc, "paragraph", markup) for piece in _BLANK_LINE.split(p.text)])


def kept(paragraphs: list[str]) -> list[str]:
    return [normalised(p) for p in paragraphs if p.strip()]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# -- Word ------------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NEWER_ONLY = (W + "ins", W + "moveTo")
OLDER_ONLY = (W + "del", W + "moveFrom")


def document_xml(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return ElementTree.fromstring(package.read("word/document.xml"))


def docx_views(data: bytes) -> tuple[list[str], list[str]]:
    """(accepted, rejected) paragraphs of a Word document: accepting drops w:del and w:moveFrom
    with their text, rejecting drops w:ins and w:moveTo; a paragraph whose mark (pPr/rPr) is
    dropped joins the next one."""
    accepted, rejected = docx_texts(data)
    return kept(accepted), kept(rejected)


def docx_texts(data: bytes) -> tuple[list[str], list[str]]:
    """docx_views' paragraphs as they are: a w:br is a line end, a w:tab a tab."""
    body = document_xml(data).find(W + "body")
    assert body is not None
    return _word_view(body, OLDER_ONLY), _word_view(body, NEWER_ONLY)


def _word_view(body: ElementTree.Element, dropped: tuple[str, ...]) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    for paragraph in body.findall(W + "p"):
        current += _word_text(paragraph, dropped)
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        if mark is None or not any(mark.find(tag) is not None for tag in dropped):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _word_text(element: ElementTree.Element, dropped: tuple[str, ...]) -> str:
    out = []
    for child in element:
        if child.tag in dropped or child.tag == W + "pPr":
            continue
        if child.tag in (W + "t", W + "delText"):
            out.append(child.text or "")
        elif child.tag == W + "tab":
            out.append("\t")
        elif child.tag in (W + "br", W + "cr"):
            out.append("\n")
        else:
            out.append(_word_text(child, dropped))
    return "".join(out)


# -- CriticMarkup ----------------------------------------------------------------------------------

# The five marks of the CriticMarkup spec; the shortest match, as its reference processor reads them.
_CRITIC = re.compile(
    r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}|\{>>(.*?)<<\}|\{==(.*?)==\}", re.S
)


def critic_views(text: str) -> tuple[list[str], list[str]]:
    """(accepted, rejected) paragraphs of a CriticMarkup text, cut at blank lines."""
    return kept(_BLANK_LINE.split(critic_text(text, True))), kept(_BLANK_LINE.split(critic_text(text, False)))


def critic_text(text: str, accept: bool) -> str:
    """A CriticMarkup text with every change accepted or rejected: comments dropped, highlights
    kept, insertions and substitutions' new text kept by accepting, deletions and old text by
    rejecting. Text outside and inside the marks is unescaped piece by piece, as it was escaped."""
    out: list[str] = []
    at = 0
    for match in _CRITIC.finditer(text):
        out.append(critic_unescape(text[at:match.start()]))
        inserted, deleted, old, new, _comment, highlighted = match.groups()
        if inserted is not None:
            out.append(critic_unescape(inserted) if accept else "")
        elif deleted is not None:
            out.append("" if accept else critic_unescape(deleted))
        elif old is not None:
            out.append(critic_unescape(new if accept else old))
        elif highlighted is not None:
            out.append(critic_unescape(highlighted))
        at = match.end()
    out.append(critic_unescape(text[at:]))
    return "".join(out)


# -- HTML ------------------------------------------------------------------------------------------


class HtmlRedline(HTMLParser):
    """The elements and text of an HTML redline, and its paragraphs (p, pre and the headings'
    div in main) once every change is accepted or rejected: ins kept and del dropped, or the
    reverse; a paragraph whose ¶ is inside an ins or del has a break only one version has."""

    BLOCKS = ("p", "pre", "div")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.texts: list[str] = []  # all character data, outside <style>
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._in_main = False
        # Each paragraph: accepted text, rejected text, and "ins"/"del" for a marked break.
        self.paragraphs: list[tuple[str, str, str | None]] = []
        self._current: list[str] = ["", ""]
        self._mark: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "main":
            self._in_main = True
        self._stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "main":
            self._in_main = False
        if self._in_main and tag in self.BLOCKS:
            self.paragraphs.append((self._current[0], self._current[1], self._mark))
            self._current, self._mark = ["", ""], None

    def handle_data(self, data: str) -> None:
        if any(tag == "style" for tag, _ in self._stack):
            return
        self.texts.append(data)
        if not self._in_main or not any(tag in self.BLOCKS for tag, _ in self._stack):
            return  # the whitespace between two paragraphs is not in either
        classes = " ".join(str(attrs.get("class") or "") for _, attrs in self._stack).split()
        if {"pnum", "move-note", "note-ref"} & set(classes):
            return  # the redline's own labels, not document text
        tags = [tag for tag, _ in self._stack]
        inserted, deleted = "ins" in tags, "del" in tags
        if data == "¶" and (inserted or deleted):
            self._mark = "ins" if inserted else "del"
            return
        if not deleted:
            self._current[0] += data
        if not inserted:
            self._current[1] += data

    def views(self) -> tuple[list[str], list[str]]:
        accepted, rejected = self.paragraph_texts()
        return kept(accepted), kept(rejected)

    def paragraph_texts(self) -> tuple[list[str], list[str]]:
        """views' paragraphs as they are (a <pre>'s lines are lines)."""
        return self._view(0, "del"), self._view(1, "ins")

    def _view(self, side: int, missing: str) -> list[str]:
        out: list[str] = []
        current = ""
        for paragraph in self.paragraphs:
            current += paragraph[side]
            if paragraph[2] != missing:
                out.append(current)
                current = ""
        out.append(current)
        return out


def html_redline(text: str) -> HtmlRedline:
    parser = HtmlRedline()
    parser.feed(text)
    parser.close()
    return parser
