"""Similar texts, for carrying a reviewer's work to a newer version whose text changed a little:
review marks (store.py) and corrections (correction_carry.py) both look for their passages here
when the exact keys of tui/review/identity.py no longer match.

Texts are compared as identity compares them (the engine's typographic normalisation, whitespace
collapsed) and case folded, by rapidfuzz's `fuzz.ratio` (0-100: 100 for the same text). A short
text is never matched fuzzily: one word changed in a heading already moves its ratio a lot, and
two short texts are similar by chance.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from tui.engine.normalize import equality_key

K = TypeVar("K", bound=Hashable)

MIN_CHARS = 24  # shorter texts are not matched fuzzily
_SIDES = "\x1f"  # joins the sides of a difference: cannot occur in a normalised text


def comparable(*texts: str) -> str:
    """`texts` (raw or already normalised) as they are compared: normalised, case folded, joined."""
    return _SIDES.join(equality_key(text, True).casefold() for text in texts)


def best(query: str, choices: Mapping[K, str], min_ratio: float) -> K | None:
    """The key of the choice most similar to `query` with a ratio of at least `min_ratio` (the
    first in `choices`' order among equals); None if there is none. Texts as `comparable` gives."""
    from rapidfuzz import fuzz, process  # imported here: only a carry-over needs it

    found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=min_ratio)
    return None if found is None else found[2]


def ratios(query: str, choices: Mapping[K, str], min_ratio: float) -> dict[K, float]:
    """The ratio of every choice at least `min_ratio` similar to `query`."""
    from rapidfuzz import fuzz, process

    found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=None)
    return {key: score for _, score, key in found}


def unique_best(scores: Mapping[K, float], margin: float) -> K | None:
    """The key of the highest score when no other comes within `margin` of it; None when there
    are no scores or two are that close (an ambiguous match is no match)."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin):
        return None
    return ranked[0][0]
