"""Gold pairings and how predicted alignments are scored against them.

A gold standard is a pair of texts, the character spans of their gold units (paragraphs,
headings, list items, tables, code blocks — or sentences) and the links a careful reader draws
between units:

- **strong** links: the reader expects the two units shown as counterparts (both halves of a
  split are two strong links);
- **weak** links: defensible, not required; predicting one is neither missed nor wrong — it is
  left out of precision and recall alike;
- **alternatives**: a set of links of which any one will do (a sentence repeated verbatim in two
  places); one counts as wanted.

Predictions are judged by `judge`, which maps predicted passages onto gold units by the
characters they share, so the scoring does not depend on how the aligner segments:

1. A passage *lies on* a gold unit when their overlap holds at least half the visible
   (non-space) characters of the unit, or at least half of the passage's. A finer passage (one
   list item of a list the gold keeps whole, one line of a paragraph) lies on the unit around
   it; a coarser one (a whole list where the gold has items) lies on every unit it covers.
2. A predicted pair (a block: its passages on each side) claims every link between a unit its
   left passages lie on and a unit its right passages lie on.
3. A claimed link that is strong (or one of alternatives) is correct; weak is ignored; any other
   is wrong — except a cross link inside a pair coarser than the gold, between two units that
   the same pair links correctly to others (two lists paired as wholes also "link" item 1 to
   item 2: that is granularity, not a wrong pair). A unit that a pair carries with no partner
   on the other side of that pair makes all its links in the pair wrong: wrong pairs always count.
4. Links are sets: the same link claimed by several fragments counts once.
5. A strong link is *found* (recall) when the pairs that claim it cover at least half of each
   unit's visible characters — a paragraph cut into lines of which one pairs is not shown as
   a counterpart.

Precision = correct / (correct + wrong) — precision first: a wrong pair costs a reader's trust.
Recall = found / wanted. With a window (a labelled section of a larger pair), only pairs that
touch a unit of the window are scored.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

Span = tuple[int, int]
Link = tuple[int, int]
# A predicted pair: the spans of its passages on the left and on the right.
Group = tuple[Sequence[Span], Sequence[Span]]


@dataclass(slots=True)
class Links:
    """Gold links at one level (paragraphs or sentences)."""

    strong: set[Link] = field(default_factory=set)
    alternatives: list[set[Link]] = field(default_factory=list)
    weak: set[Link] = field(default_factory=set)

    def wanted(self) -> int:
        return len(self.strong) + len(self.alternatives)

    def expected(self) -> set[Link]:
        """The links that count as correct: strong ones and every alternative."""
        out = set(self.strong)
        for group in self.alternatives:
            out |= group
        return out


@dataclass(slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int  # correct + wrong links (weak and granularity links left out)
    gold: int  # links wanted
    wrong: int = 0


@dataclass(slots=True)
class Verdict:
    """What a prediction got right and wrong, in gold unit indices."""

    correct: set[Link] = field(default_factory=set)  # claimed and expected
    wrong: set[Link] = field(default_factory=set)
    found: set[Link] = field(default_factory=set)  # correct and shown over most of both units

    def score(self, links: Links) -> Score:
        wanted = links.wanted()
        hits = len(self.found & links.strong) + sum(1 for g in links.alternatives if self.found & g)
        predicted = len(self.correct) + len(self.wrong)
        p = len(self.correct) / predicted if predicted else (1.0 if not wanted else 0.0)
        r = hits / wanted if wanted else (1.0 if not self.wrong else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return Score(p, r, f, predicted, wanted, len(self.wrong))


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
    kind: str = "generated"  # "generated", "seeds", or a real kind: "news", "policy", "licence", ...
    # For a labelled section of a larger pair: the gold units (left, right) the labels cover;
    # only predicted pairs touching them are scored.
    windows: tuple[set[int], set[int]] | None = None
    # The sentences inside those units (left, right): only sentence pairs touching them are scored.
    sentence_windows: tuple[set[int], set[int]] | None = None


class UnitCover:
    """Where passages fall among the gold units of one text, in visible characters."""

    def __init__(self, text: str, units: Sequence[Span]):
        self.units = list(units)
        self.starts = [s for s, _ in self.units]
        self.ends = [e for _, e in self.units]
        # visible[k]: non-space characters in text[:k].
        self.visible = [0, *accumulate(0 if c.isspace() else 1 for c in text)]

    def count(self, start: int, end: int) -> int:
        return self.visible[end] - self.visible[start] if end > start else 0

    def lies_on(self, span: Span) -> dict[int, int]:
        """The units a passage lies on (rule 1 above), with the visible characters it covers of each."""
        start, end = span
        own = self.count(start, end)
        out: dict[int, int] = {}
        # Units that end after the passage starts and start before it ends.
        for u in range(bisect_right(self.ends, start), bisect_left(self.starts, end)):
            s, e = self.units[u]
            shared = self.count(max(s, start), min(e, end))
            if shared and 2 * shared >= min(self.count(s, e), own):
                out[u] = shared
        return out

    def covered(self, unit: int, spans: Iterable[Span]) -> bool:
        """Do these (disjoint) passages cover at least half of the unit's visible characters?"""
        s, e = self.units[unit]
        shared = sum(self.count(max(s, a), min(e, b)) for a, b in spans)
        return 2 * shared >= self.count(s, e)


