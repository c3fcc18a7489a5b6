"""Normalisation for matching only: the original text is always what is displayed.

Two levels:
- `typography_key`: folds differences a reader would call typographic — curly vs straight quotes
  and apostrophes, "..." vs "…", hyphen/en/em dashes and minus, non-breaking and other spaces,
  ligatures (NFKC) — and collapses whitespace, so rewrapped text compares equal.
- `match_key`: additionally case-folds; used for similarity scores and candidate search.
"""

from __future__ import annotations

import re
import unicodedata

_TYPO_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u00b4": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
# "word -- word" and "word - word" are the same dash as "word—word" to a reader.
_COLLAPSED_SPACED_DASH = re.compile(r" ?-{1,3} ?(?=\S)")


def collapse_whitespace(text: str) -> str:
    # str.split() splits on the same characters as the regex \s (str.isspace), much faster.
    return " ".join(text.split())


# The same folding as (character, replacement) pairs: str.translate looks up every character of
# the text in a dict, while a text usually holds one or two of these characters, and
# str.replace of just those is many times faster.
_TYPO_PAIRS = {chr(code): repl for code, repl in _TYPO_TABLE.items()}
_TYPO_CHARS = frozenset(_TYPO_PAIRS)


def typographic_variants() -> dict[str, list[str]]:
    """What `typography_key` folds together, the other way round: for each text it folds to
    (', ", -, ...), that text and every character folded to it. Search (tui/app/search.py)
    matches these in the original text, so that it folds as alignment does."""
    variants: dict[str, list[str]] = {}
    for ch, folded in _TYPO_PAIRS.items():
        variants.setdefault(folded, [folded]).append(ch)
    return variants


def _fold_typography(text: str) -> str:
    for ch in _TYPO_CHARS.intersection(text):
        text = text.replace(ch, _TYPO_PAIRS[ch])
    return text


def typography_key(text: str) -> str:
    """Text with typographic variants folded and whitespace collapsed (case kept)."""
    if not text.isascii():
        text = _fold_typography(unicodedata.normalize("NFKC", text))
    elif "`" in text:
        text = text.replace("`", "'")
    return collapse_whitespace(text)


def equality_key(text: str, normalize: bool) -> str:
    """What must match for two passages to count as equal."""
    if text.isascii() and text.isalnum():
        return text  # a plain word (most tokens of a word diff): nothing to fold
    if normalize:
        key = typography_key(text)
        # Whitespace is collapsed already: at most one space stands on each side of a dash.
        return _COLLAPSED_SPACED_DASH.sub(" - ", key) if "-" in key else key
    return collapse_whitespace(text)


def match_key(text: str, normalize: bool = True) -> str:
    """Case-folded key for similarity scoring and candidate search."""
    return equality_key(text, normalize).casefold()


def token_key(token: str, normalize: bool) -> str:
    """`equality_key` of one token (no whitespace inside), with the common cases cheap: a word
    diff computes this for every token of every changed pair."""
    if not token.isascii():
        return equality_key(token, normalize)
    if not normalize:
        return token
    if "`" in token:
        token = token.replace("`", "'")
    if "-" not in token:
        return token
    if not token.strip("-"):
        return "-"  # "--" and "---" are the typewriter's en and em dash
    return _COLLAPSED_SPACED_DASH.sub(" - ", token)
