"""Gold pairings and how predicted alignments are scored against them.

A gold standard is a pair of texts, the character spans of their gold units (paragraphs or
sentences) and the set of links (left unit, right unit) a careful reader would draw. A split
or merge is several links (1→2 is two links). Predictions are mapped onto gold units by
character offsets, so the scoring does not depend on how diptych segments the text: a passage
counts as the gold unit its first character falls in (or overlaps most, for sentences).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Span = tuple[int, int]
Link = tuple[int, int]


@dataclass(slots=True)
class Links:
    """Gold links at one level. Most links are required; where a reader could fairly draw either
    of two links (a sentence repeated verbatim in two places), a group lists the alternatives and
    any one of them counts; optional links are neither required nor counted as wrong."""

    required: set[Link] = field(default_factory=set)
    groups: list[set[Link]] = field(default_factory=list)
    optional: set[Link] = field(default_factory=set)

    def allowed(self) -> set[Link]:
        out = self.required | self.optional
        for group in self.groups:
            out |= group
        return out

    def score(self, predicted: set[Link]) -> Score:
        allowed = self.allowed()
        correct = len(predicted & allowed)
        wanted = len(self.required) + len(self.groups)
        found = len(predicted & self.required) + sum(1 for g in self.groups if predicted & g)
        p = correct / len(predicted) if predicted else (1.0 if not wanted else 0.0)
        r = found / wanted if wanted else (1.0 if not predicted - allowed else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return Score(p, r, f, len(predicted), wanted)


@dataclass(slots=True)
class Gold:
    name: str
    left: str
    right: str
    left_units: list[Span]
    right_units: list[Span]
    links: Links
    # Sentence level (optional): spans and links of sentences.
    left_sentences: list[Span] = field(default_factory=list)
    right_sentences: list[Span] = field(default_factory=list)
    sentence_links: Links | None = None
    kind: str = "generated"  # "generated" | "seeds" | "real"
    # For a labelled sample of a larger pair: the gold units (left, right) the labels cover;
    # only predicted links touching them are scored.
    windows: tuple[set[int], set[int]] | None = None

    def in_scope(self, links: set[Link]) -> set[Link]:
        if self.windows is None:
            return links
        left, right = self.windows
        return {(i, j) for i, j in links if i in left or j in right}


@dataclass(slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


class UnitMap:
    """Maps character spans of predicted passages onto gold unit indices."""

    def __init__(self, spans: Sequence[Span]):
        self.spans = list(spans)
        self.starts = [s for s, _ in spans]

    def unit_at(self, start: int, end: int) -> int | None:
        if not self.spans:
            return None
        k = bisect_right(self.starts, start) - 1
        best, best_overlap = None, 0
        # The passage may start in the gap before a unit or straddle two: take the largest overlap.
        for c in (k, k + 1):
            if 0 <= c < len(self.spans):
                s, e = self.spans[c]
                overlap = min(e, end) - max(s, start)
                if overlap > best_overlap:
                    best, best_overlap = c, overlap
        return best


def map_links(pairs: Iterable[tuple[Span, Span]], left_map: UnitMap, right_map: UnitMap) -> set[Link]:
    """Predicted links between passage spans, in gold unit indices."""
    out: set[Link] = set()
    for ls, rs in pairs:
        i = left_map.unit_at(*ls)
        j = right_map.unit_at(*rs)
        if i is not None and j is not None:
            out.add((i, j))
    return out


def spans_of(text: str, parts: Sequence[str], start: int = 0) -> list[Span]:
    """Spans of `parts` found in order in `text` (used to locate hand-labelled passages)."""
    spans: list[Span] = []
    pos = start
    for part in parts:
        k = text.find(part, pos)
        if k < 0:
            raise ValueError(f"passage not found in order: {part[:60]!r}")
        spans.append((k, k + len(part)))
        pos = k + len(part)
    return spans
