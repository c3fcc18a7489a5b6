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
# A link reference definition ("[docs.rs#563]: https://...") is markup, not prose: its label and
# address are words of its own vocabulary, so that it pairs only with another definition, never
# with the sentence or list item that cites the same address.
_LINK_DEFINITION = re.compile(r"\s{0,3}\[[^\]\n]+\]:\s")
_DEFINED = "]:"
# A web address (the equality key spaces out hyphens, "rust-lang" as "rust - lang": an address
# keeps them).
_URL = r"(?:https?|ftp)://[^\s<>()\[\]{}\"']+(?: - [^\s<>()\[\]{}\"']+)*"
# What a reader does not read as the passage's words, for deciding whether a pair earned a move:
# web addresses, HTML tags (and autolinks), a Markdown link's target, reStructuredText roles and
# AsciiDoc link macros' names. Two HTML lines that share `<a href=...>` and an address share
# markup, not content.
_MARKUP = re.compile(
    _URL
    + r"|</?[a-z][^<>\n]*>"  # an HTML tag, an autolink <https://...>
    + r"|(?<=\])\([^()\n]*\)"  # [text](target "title"): the target
    + r"|:[a-z][\w.+-]*:(?=['`])"  # :pep:`258` (the equality key writes ` as ')
    + r"|\b(?:link|mailto|xref|image):{1,2}[^\s\[]*(?=\[)",  # AsciiDoc link:target[text]
    re.IGNORECASE,
)
# A definition holds no prose: a Markdown link definition, a reStructuredText target.
_DEFINITION = re.compile(r"\s{0,3}\[[^\]\n]+\]:\s|\.\. _[^:\n]+:\s")

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions first second third fourth fifth sixth seventh eighth ninth tenth half quarter "
    "once twice thrice percent".split()
)

# English function words: two passages sharing them share nothing of their own ("a copy of the
# license" says nothing about two clauses of a licence).
FUNCTION_WORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been before being"
    " below between both but by can could did do does doing down during each either every few for from"
    " further had has have having he her here hers herself him himself his how i if in into is it its"
    " itself just may me might more most must my myself neither no nor not now of off on once only or"
    " other our ours ourselves out over own same shall she should so some such than that the their"
    " theirs them themselves then there these they this those through to too under until up upon us"
    " very was we were what when where which while who whom why will with would you your yours"
    " yourself yourselves".split()
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
    """Case-folded word tokens without punctuation (for scoring and indexing); a link
    definition's words are marked as its own."""
    found = WORD_RE.findall(text)
    if _LINK_DEFINITION.match(text):
        return [_DEFINED + word for word in found]
    return found


def prose_words(text: str) -> list[str]:
    """The words a reader reads in a passage (`words` without markup: addresses, HTML tags, link
    targets, roles; none in a link or target definition): what a move must be earned by."""
    if _DEFINITION.match(text):
        return []
    return WORD_RE.findall(_MARKUP.sub(" ", text))
