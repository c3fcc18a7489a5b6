"""Word tokens with character offsets, shared by candidate search and word diff."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word is letters/digits with inner apostrophes, hyphens or number punctuation ("don't",
# "military-adjacent", "16,000", "3.5"); every other non-space character is a token of its own.
TOKEN_RE = re.compile(r"\w+(?:(?:['’.,\-‐‑]\w+)+)?|[^\w\s]", re.UNICODE)
_DIGIT = re.compile(r"\d")

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions first second third fourth fifth sixth seventh eighth ninth tenth half quarter "
    "once twice thrice percent".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offset into the text the token came from
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def is_numeric(token_text: str) -> bool:
    """Digits or a number word: a change to one of these must never be missed."""
    return bool(_DIGIT.search(token_text)) or token_text.casefold() in NUMBER_WORDS


def words(text: str) -> list[str]:
    """Case-folded word tokens without punctuation (for scoring and indexing)."""
    return [m.group() for m in TOKEN_RE.finditer(text) if m.group()[0].isalnum() or m.group()[0] == "_"]
