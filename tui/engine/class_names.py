"""Names for the `entity` and `quote` classes: which capitalised words of a run are names, whether
the other side of the pair mentions them, and who is speaking beside a speech verb.

A capital letter says little on its own — every sentence, quotation and list item starts with
one, and headings capitalise every word — so a word counts as a name only inside a sentence (or
where the pair also has it inside one), and never in a heading in title case.
"""

from __future__ import annotations

import re

from tui.engine.class_items import (
    ABBREVIATIONS,
    CURRENCY_CODES,
    MODAL_WORDS,
    MONTH_AND_WEEKDAY_NAMES,
    NEGATION_WORDS,
    NUMBER_WORDS,
    is_sentence_initial,
)
from tui.engine.lazy_pattern import LazyPattern

# Capitalised inside a sentence but not names: titles, the RFC 2119 words ("MUST NOT"), months
# and weekdays (dates), currency codes (money), number words.
_NOT_NAMES = frozenset(
    [
        *ABBREVIATIONS, "i", "sir", "dame", "lord", "lady", "president", "prime", "minister",
        "king", "queen", "prince", "princess", "pope", "required", "recommended", "optional",
        *(w.decode() for w in MODAL_WORDS | NEGATION_WORDS | NUMBER_WORDS | CURRENCY_CODES),
        *MONTH_AND_WEEKDAY_NAMES,
    ]
)
# A capitalised word (ASCII capital: `re` skips to it), or any word when the run is not ASCII.
_ASCII_CAPITALISED_RE = re.compile(r"[A-Z]\w*(?:['’\-‐‑]\w+)*")
_ANY_WORD_RE = LazyPattern(r"[^\W\d_]\w*(?:['’\-‐‑]\w+)*")
_JOINERS = "'’-‐‑"
_CURRENCY_SYMBOLS = ("$", "€", "£", "¥")
_HYPHENS_RE = LazyPattern(r"[-‐‑]")
_POSSESSIVE_RE = LazyPattern(r"['’]s?$")
_POSSESSIVE_ENDS = "'’s"  # the last letter of a word `_POSSESSIVE_RE` may shorten


def capitalised_words(text: str, start: int, end: int, mentioned_in: str = "") -> list[tuple[int, str]]:
    """(offset, name) of the capitalised words between start and end that could be names, and of
    capitalised hyphen parts ("Russian" of "Russian-backed"), without a possessive "'s".
    Sentence-initial words are included: see `names_in`. `mentioned_in`: a case-folded text
    whose words are left out (a word it has, each of its parts is `mentioned` there too)."""
    pattern = _ASCII_CAPITALISED_RE if text.isascii() else _ANY_WORD_RE
    found = []
    for m in pattern.finditer(text, start, end):
        word = m.group()
        if mentioned_in and word.casefold() in mentioned_in:
            continue
        offset = m.start()
        if offset:
            before = text[offset - 1]
            if before.isalnum() or before in _JOINERS or before == "_":
                continue  # inside a word: "McDonald" is found at "Mc"
        if text.startswith(_CURRENCY_SYMBOLS, m.end()):
            continue  # "US$5m", "HK$": a currency's prefix, not a name
        for part in _HYPHENS_RE.split(word) if "-" in word or "‐" in word or "‑" in word else (word,):
            if len(part) > 1 and part[0].isupper():
                name = _POSSESSIVE_RE.sub("", part) if part[-1] in _POSSESSIVE_ENDS else part
                if len(name) > 1 and name.casefold() not in _NOT_NAMES:
                    found.append((offset, name))
            offset += len(part) + 1
    return found


_CAPITAL_START_RE = LazyPattern(r"\b[A-Z]")
_WORD_START_RE = LazyPattern(r"\b[^\W\d_]")
_TITLE_CASE_SPAN = 600  # characters of a passage looked at to tell a heading


# For `is_title_case`'s quick answer: ASCII capitals, and every byte but ASCII letters and the
# ASCII characters that end a word made a letter ("x"), those made a space (so b" a" is where
# a word starts with an ASCII letter).
_ASCII_CAPITALS = bytes(range(65, 91))
_WORD_STARTS = bytes(
    97 if chr(c).isascii() and chr(c).isalpha() else 120 if c >= 128 or chr(c).isalnum() or c == 95 else 32
    for c in range(256)
)


