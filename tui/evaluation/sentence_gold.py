"""Sentence-level gold of a hand-labelled case: the gold sentences of each text, and the sentence
links read from its `[[sentence]]`, `[[sentence_weak]]` and `[[sentence_unpaired]]` entries.

A sentence is named by its opening words (whole words, unique in the file; line breaks and runs of
spaces in the text match any whitespace in the opening, so a hard-wrapped text is named as it reads).

Sentences that are equal (after folding typography, whitespace and invisible characters such as
word joiners) and sit in two units linked strongly at paragraph level are linked without an entry:
that is what "these paragraphs are counterparts" says of their unchanged sentences, not a
judgement. Every other sentence of a linked unit needs an entry (checks.py), so the reader has
looked at each changed, split, merged or moved sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.engine.normalize import equality_key
from tui.evaluation.gold import Link, Links, Span, UnitCover

SENTENCE_SECTIONS = ("sentence", "sentence_weak", "sentence_unpaired")

# A sentence ends at . ! or ? (and a closing quote or bracket) before whitespace and a capital,
# a digit or an opening quote: the rule of perturb.split_sentences, with the closing quote kept in
# the sentence it closes.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"'’”)]?)\s+(?=[\"'“‘(]?[A-Z0-9])")
# A title before a name ("Mr. Collins") does not end a sentence.
_TITLE = re.compile(r"(?:^|\W)(?:Mr|Mrs|Ms|Dr|St)\.$")


@dataclass(slots=True)
class SentenceEntry:
    """One sentence entry as written in the file, in sentence indices."""

    section: str
    left: list[int]
    right: list[int]
    note: str


@dataclass(slots=True)
class Sentences:
    """The gold sentences of one text: spans, and the unit each lies in."""

    spans: list[Span]
    unit_of: list[int]

    def in_units(self, units: Iterable[int]) -> set[int]:
        wanted = set(units)
        return {s for s, u in enumerate(self.unit_of) if u in wanted}


@dataclass(slots=True)
class SentenceGold:
    links: Links
    entries: list[SentenceEntry] = field(default_factory=list)
    derived: set[Link] = field(default_factory=set)  # equal sentences of strongly linked units


def _bounds(flat: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph (line breaks already turned into spaces)."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(flat):
        pieces.append((start, match.end(1)))
        start = match.end()
    pieces.append((start, len(flat)))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if not flat[a:b].strip():
            continue
        # A section label ("0.", "A.", "iv.") or a title ("Mrs.") starts the sentence after it.
        if out and (out[-1][1] - out[-1][0] <= 4 or _TITLE.search(flat[out[-1][0] : out[-1][1]])):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def sentence_units(text: str, units: list[Span]) -> Sentences:
    """The sentences of every unit, in text order."""
    spans: list[Span] = []
    unit_of: list[int] = []
    for u, (start, end) in enumerate(units):
        # Line breaks count as spaces; one character each, so offsets stay those of the text.
        for a, b in _bounds(text[start:end].replace("\n", " ")):
            spans.append((start + a, start + b))
            unit_of.append(u)
    return Sentences(spans, unit_of)


def plain_key(text: str) -> str:
    """What two sentences or units must share to be plainly equal: typography and whitespace
    folded, and invisible format characters (word joiners, soft hyphens) dropped."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return equality_key(visible, True)


def find_sentence(text: str, cover: UnitCover, opening: str) -> int:
    """The sentence a file's opening words name: found exactly once, inside one sentence."""
    # Whole words: "XX" names the heading XX, not the start of XXI.
    before = r"(?<!\w)" if opening[:1].isalnum() else ""
    after = r"(?!\w)" if opening[-1:].isalnum() else ""
    pattern = re.compile(before + r"\s+".join(re.escape(word) for word in opening.split()) + after)
    found = [m.span() for m in pattern.finditer(text)]
    if len(found) != 1:
        raise ValueError(f"sentence opening not found exactly once: {opening[:60]!r}")
    units = cover.lies_on(found[0])
    if len(units) != 1:
        raise ValueError(f"sentence opening not inside one sentence: {opening[:60]!r}")
    return next(iter(units))


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _derive(
    left_text: str,
    right_text: str,
    left: Sentences,
    right: Sentences,
    unit_links: set[Link],
    taken_left: set[int],
    taken_right: set[int],
) -> set[Link]:
    """Equal sentences of strongly linked units, in order (a repeated sentence pairs with the
    same repetition on the other side); sentences with an entry of their own are left to it."""
    out: set[Link] = set()
    used_right = set(taken_right)
    for u in sorted({u for u, _ in unit_links}):
        partners = {v for x, v in unit_links if x == u}
        candidates = [t for t, v in enumerate(right.unit_of) if v in partners and t not in used_right]
        by_key: dict[str, list[int]] = {}
        for t in candidates:
            by_key.setdefault(plain_key(right_text[slice(*right.spans[t])]), []).append(t)
        for s, unit in enumerate(left.unit_of):
            if unit != u or s in taken_left:
                continue
            same = by_key.get(plain_key(left_text[slice(*left.spans[s])]))
            if same:
                t = same.pop(0)
                used_right.add(t)
                out.add((s, t))
    return out


def build(
    spec: dict,
    texts: tuple[str, str],
    sentences: tuple[Sentences, Sentences],
    unit_links: set[Link],
) -> SentenceGold:
    """The sentence gold of a file whose spec has sentence entries."""
    (left_text, right_text), (left, right) = texts, sentences
    covers = UnitCover(left_text, left.spans), UnitCover(right_text, right.spans)

    def indices(item: dict, side: int) -> list[int]:
        name = ("left", "right")[side]
        text = texts[side]
        return [find_sentence(text, covers[side], opening) for opening in _as_list(item.get(name, []))]

    entries = [
        SentenceEntry(section, indices(item, 0), indices(item, 1), item.get("note", ""))
        for section in SENTENCE_SECTIONS
        for item in spec.get(section, [])
    ]
    links = Links()
    for entry in entries:
        group = {(s, t) for s in entry.left for t in entry.right}
        if entry.section == "sentence_weak":
            links.weak |= group
        elif entry.section == "sentence" and len(group) == 1:
            links.strong |= group
        elif entry.section == "sentence":
            links.alternatives.append(group)
    taken_left = {s for e in entries for s in e.left}
    taken_right = {t for e in entries for t in e.right}
    derived = _derive(left_text, right_text, left, right, unit_links, taken_left, taken_right)
    links.strong |= derived
    return SentenceGold(links, entries, derived)
