"""Word tokens with character offsets, shared by candidate search and word diff."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word is letters/digits with inner apostrophes, hyphens or number punctuation ("don't",
# "military-adjacent", "16,000", "3.5"); every other non-space character is a token of its own.
# A run of dots or hyphens ("...", "--") is one token, so it lines up with the single character
# it stands for ("…", "—") and the difference reads as typographic, not as a deleted "." or "-".
TOKEN_RE = re.compile(r"\w+(?:(?:['’.,\-‐‑]\w+)+)?|\.{2,}|-{2,}|[^\w\s]", re.UNICODE)
# The same words without the punctuation tokens, for `words` (findall returns them directly).
WORD_RE = re.compile(r"\w+(?:['’.,\-‐‑]\w+)*", re.UNICODE)
_DIGIT = re.compile(r"\d")

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions first second third fourth fifth sixth seventh eighth ninth tenth half quarter "
    "once twice thrice percent".split()
)


class Token(NamedTuple):
    """A named tuple rather than a dataclass: documents have millions of tokens."""

    text: str
    start: int  # offset into the text the token came from
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), *m.span()) for m in TOKEN_RE.finditer(text)]


def is_numeric(token_text: str) -> bool:
    """Digits or a number word: a change to one of these must never be missed."""
    return bool(_DIGIT.search(token_text)) or token_text.casefold() in NUMBER_WORDS


def words(text: str) -> list[str]:
    """Case-folded word tokens without punctuation (for scoring and indexing)."""
    return WORD_RE.findall(text)
