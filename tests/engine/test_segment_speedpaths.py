"""The fast paths of segmentation give exactly what its plain rules give.

paragraphs() cuts most chunks without _Line objects (plain chunks, one-line chunks, a lazily found
body indentation), and sentences() splits without the abbreviation check where the word before
the stop is long. Each test here runs the straightforward version of the rules — the code the fast
paths replaced, kept as the reference — on odd text and requires every field of every passage to be
the same: offsets, line numbers, kinds, texts.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import astuple, fields

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine import segment
from tui.engine.model import Document, Passage, UnitKind
from tui.engine.reading import make_document
from tui.engine.segment import _chunk_units, _Line, paragraphs, sentences

EXAMPLES = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- The reference: the rules line by line, as segment.py applied them before its fast paths. ---


def _reference_chunks(doc: Document) -> list[list[_Line]]:
    chunks: list[list[_Line]] = []
    current: list[_Line] = []
    number, pos = 1, 0
    for match in re.finditer(r"^[^\S\n]*\S.*", doc.text, re.MULTILINE):
        newlines = doc.text.count("\n", pos, match.start())
        if newlines > 1 and current:
            chunks.append(current)
            current = []
        number += newlines
        pos = match.start()
        current.append(_Line(number, match.start(), match.group()))
    if current:
        chunks.append(current)
    return chunks


def _reference_units(
    chunk: list[_Line], body_indent: int, overlong_allowed: bool
) -> list[tuple[list[_Line], UnitKind]]:
    if all(line.indent >= body_indent + 4 for line in chunk) and len(chunk) > 1:
        return [(chunk, UnitKind.PREFORMATTED)]
    if len(chunk) == 1:
        line = chunk[0]
        kind = (
            UnitKind.LIST_ITEM if line.is_list
            else UnitKind.HEADING if segment._is_heading(chunk)
            else UnitKind.PARAGRAPH
        )
        return [(chunk, kind)]
    return _chunk_units(chunk, lambda: overlong_allowed)


def reference_paragraphs(doc: Document) -> list[Passage]:
    chunks = _reference_chunks(doc)
    counts: dict[int, int] = {}
    for chunk in chunks:
        for line in chunk:
            counts[line.indent] = counts.get(line.indent, 0) + len(line.text)
    body_indent = max(counts, key=lambda k: counts[k]) if counts else 0
    overlong_allowed = segment.overlong_lines_are_rare(doc.text)
    passages: list[Passage] = []
    for chunk in chunks:
        for unit, kind in _reference_units(chunk, body_indent, overlong_allowed):
            first, last = unit[0], unit[-1]
            start = first.start + (
                len(first.text) - len(first.text.lstrip()) if kind is not UnitKind.PREFORMATTED else 0
            )
            end = last.start + len(last.text.rstrip())
            index = len(passages)
            unit_text = doc.text[start:end]
            passages.append(Passage(index, kind, start, end, first.number, last.number, unit_text, index))
    return passages


_REFERENCE_STOP = re.compile(r"([.!?…]+)(['\"’”»)\]]*)(\s+)(?=['\"‘“«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])")


def reference_split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _REFERENCE_STOP.finditer(text):
        end = match.end(2)
        before = text[start : match.start(1)]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        last = last_word.lower().strip("(\"'“‘")
        if (
            match.group(1) == "."
            and not last_word.endswith(("'", '"', "’", "”"))
            and (last in segment._ABBREVIATIONS or (len(last) == 1 and last.isalpha()))
            and not (last == "no" and not text[match.end(3) : match.end(3) + 1].isdigit())
        ):
            continue
        label = before.strip()
        if len(label) <= 4 and " " not in label:
            continue
        spans.append((start, end))
        start = match.end(3)
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def reference_sentences(doc: Document, paras: list[Passage]) -> list[Passage]:
    def line_of(offset: int) -> int:
        return max(1, bisect_right(doc.line_starts, offset))

    out: list[Passage] = []
    for para in paras:
        split = para.kind in (UnitKind.PARAGRAPH, UnitKind.LIST_ITEM)
        spans = reference_split(para.text) if split else [(0, len(para.text))]
        kind = UnitKind.SENTENCE if split else para.kind
        for s, e in spans:
            start, end = para.start_offset + s, para.start_offset + e
            out.append(Passage(len(out), kind, start, end, line_of(start), line_of(max(start, end - 1)),
                               doc.text[start:end], para.index))
    return out


def _fields(passages: list[Passage]) -> list[tuple]:
    return [astuple(p) for p in passages]


# --- Text that visits every path: layouts, markers, indentation, tabs, odd whitespace. ---

WORDS = st.sampled_from(
    "the river Council voted nine 63 e.g. Mr. No. U.S. a.m. approx. etc. A. iv. x café 東京 "
    "wordwordwordwordwordword Ünïcode ВОДА".split()
)
INDENTS = st.sampled_from(["", "", "", " ", "  ", "    ", "        ", "\t", " \t", "\u3000", "\x0c"])
MARKERS = st.sampled_from(
    ["", "", "", "", "- ", "* ", "• ", "1. ", "12) ", "(a) ", "iv) ", "# ", "### ", "#x "]
)
ENDINGS = st.sampled_from(["", "", "", ".", "?", ":", ". ", "  ", "\t", "\u00a0", ".”", "!)"])


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(["", "", " ", "\t ", "\x0c", "=====", "-----", "  ~~~~ ", "***"]))
    words = draw(st.lists(WORDS, min_size=1, max_size=24))
    return draw(INDENTS) + draw(MARKERS) + " ".join(words) + draw(ENDINGS)


@st.composite
def wrapped(draw: st.DrawFn) -> str:
    """Hard-wrapped paragraphs: words of random lengths filled up to a width, some lines broken
    early, so the fill test decides close to its limit both ways, and ends of sentences."""
    width = draw(st.integers(20, 120))
    indent = draw(st.sampled_from(["", "", " ", "   ", "    ", "\t"]))
    out, line = [], ""
    # Now and then an unbreakable stretch longer than LONG_LINE (a URL).
    for length in draw(st.lists(st.sampled_from([*range(1, 15), 115]), min_size=1, max_size=60)):
        word = draw(st.sampled_from("wwwW")) * length + draw(st.sampled_from(["", "", "", "", ".", ":", ","]))
        if line and (len(line) + 1 + length > width or draw(st.integers(0, 12)) == 0):
            out.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(indent + line)
    return "\n".join(out)


@st.composite
def indented(draw: st.DrawFn) -> str:
    """Chunks at a body indentation and some further in: preformatted exactly when four or more
    past the body (RFCs indent by three, PEPs by four)."""
    body = draw(st.integers(0, 5))
    chunks = []
    for _ in range(draw(st.integers(1, 6))):
        extra = draw(st.sampled_from([0, 0, 1, 3, 4, 5, 8]))
        rows = draw(st.lists(st.lists(WORDS, min_size=1, max_size=8), min_size=1, max_size=4))
        chunks.append("\n".join(" " * (body + extra) + " ".join(row) for row in rows))
    return "\n\n".join(chunks)


@st.composite
def tied(draw: st.DrawFn) -> str:
    """Chunks of two lines of one length at two or three indentations, as many at each: the body
    indentation is a tie, which the first indentation seen wins, and it decides whether the
    chunks indented four or more past it are preformatted."""
    indents = draw(st.lists(st.sampled_from([0, 1, 2, 4, 8]), min_size=2, max_size=3, unique=True))
    per_indent = draw(st.integers(1, 3))
    order = draw(st.permutations([indent for indent in indents for _ in range(per_indent)]))
    return "\n\n".join("\n".join([" " * indent + "w" * (20 - indent)] * 2) for indent in order)


documents = st.one_of(
    st.lists(lines(), min_size=0, max_size=40).map("\n".join),
    st.lists(st.one_of(wrapped(), indented(), tied(), lines()), max_size=6).map("\n\n".join),
    st.text(alphabet=st.sampled_from(list("ab. \n\t-#*1()A\u3000\x0b”")), max_size=300),
)


@FUZZ
@given(documents, st.sampled_from(["", "\n", "\n\n", "\r\n"]))
def test_paragraphs_are_what_the_plain_rules_give(text: str, ending: str) -> None:
    doc = make_document("x", text + ending)
    assert _fields(paragraphs(doc)) == _fields(reference_paragraphs(doc))


# Sentences: stops after words of every length around the longest abbreviation, abbreviations,
# initials, labels, quotes and brackets the abbreviation check strips, "No." before a number or not.
SENTENCE_PIECES = st.sampled_from(
    "Mr. Dr. St. approx. Approx. sept. etc. e.g. U.S. a.m. No. 5 no. No. Five A. b. iv. 9. 12. "
    "(mr. ((((approx. “dr. 'w'. \"Q\". x. xy. abcdef. abcdefg. abcdefgh. wordy! why? so… "
    "Done.” (See.) [Yes.] «Да». ВОДА. Ünïcode. 東京。 The Then And 3 À Ж — ".split(" ")
)
sentence_texts = st.lists(
    st.tuples(SENTENCE_PIECES, st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\u00a0", ""])),
    max_size=40,
).map(lambda pairs: "".join(piece + gap for piece, gap in pairs))


@FUZZ
@given(sentence_texts)
def test_sentence_split_is_what_the_plain_rules_give(text: str) -> None:
    assert segment._split_sentences(text) == reference_split(text)
    stripped = text.strip()  # paragraph texts are stripped
    assert segment._split_sentences(stripped) == reference_split(stripped)


@FUZZ
@given(st.one_of(documents, st.lists(sentence_texts, max_size=5).map("\n\n".join)), st.data())
def test_sentences_are_what_the_plain_rules_give(text: str, data: st.DataObject) -> None:
    doc = make_document("x", text)
    paras = paragraphs(doc)
    # All paragraphs (sentence mode), and a subset (the paragraphs left unpaired).
    subset = [p for p in paras if data.draw(st.booleans())]
    assert _fields(sentences(doc)) == _fields(reference_sentences(doc, paras))
    assert _fields(sentences(doc, subset)) == _fields(reference_sentences(doc, subset))


def test_real_documents_segment_as_the_plain_rules_do(seed_paths) -> None:
    # One-paragraph-per-line text (the seeds) and hard-wrapped text with lists and an indented
    # block, the layouts the fast paths are for.
    wrapped = (
        "Title Of The Page\n=================\n\n"
        "This paragraph is wrapped at about sixty columns, as a plain\n"
        "text file would be, and it goes on for a few lines so that\n"
        "the fill test has something to decide.\n"
        "A short line.\n"
        "And a new paragraph starts after it, in the same chunk.\n\n"
        "    indented code block line one\n    indented code block line two\n\n"
        "- a list item that wraps onto a second line when it is long\n"
        "  enough to need one\n- and a second item\n"
    )
    docs = [make_document("wrapped", wrapped)] + [make_document(p.name, p.read_text()) for p in seed_paths]
    for doc in docs:
        got = paragraphs(doc)
        assert _fields(got) == _fields(reference_paragraphs(doc))
        assert len(got) > 3
        assert _fields(sentences(doc, got)) == _fields(reference_sentences(doc, got))


def test_fill_test_at_its_limit() -> None:
    # A line starts a new paragraph when the next line's first word would have fitted after it:
    # at the limit, a one-letter word fits after a line fourteen columns short of the longest
    # line and not after one thirteen short. The shortcut that skips finding the word sits there.
    # (The short line ends a sentence: one ending mid-sentence continues its wrapped paragraph.)
    full = "x" * 59 + " y" * 10  # 79 columns: the longest line
    for short in (79 - 15, 79 - 14, 79 - 13, 79 - 12):
        for word in ("a", "ab"):
            for end in (".", ""):
                text = f"{full}\n{'z' * (short - len(end)) + end}\n{word} rest of the paragraph\n{full}\n"
                doc = make_document("x", text)
                assert _fields(paragraphs(doc)) == _fields(reference_paragraphs(doc))
    split = make_document("x", f"{full}\n{'z' * 64}.\na rest\n")
    assert [(p.start_line, p.end_line) for p in paragraphs(split)] == [(1, 2), (3, 3)]


def test_fast_passage_constructor_builds_a_passage_field_for_field() -> None:
    # _passage sets the slots directly: it must set every field of Passage, in its order, and
    # give an object equal to (and hashing like) the one Passage() gives. It skips __init__, so a
    # Passage that gains a check in __post_init__ or a field with a default needs it changed too.
    values = (3, UnitKind.HEADING, 10, 20, 2, 4, "Some text", 1)
    assert len(values) == len(fields(Passage))
    assert not hasattr(Passage, "__post_init__")
    made = segment._passage(*values)
    assert type(made) is Passage
    assert made == Passage(*values) and hash(made) == hash(Passage(*values))
    assert astuple(made) == values