def is_title_case(text: str) -> bool:
    """A heading in title case ("Why Crimea Matters to Russia"): most words capitalised, so a
    capital says nothing about names."""
    head = text[:_TITLE_CASE_SPAN].encode("utf-8", "surrogatepass")
    # Most passages are prose: their ASCII capitals (at most the capitalised words) are clearly
    # fewer than 0.6 of the words that follow a space or a stop (at most all the words): no
    # need to count words with the two searches below, which cost every passage far more.
    if 5 * (len(head) - len(head.translate(None, _ASCII_CAPITALS))) < 3 * head.translate(
        _WORD_STARTS
    ).count(b" a"):
        return False
    words = len(_WORD_START_RE.findall(text, 0, _TITLE_CASE_SPAN))
    return words >= 3 and len(_CAPITAL_START_RE.findall(text, 0, _TITLE_CASE_SPAN)) > 0.6 * words


def named_inside_a_sentence(name: str, text: str) -> bool:
    """Whether the text has the name somewhere other than at a sentence start."""
    start = text.find(name)
    while start >= 0:
        if (start == 0 or not text[start - 1].isalnum()) and not is_sentence_initial(text, start):
            return True
        start = text.find(name, start + 1)
    return False


def any_name(candidates: list[tuple[int, str]], text: str, other: str) -> bool:
    """Whether a capitalised word found in `text` is a name: it does not open a sentence, or it
    opens one while the text or `other` (the pair's other side) has it inside a sentence."""
    return any(
        not is_sentence_initial(text, offset)
        or named_inside_a_sentence(name, text)
        or named_inside_a_sentence(name, other)
        for offset, name in candidates
    )


_WORD_AT_RE = LazyPattern(r"\w*")
# Two spellings of one name share all but their last letters: "Russia" / "Russian", "Ukraine" /
# "Ukrainian", "Zelensky" / "Zelenskiy"; "Johnson" / "Johnston" do not.
_NAME_STEM = 5


def mentioned(name: str, folded_text: str) -> bool:
    """Whether a (case-folded) text mentions the name, or a form of it (its demonym, another
    ending)."""
    folded = name.casefold()
    if folded in folded_text:
        return True
    if len(folded) < _NAME_STEM:
        return False
    stem = folded[:_NAME_STEM]
    at = folded_text.find(stem)
    while at >= 0:
        word = _WORD_AT_RE.match(folded_text, at).group()  # type: ignore[union-attr]  # \w* always matches
        if _shared_prefix(folded, word) >= min(len(folded), len(word)) - 1:
            return True
        at = folded_text.find(stem, at + 1)
    return False


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# --- speakers ---------------------------------------------------------------------------------

_SPEECH_RE = LazyPattern(
    r"\b(?:said|says|say|told|tells|added|adds|stated|states|claimed|claims|wrote|writes|asked|asks"
    r"|replied|replies|explained|explains|announced|announces|insisted|insists|warned|warns|argued"
    r"|argues|noted|notes|tweeted|posted|according\s+to)\b",
    re.IGNORECASE,
)
SPEECH_WINDOW = 30  # characters either side of a run where a speech verb is looked for
_PRONOUNS = frozenset("he she they we i it you".split())
_SPEAKER_WORD_RE = LazyPattern(r"[^\W\d_]+")


def speech_near(text: str, start: int, end: int) -> bool:
    window_end = min(len(text), end + SPEECH_WINDOW)
    return _SPEECH_RE.search(text, max(0, start - SPEECH_WINDOW), window_end) is not None


def speakers(run: str) -> set[str]:
    """Who a run can name as a speaker: capitalised words and personal pronouns (case-folded)."""
    return {
        w.casefold()
        for w in _SPEAKER_WORD_RE.findall(run)
        if (w[0].isupper() and w.casefold() not in _NOT_NAMES and w not in ("The", "A", "An"))
        or w.casefold() in _PRONOUNS
    }