def judge(
    links: Links,
    groups: Iterable[Group],
    left: UnitCover,
    right: UnitCover,
    windows: tuple[set[int], set[int]] | None = None,
) -> Verdict:
    """Predicted pairs (passage spans) judged against gold links: rules 1-5 above."""
    expected = links.expected()
    correct: set[Link] = set()
    wrong: set[Link] = set()
    shown_left: dict[Link, set[Span]] = {}
    shown_right: dict[Link, set[Span]] = {}
    for left_spans, right_spans in groups:
        on_left = {ls: left.lies_on(ls) for ls in left_spans}
        on_right = {rs: right.lies_on(rs) for rs in right_spans}
        units_left = {u for units in on_left.values() for u in units}
        units_right = {v for units in on_right.values() for v in units}
        if windows is not None and not (units_left & windows[0] or units_right & windows[1]):
            continue
        claimed = {(u, v) for u in units_left for v in units_right}
        good = claimed & expected
        linked_left = {u for u, _ in good}
        linked_right = {v for _, v in good}
        correct |= good
        wrong |= {
            (u, v) for u, v in claimed - expected - links.weak if not (u in linked_left and v in linked_right)
        }
        for u, v in good:
            shown_left.setdefault((u, v), set()).update(ls for ls, units in on_left.items() if u in units)
            shown_right.setdefault((u, v), set()).update(rs for rs, units in on_right.items() if v in units)
    found = {
        (u, v)
        for u, v in correct
        if left.covered(u, shown_left[u, v]) and right.covered(v, shown_right[u, v])
    }
    return Verdict(correct, wrong, found)


def judge_gold(gold: Gold, groups: Iterable[Group]) -> Verdict:
    """Predicted paragraph pairs judged against a gold standard."""
    return judge(
        gold.links,
        groups,
        UnitCover(gold.left, gold.left_units),
        UnitCover(gold.right, gold.right_units),
        gold.windows,
    )


def score_gold(gold: Gold, groups: Iterable[Group]) -> Score:
    """Paragraph-level score of predicted pairs against a gold standard."""
    return judge_gold(gold, groups).score(gold.links)


def score_sentences(gold: Gold, groups: Iterable[Group]) -> Score | None:
    """Sentence-level score of predicted sentence pairs, when the gold has sentence links."""
    if gold.sentence_links is None:
        return None
    verdict = judge(
        gold.sentence_links,
        groups,
        UnitCover(gold.left, gold.left_sentences),
        UnitCover(gold.right, gold.right_sentences),
        gold.sentence_windows,
    )
    return verdict.score(gold.sentence_links)
