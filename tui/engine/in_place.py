"""Pairs by position: passages left unpaired between two pairs that are in order.

After the main alignment (similarity at the threshold, moves, the order settled), what found no
partner sits in *sub-gaps*: between two consecutive in-order pairs, some left passages and some
right passages. Their place is evidence — a reviser edits a clause, a date, a heading where it
stands — but never enough alone: a pair here needs content that says so too.

- **Contained**: one passage holds most of the other's words in order (an expanded or cut-down
  paragraph, the uneven piece of a split), and the smaller has enough words for that to mean
  something. Any sub-gap.
- **Revised in place**: similarity below the threshold but well above chance, with words shared,
  in a small sub-gap whose two sides are of comparable size (a clause rewritten among rewritten
  clauses; a little less similarity when it is the only passage on each side). A sub-gap with
  far more passages on one side is a deletion or an insertion, and a long one on both sides new
  text, where a passage that shares some words with one on the other side is no more likely its
  counterpart than any other.
- **Renamed in place**: the only passage on each side of the sub-gap, both short (a date line,
  a version, a heading) and alike in shape: of comparable length with a word in common, or the
  same markup before the words ("## ", "7. "). Long passages alone in a sub-gap still need
  similarity.

Inside a sub-gap the pairs kept are the in-order chain of the greatest total weight, a pair's
weight its similarity times the words it shares in order times the ratio of the two lengths: a
passage revised in place wins over a larger one (a table, a list) that merely contains one of its
sentences, and over a smaller one that shares a line of markup with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import Indel

from tui.engine.chain import heaviest_chain
from tui.engine.model import Passage

# Revised in place: at least this similarity, and this many distinct words in common that are
# not function words ("a copy of the license" is no evidence between two licences).
REVISED_SCORE = 0.3
REVISED_SHARED = 3
# ... and this much less when the two are all the sub-gap holds: one passage replaced between two
# pairs is the strongest evidence of place (on random pairs of licence paragraphs the bar of 0.25
# and three shared words passes 1 %, that of 0.3 0.3 %).
LONE_EASING = 0.05
# The two sides of a sub-gap are comparable when neither has more than this many times the
# passages of the other, and small when neither has more than REVISED_GAP: a longer stretch
# rewritten on both sides is new text, where passages on one topic share words by chance.
BALANCE = 3
REVISED_GAP = 16
# Contained: the smaller passage's words found in order in the larger, at least this share, at
# least this many of them, and this many distinct ones that are not function words.
CONTAINED = 0.75
CONTAINED_WORDS = 8
CONTAINED_CONTENT = 4
# Renamed in place: both passages this short (words); sharing a word, neither more than
# SHORT_RATIO times the other.
SHORT_WORDS = 12
SHORT_RATIO = 3
# The weight in a sub-gap's chain of a pair that shares no word (less than any pair that does).
RENAMED_WEIGHT = 0.01
# The bars above are those at the default threshold. A stricter threshold relaxes them less, in
# proportion, down to not at all at 1 (only equal passages pair); renamed passages, which may
# share nothing, pair only at the default threshold or below.
DEFAULT_THRESHOLD = 0.5
# Sub-gaps up to this many pairs are compared completely, larger ones along a band.
FULL_PAIRS = 2500
BAND = 6

# The markup before a passage's first word or digit: "## ", "- ", "7. ", "(a) ".
_LEAD = re.compile(r"[^\w]*(?:\d+[.)]|\(\w{1,3}\))?[^\w]*")

SubGap = tuple[list[int], list[int]]


def sub_gaps(pairs: Sequence[tuple[Sequence[int], Sequence[int]]], used_l: set[int], used_r: set[int],
             n_left: int, n_right: int) -> list[SubGap]:
    """The unpaired passages between each two consecutive in-order pairs (and before the first
    and after the last), where both sides have some. `pairs`: (lefts, rights) in order."""
    bounds = [((-1,), (-1,)), *pairs, ((n_left,), (n_right,))]
    out: list[SubGap] = []
    for (lefts_a, rights_a), (lefts_b, rights_b) in pairwise(bounds):
        lefts = [i for i in range(lefts_a[-1] + 1, lefts_b[0]) if i not in used_l]
        if not lefts:
            continue
        rights = [j for j in range(rights_a[-1] + 1, rights_b[0]) if j not in used_r]
        if rights:
            out.append((lefts, rights))
    return out


def _lead(text: str) -> str:
    """The markup before the first word, digits of a numbering left out ("7. " and "6. " alike)."""
    match = _LEAD.match(text)
    return re.sub(r"\d+", "0", match.group()).strip() if match else ""


def _renamed(a: Passage, b: Passage, la: int, lb: int, shared: int) -> bool:
    """Two short passages alone in their sub-gap, alike in shape: of comparable length with a
    word in common, or with the same markup before their words (two "# " headings)."""
    if not (0 < la <= SHORT_WORDS and 0 < lb <= SHORT_WORDS):
        return False
    if shared and max(la, lb) <= SHORT_RATIO * min(la, lb):
        return True
    lead = _lead(a.text)
    return bool(lead) and lead == _lead(b.text)


def _candidates(
    lefts: list[int], rights: list[int], left_ws: Sequence[str], right_ws: Sequence[str]
) -> list[tuple[int, int, float]]:
    """Every pair of the sub-gap to consider (a band of a large one), with its similarity."""
    out: list[tuple[int, int, float]] = []
    full = len(lefts) * len(rights) <= FULL_PAIRS
    scale = len(rights) / len(lefts)
    for k, i in enumerate(lefts):
        a = left_ws[i]
        if not a:
            continue
        if full:
            near = rights
        else:
            centre = int(k * scale)
            near = rights[max(0, centre - BAND) : centre + BAND + 1]
        choices = [right_ws[j] for j in near]
        for _, s, m in process.extract(a, choices, scorer=Indel.normalized_similarity, limit=None):
            if choices[m]:
                out.append((i, near[m], s))
    return out


def in_place_pairs(
    gaps: list[SubGap],
    left_units: Sequence[Passage],
    right_units: Sequence[Passage],
    left_ws: Sequence[str],
    right_ws: Sequence[str],
    function_chars: set[str],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """The pairs found by position and content in each sub-gap (see the module docstring), with
    their similarity: in each sub-gap, the in-order chain of acceptable pairs of the greatest
    total weight (similarity × shared words × the ratio of the lengths). `function_chars`: the
    word-string characters of FUNCTION_WORDS; `threshold`: the similarity at which passages pair
    anywhere."""
    relax = min(1.0, (1.0 - threshold) / (1.0 - DEFAULT_THRESHOLD))
    if relax <= 0.0:
        return []  # only equal passages pair
    revised_score = threshold - (DEFAULT_THRESHOLD - REVISED_SCORE) * relax
    contained_share = 1.0 - (1.0 - CONTAINED) * relax
    renaming = relax >= 1.0
    found: list[tuple[int, int, float]] = []
    for lefts, rights in gaps:
        most = max(len(lefts), len(rights))
        balanced = most <= REVISED_GAP and most <= BALANCE * min(len(lefts), len(rights))
        single = len(lefts) == 1 and len(rights) == 1
        lone = renaming and single
        kept: list[tuple[int, int, float]] = []
        weights: list[float] = []
        for i, j, s in _candidates(lefts, rights, left_ws, right_ws):
            la, lb = len(left_ws[i]), len(right_ws[j])
            shared = round(s * (la + lb) / 2)  # words in common, in order
            smaller = min(la, lb)
            contained = smaller >= CONTAINED_WORDS and shared >= contained_share * smaller
            revised = balanced and s >= revised_score - (LONE_EASING if single else 0.0)
            if contained or revised:
                content = len(set(left_ws[i]).intersection(right_ws[j]) - function_chars)
                contained = contained and content >= CONTAINED_CONTENT
                revised = revised and content >= REVISED_SHARED
            if contained or revised or (lone and _renamed(left_units[i], right_units[j], la, lb, shared)):
                kept.append((i, j, s))
                # (A renamed pair may share nothing: it still weighs something.)
                weights.append(max(s * shared * smaller / max(la, lb), RENAMED_WEIGHT))
        if not kept:
            continue
        chain = heaviest_chain([(i, j, w) for (i, j, _), w in zip(kept, weights, strict=True)])
        found.extend(kept[k] for k in chain)
    return found
