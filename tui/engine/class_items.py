"""Where the things the change classes are about sit in a text: dates and times, amounts of money
and percentages, numbers, quotations, negation and modal words, names.

Each finder returns `Item`s: a span of the text and a key that is the same for two mentions of
the same thing, even written in another style ("nine" and "9", "22 May 2017" and "2017-05-22",
"$5 million" and "USD 5m"), so that a change of style is not taken for a change of value. The
finders prefer missing an unusual form to reporting something that is not there (README, "Change
classes").

They run on every passage `diptych --json` writes, so they are built for speed: a `Text` knows
its lower-case words once, and a finder whose words are absent does nothing; the patterns begin
with a character or a literal word, so that `re` skips the rest of the text at C speed, and the
longer forms are matched only where such a start was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from tui.engine.class_values import quantity_value
from tui.engine.lazy_pattern import LazyPattern
from tui.engine.normalize import typography_key


class Item(NamedTuple):
    start: int  # offsets into the text searched, end exclusive
    end: int
    key: str


# `Item(start, end, key)` without the Python frame of a named tuple's __new__: the finders make
# one for every number, date and amount of every passage classified.
_tuple_new = tuple.__new__


# A run of a word diff of the text: start, end, and its words (`words_of`). The negation and modal
# words a run touches are inside it: each is a word, or a word with "n't" or "'ll", and a word
# diff never cuts a word. Only the run is searched, with the whole text around it for context.
Span = tuple[int, int, frozenset[bytes]]


# bytes.translate keeps ASCII letters and makes everything else a space: the quickest way from a
# text to its words (every word the finders look for is ASCII).
LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


class Text:
    """A text with what the finders share: its lower-case form (same offsets) and its words."""

    __slots__ = ("_digits", "_kept", "_lower", "_words", "text")

    def __init__(self, text: str):
        self.text = text
        self._lower: str | None = None
        self._kept = False  # whether `lower` kept characters that lower to two
        self._words: frozenset[bytes] | None = None
        self._digits: list[tuple[int, int, str]] | None = None

    @property
    def lower(self) -> str:
        if self._lower is None:
            lower = self.text.lower()
            if len(lower) != len(self.text):  # "İ" lowers to two characters: keep such ones as they are
                lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
                self._kept = True
            self._lower = lower
        return self._lower

    @property
    def words(self) -> frozenset[bytes]:
        """Lower-case ASCII words (pieces of words, around other letters: only a quick test)."""
        if self._words is None:
            lower = self.lower
            if self._kept:
                self._words = words_of(lower)
            else:  # `words_of` without lowering again: lower() of a lower-case text is itself
                letters = lower.encode("utf-8", "surrogatepass").translate(LETTERS_ONLY)
                self._words = frozenset(letters.split())
        return self._words

    def has_any(self, vocabulary: frozenset[bytes]) -> bool:
        return not vocabulary.isdisjoint(self.words)

    @property
    def digit_tokens(self) -> list[tuple[int, int, str]]:
        """(start, end, token) of each token that starts with a digit (dates and numbers)."""
        if self._digits is None:
            raw = self.text
            found = []
            for m in _DIGITS_RE.finditer(raw):
                start = m.start()
                if start:  # _starts_token, inline: a text can have hundreds
                    before = raw[start - 1]
                    if before.isalnum() or before == "_":
                        continue
                    if before in _NUMBER_JOINERS and start >= 2:
                        before = raw[start - 2]
                        if before.isalnum() or before == "_":
                            continue
                found.append((start, m.end(), m.group()))
            self._digits = found
        return self._digits


def _vocabulary(words: str) -> frozenset[bytes]:
    return frozenset(w.encode() for w in words.split())


def words_of(text: str) -> frozenset[bytes]:
    """The lower-case ASCII words of a short text (a word run), as `Text.words`."""
    return frozenset(text.lower().encode("utf-8", "surrogatepass").translate(LETTERS_ONLY).split())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not _is_word_char(text[start - 1])


@cache
def _word_re(word: str) -> re.Pattern[str]:
    """The word where it ends a word; the caller checks that it also starts one (a leading \\b
    would keep `re` from skipping to the word's first letter)."""
    return re.compile(re.escape(word) + r"\b")


def _word_spans(
    text: Text, vocabulary: frozenset[bytes], span: Span | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of the vocabulary in the text, any case (see `Span`)."""
    lower = text.lower
    if span is None:
        for word in sorted(vocabulary.intersection(text.words)):
            for m in _word_re(word.decode()).finditer(lower):
                if _starts_word(lower, m.start()):
                    yield m.start(), m.end(), m.group()
        return
    start, end, words = span
    for word in sorted(vocabulary.intersection(words)):
        for m in _word_re(word.decode()).finditer(lower, start, end):
            if _starts_word(lower, m.start()):
                yield m.start(), m.end(), m.group()


# The last word before the end: matched from the start (searching for `(\w+)\W*$` would try
# every position), the greedy `.*\W` backing off to just before it.
_WORD_BEFORE_RE = re.compile(r"(?:.*\W)?(\w+)\W*$", re.DOTALL)


def word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE_RE.match(text, max(0, start - 24), start)
    return match.group(1).casefold() if match else ""


def _overlaps(item: Item, others: list[Item]) -> bool:
    return any(o.start < item.end and item.start < o.end for o in others)


def _kept(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans `_without_overlaps` keeps of these candidates (it keeps the same whatever their
    keys): a key is then made for a kept one only, and `passage_classes` needs none."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _without_overlaps(candidates: list[Item]) -> list[Item]:
    """From the left, the longest candidate at each place; candidates overlapping it are dropped."""
    kept: list[Item] = []
    for item in sorted(candidates, key=lambda i: (i.start, -i.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


# --- numbers ------------------------------------------------------------------------------

# Cardinal and ordinal number words with the digits they stand for (so "nine" -> "9" is no change
# of value); other number words are their own key.
_NUMBER_VALUES = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_VALUES.update(
    {word: str(10 * k) for k, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
)
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_NUMBER_VALUES.update(
    {
        word: f"{k}{'st' if k == 1 else 'nd' if k == 2 else 'rd' if k == 3 else 'th'}"
        for k, word in enumerate(_ORDINALS, 1)
    }
)
_OTHER_NUMBER_WORDS = (
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions billions "
    "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth "
    "thousandth millionth half quarter twice thrice"
)
NUMBER_WORDS = _vocabulary(" ".join(_NUMBER_VALUES) + " " + _OTHER_NUMBER_WORDS)
# A number word joined by a hyphen counts only before another number word or a unit
# ("twenty-one", "eight-year-old"), not in "one-sided", "first-hand" or "second-guess".
_HYPHEN_UNITS = _vocabulary(
    "year month week day hour minute second mile metre meter kilometre storey story member point "
    "page seat vote game match percent fold"
) | NUMBER_WORDS
_HYPHEN_NEXT_RE = LazyPattern(r"[-‐‑]([a-z]+)")
# "one" as a pronoun: "no one", "the one", "one another", "one's".
_PRONOUN_ONE_BEFORE = frozenset("no the this that each every any which".split())
# A token that starts with a digit ("70", "1,200", "3.5", "21st", "10-year-old", "1990s").
_DIGITS_RE = re.compile(r"\d[\w,.]*(?<![.,])(?:[-‐‑]\w+)*")
_NUMBER_JOINERS = ".,'’-‐‑"


def _starts_token(text: str, start: int) -> bool:
    """Where a token of the word diff starts: not the "23" of "KN-23" nor the "86" of "x86"."""
    if start == 0:
        return True
    before = text[start - 1]
    if _is_word_char(before):
        return False
    return not (before in _NUMBER_JOINERS and start >= 2 and _is_word_char(text[start - 2]))


_PLAIN_AMOUNT_RE = LazyPattern(r"\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|b|tn)?")


# The keys are pure functions of the text they key, and the same few numbers, dates and amounts
# come back in pair after pair.
_KEYS_CACHED = 1 << 14


@lru_cache(maxsize=_KEYS_CACHED)
def _number_key(token: str) -> str:
    folded = token.casefold()
    if folded[0].isdigit():
        plain = _PLAIN_AMOUNT_RE.fullmatch(folded) and quantity_value(folded)
        return plain or folded.replace(",", "")
    return _NUMBER_VALUES.get(folded, folded)


# Words that make one number with the ones beside them: "nine hundred", "twenty-one", "5 million".
_CARDINAL_PARTS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion".split()
)
_CARDINAL_WORDS = frozenset(w.encode() for w in _CARDINAL_PARTS)
_SCALE_WORDS = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
_NUMBER_GAP_RE = LazyPattern(r"[ \t-‐‑]+(?:and )?")


def _joined_numbers(raw: str, lower: str, found: list[Item]) -> list[Item]:
    """Adjacent parts of one written number as one item keyed by its value ("nine hundred" is 900,
    as "900" is): a change of style is then no change of number."""
    joined: list[Item] = []
    for item in found:
        if joined:
            last = joined[-1]
            first_part = lower[last.start:last.end].split("-")[0].split()[0]
            part = lower[item.start:item.end]
            gap = _NUMBER_GAP_RE.fullmatch(lower, last.end, item.start)
            if (
                gap
                and part in _CARDINAL_PARTS
                and (first_part in _CARDINAL_PARTS or _PLAIN_AMOUNT_RE.fullmatch(first_part))
            ):
                value = quantity_value(raw[last.start:item.end])
                if value is not None:
                    joined[-1] = Item(last.start, item.end, value)
                    continue
        joined.append(item)
    return joined


def _number_candidates(text: Text) -> Iterator[Item]:
    """Numbers in digits, then in words, before dates and amounts take theirs."""
    for start, end, token in text.digit_tokens:
        yield _tuple_new(Item, (start, end, _number_key(token)))
    lower = text.lower
    for start, end, word in _word_spans(text, NUMBER_WORDS):
        hyphen = _HYPHEN_NEXT_RE.match(lower, end)
        if hyphen and hyphen.group(1).encode() not in _HYPHEN_UNITS:
            continue
        if word in _SCALE_WORDS and lower.endswith("a ", 0, start) and _starts_word(lower, start - 2):
            yield Item(start - 2, end, quantity_value(lower[start - 2:end]) or word)  # "a hundred"
            continue
        if word == "one" and (
            word_before(lower, start) in _PRONOUN_ONE_BEFORE
            or lower.startswith((" another", "'s", "’s"), end)
        ):
            continue
        yield _tuple_new(Item, (start, end, _number_key(word)))


def numbers(text: Text, taken: list[Item]) -> list[Item]:
    """Numbers in digits or words, outside the spans `taken` by dates and amounts."""
    found = list(_number_candidates(text))
    if taken:
        found = [item for item in found if not _overlaps(item, taken)]
    found.sort()
    if len(found) < 2 or not text.has_any(_CARDINAL_WORDS):
        return found  # only a number word can join the number before it
    return _joined_numbers(text.text, text.lower, found)


def has_number(text: Text, taken: list[tuple[int, int]]) -> bool:
    """Whether `numbers(text, taken)` finds any (without finding them all); `taken`: the spans of
    the dates and amounts."""
    return any(
        not any(start < item.end and item.start < end for start, end in taken)
        for item in _number_candidates(text)
    )


# --- dates and times ------------------------------------------------------------------------

_MONTH_NUMBERS = {
    name: k
    for k, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTH_AND_WEEKDAY_NAMES = frozenset(_MONTH_NUMBERS) | _WEEKDAYS
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_AMPM = r"\s?[ap]\.?m\b\.?"
# Where a month or weekday name starts (a literal first letter: `re` skips to it).
_DATE_NAME_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


# The names `_DATE_NAME_RE` finds, as `Text.words` has them.
_DATE_NAME_WORDS = _vocabulary(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sept sep oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday"
)


def has_date_name(text: str) -> bool:
    return _DATE_NAME_RE.search(text) is not None


# The forms that begin with a name, tried where one was found.
_NAMED_DATE_RE = LazyPattern(
    "|".join(
        [
            # (Tuesday,) May 22(, 2017)
            rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?![:.,]?\d)",
            rf"{_WEEKDAY},?\s+{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",  # Tuesday 22 May (2017)
            rf"{_MONTH},?\s+{_YEAR}\b",  # May 2017
            rf"{_WEEKDAY}\b",
            r"(?:January|February|April|July|August|September|October|November|December)\b",
        ]
    )
)
# The forms that begin with a digit, tried where a number starts.
_DIGIT_DATE_RE = LazyPattern(
    "|".join(
        [
            r"\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]?\d:[0-5]\d(?::[0-5]\d)?)?\b",  # 2017-05-22
            r"[0-3]?\d/[0-3]?\d/(?:\d{4}|\d\d)\b",  # 22/05/2017, 5/22/17
            r"[0-3]?\d\.[0-3]?\d\.\d{4}\b",  # 22.05.2017
            rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",  # 22 May (2017)
            r"(?:1[5-9]|20)\d0s\b",  # the 1990s
            rf"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:{_AMPM})?",  # 10:00, 9:30 p.m.
            rf"(?:1[0-2]|0?[1-9]){_AMPM}",  # 5pm, 5 a.m.
        ]
    )
)
_YEAR_RE = LazyPattern(rf"{_YEAR}(?:[-–]\d\d(?:\d\d)?)?\b")
# A year, or March/May/June (a verb, a modal, a name), is a date only after a word that says so:
# "in 2022", "since May", "of 1853-56", "(2014)".
_DATE_CONTEXT = frozenset(
    "in since until till by from of on early late mid last next this during before after through "
    "throughout around circa year".split()
)
_AMBIGUOUS_MONTHS = frozenset(["March", "May", "June"])
_DAY_WORDS = _vocabulary("yesterday today tomorrow tonight noon midnight")
_RELATIVE_WORDS = _vocabulary("last next this previous coming following")
_PERIOD_WORDS = _vocabulary(
    "week fortnight month year weekend morning afternoon evening night spring summer autumn fall "
    "winter decade century"
)
_RELATIVE_RE = LazyPattern(
    r"(?:last|next|this|previous|coming|following)\s+(?:week|fortnight|month|year|weekend|morning"
    r"|afternoon|evening|night|spring|summer|autumn|fall|winter|decade|century)\b"
)
_AGO_RE = LazyPattern(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    r"(?:second|minute|hour|day|week|fortnight|month|year|decade)s?\s+ago\b"
)
_AGO = _vocabulary("ago")
_DATE_WORDS = _DAY_WORDS | _RELATIVE_WORDS | _AGO
_DATE_PART_RE = LazyPattern(r"\d+|[^\W\d_]+")
_TIME_RE = LazyPattern(r"(\d+)(?::(\d+))?(?::\d+)?\s?([ap])?")
_ISO_RE = LazyPattern(r"(\d{4})-(\d\d)-(\d\d)")
_SPACED_DIGIT_RE = LazyPattern(r"\s*\d")
_AMPM_RE = LazyPattern(r"\d\s?[ap]\.?m\b")


@lru_cache(maxsize=_KEYS_CACHED)
def _date_key(text: str) -> str:
    """The same key for the same day written in another style: parts tagged (year, month, day,
    weekday) and sorted, so "22 May 2017", "May 22, 2017" and "2017-05-22" agree; a time is
    hours and minutes on a 24-hour clock."""
    folded = text.casefold()
    iso = _ISO_RE.match(folded)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        rest = folded[iso.end():].strip()
        return " ".join([f"d{day}", f"m{month}", f"y{year}", *([_time_key(rest)] if rest else [])])
    if ":" in folded or _AMPM_RE.search(folded):
        return _time_key(folded)
    numeric = _NUMERIC_DATE_RE.fullmatch(folded)
    if numeric:
        return _numeric_date_key(*(int(g) for g in numeric.groups())) or folded
    words = _DATE_PART_RE.findall(folded)
    if not any(w in _MONTH_NUMBERS for w in words):
        return " ".join(words)  # a weekday, a relative date, a numeric date: as written
    parts = []
    for w in words:
        if w in _MONTH_NUMBERS:
            parts.append(f"m{_MONTH_NUMBERS[w]}")
        elif w in _WEEKDAYS:
            parts.append(f"w{w}")
        elif w.isdigit():
            parts.append(f"y{w}" if len(w) == 4 else f"d{int(w)}")
        elif w[:-2].isdigit():  # 22nd
            parts.append(f"d{int(w[:-2])}")
    return " ".join(sorted(parts))


_NUMERIC_DATE_RE = LazyPattern(r"(\d+)[/.](\d+)[/.](\d+)")


def _numeric_date_key(first: int, second: int, year: int) -> str | None:
    """22/05/2017 and 5/22/17 are one day; 5/6/17 is May 6 or June 5, so it stays as written."""
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    if year < 100:
        year += 2000 if year < 50 else 1900
    return f"d{day} m{month} y{year}"


def _time_key(text: str) -> str:
    match = _TIME_RE.search(text)
    if not match:
        return text
    hours, minutes, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half == "p" and hours < 12:
        hours += 12
    elif half == "a" and hours == 12:
        hours = 0
    return f"t{hours:02}:{minutes:02}"


def _date_after_context(raw: str, start: int) -> bool:
    return (start > 0 and raw[start - 1] == "(") or word_before(raw, start) in _DATE_CONTEXT


def dates(text: Text) -> list[Item]:
    raw = text.text
    return [_tuple_new(Item, (s, e, _date_key(raw[s:e]))) for s, e in date_spans(text)]


def date_spans(text: Text) -> list[tuple[int, int]]:
    """Where `dates` finds its dates, without their keys."""
    raw = text.text
    candidates: list[tuple[int, int]] = []
    # A name that starts a word is one of the text's words (ends a word: `\b`): where none is,
    # the search for names through the whole text is skipped.
    for m in _DATE_NAME_RE.finditer(raw) if text.has_any(_DATE_NAME_WORDS) else ():
        start = m.start()
        if not _starts_word(raw, start):
            continue
        form = _NAMED_DATE_RE.match(raw, start)
        if form:
            candidates.append(form.span())
        elif m.group() in _AMBIGUOUS_MONTHS and _date_after_context(raw, start):
            candidates.append(m.span())
    # Every token that starts with a digit (none in a text without digits; `numbers` reads them too).
    for start, end, token in text.digit_tokens:
        # Only a token with more than digits ("2017-05-22", "5pm", "1990s"), or one followed by
        # ":", "/" or a word ("10:00", "22/05/2017", "22 May", "5 pm"), can begin a date form.
        following = raw[end:end + 2]
        if (not token.isdigit() or following[:1] in (":", "/") or following[1:].isalpha()) and (
            form := _DIGIT_DATE_RE.match(raw, start)
        ):
            candidates.append(form.span())
        elif (year := _YEAR_RE.match(raw, start)) and _date_after_context(raw, start):
            candidates.append(year.span())
    if text.has_any(_DATE_WORDS):
        if text.has_any(_DAY_WORDS):
            candidates.extend((start, end) for start, end, _ in _word_spans(text, _DAY_WORDS))
        if text.has_any(_RELATIVE_WORDS) and text.has_any(_PERIOD_WORDS):
            lower = text.lower
            candidates.extend(
                m.span() for m in _RELATIVE_RE.finditer(lower) if _starts_word(lower, m.start())
            )
        if text.has_any(_AGO):
            candidates.extend(m.span() for m in _AGO_RE.finditer(text.lower))
    return _kept(candidates)


# --- money and percentages ------------------------------------------------------------------

_SYMBOL_RE = re.compile(r"[$€£¥₹₽₩₺₴₪₦₱฿¢%]")
_CODES = (
    "USD EUR GBP JPY CHF CNY RMB RUB UAH INR AUD CAD NZD HKD SGD SEK NOK DKK PLN CZK HUF BRL MXN ZAR "
    "TRY KRW ILS BTC XBT ETH"
)
_CODE_RE = LazyPattern(rf"(?:{_CODES.replace(' ', '|')})\b")
CURRENCY_CODES = _vocabulary(_CODES.lower())
_CURRENCY_WORDS = _vocabulary(
    "dollar dollars euro euros cent cents pence yen yuan rupee rupees rouble roubles ruble rubles "
    "hryvnia hryvnias franc francs peso pesos satoshi satoshis bitcoin bitcoins sterling"
)
_PERCENT_WORDS = _vocabulary("percent percentage cent")
_MONEY_WORDS = CURRENCY_CODES | _CURRENCY_WORDS | _PERCENT_WORDS
_WORD_MARKER_RE = LazyPattern(
    r"(?:per\s?cent|percent|percentage\s+points?|pounds\s+sterling|dollars?|euros?|cents?|pence|yen"
    r"|yuan|rupees?|roubles?|rubles?|hryvnias?|francs?|pesos?|satoshis?|bitcoins?)\b"
)
_AMOUNT = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s?(?:k|K|m|mn|M|bn|B|tn|(?i:thousand|million|billion|trillion))\b)?"
_NUMBER_WORD_ALTERNATIVES = "|".join(sorted((w.decode() for w in NUMBER_WORDS), key=len, reverse=True))
_WORD_AMOUNT = rf"(?i:(?:{_NUMBER_WORD_ALTERNATIVES}|a)(?:[\s-](?:{_NUMBER_WORD_ALTERNATIVES}|and))*)"
_AMOUNT_AFTER_RE = LazyPattern(rf"\s?{_AMOUNT}{_SCALE}")  # "$" + "5m"
# The amount before a marker, at the end of the text before it: "5 million " + "dollars".
_AMOUNT_BEFORE_RE = LazyPattern(rf"(?<![\w.,])(?:{_AMOUNT}|{_WORD_AMOUNT}){_SCALE}[\s-]?$")
# The last word of an amount: a digit, a number word, a scale ("5 million", "five").
_AMOUNT_END_WORDS = NUMBER_WORDS | _vocabulary("k m mn bn tn thousand million billion trillion")
_SYMBOL_PREFIXES = ("US", "NZ", "HK", "A", "C", "S", "R")
_AMOUNT_WINDOW = 60  # characters before a marker where its amount is looked for


def _amount_before(raw: str, start: int, words_allowed: bool) -> int | None:
    """Where the amount right before `start` begins, if there is one."""
    last = word_before(raw, start)
    if not (last[:1].isdigit() or (words_allowed and last.encode() in _AMOUNT_END_WORDS)):
        return None  # the quick answer for most markers: no amount ends right before them
    window_start = max(0, start - _AMOUNT_WINDOW)
    match = _AMOUNT_BEFORE_RE.search(raw[window_start:start])
    if match is None or (not words_allowed and not match.group()[0].isdigit()):
        return None
    return window_start + match.start()


def amounts(text: Text) -> list[Item]:
    """Amounts of money ("$5m", "€1.2 billion", "USD 300", "300 dollars") and percentages."""
    raw = text.text
    return [_tuple_new(Item, (s, e, _money_key(raw[s:e]))) for s, e in amount_spans(text)]


def amount_spans(text: Text) -> list[tuple[int, int]]:
    """Where `amounts` finds its amounts, without their keys."""
    raw = text.text
    # In ASCII, `in` finds its two symbols many times faster than `re` searches the text.
    has_symbol = ("$" in raw or "%" in raw) if raw.isascii() else _SYMBOL_RE.search(raw) is not None
    if not has_symbol and not text.has_any(_MONEY_WORDS):
        return []
    spans: list[tuple[int, int]] = []
    markers = [(m.start(), m.end(), m.group() == "%") for m in _SYMBOL_RE.finditer(raw)] if has_symbol else []
    markers.extend(
        (m.start(), m.end(), False) for m in _CODE_RE.finditer(raw) if _starts_word(raw, m.start())
    )
    for start, end, percent in markers:
        # not "$1" in a shell snippet ("$1", ${1}), nor a variable "$HOME"
        shell = start and raw[start - 1] in "\"'{\\$"
        after = None if percent or shell else _AMOUNT_AFTER_RE.match(raw, end)
        if after:
            prefix = next((p for p in _SYMBOL_PREFIXES if raw.startswith(p, start - len(p))), "")
            if start - len(prefix) > 0 and _is_word_char(raw[start - len(prefix) - 1]):
                continue
            spans.append((start - len(prefix), after.end()))
            continue
        before = _amount_before(raw, start, words_allowed=False)
        if before is not None:
            spans.append((before, end))
    if text.has_any(_CURRENCY_WORDS | _PERCENT_WORDS):
        lower = text.lower
        for m in _WORD_MARKER_RE.finditer(lower):
            if _starts_word(lower, m.start()):
                before = _amount_before(raw, m.start(), words_allowed=True)
                if before is not None:
                    spans.append((before, m.end()))
    return _kept(spans)


_CURRENCY_KEYS = [  # percentages first: the "cent" of "per cent" is no currency
    (LazyPattern(r"percentage\s*points?"), "pp"),
    (LazyPattern(r"per\s?cent|percent"), "%"),
    (LazyPattern(r"us\$|\busd\b|\bdollars?\b"), "$"),
    (LazyPattern(r"\beur\b|\beuros?\b"), "€"),
    (LazyPattern(r"\bgbp\b|\bpounds sterling\b"), "£"),
    (LazyPattern(r"\bjpy\b|\byen\b"), "¥"),
    (LazyPattern(r"\bcents?\b"), "¢"),
    (LazyPattern(r"\bxbt\b|\bbitcoins?\b"), "btc"),
]
_SCALE_KEYS = [
    (LazyPattern(r"(?<=\d)\s*(?:million|mn)\b"), "m"),
    (LazyPattern(r"(?<=\d)\s*(?:billion|b)\b"), "bn"),
    (LazyPattern(r"(?<=\d)\s*(?:thousand)\b"), "k"),
    (LazyPattern(r"(?<=\d)\s*(?:trillion)\b"), "tn"),
]
_NUMBER_VALUE_RE = LazyPattern(rf"\b(?:{'|'.join(_NUMBER_VALUES)})\b")
_MONEY_MARKER_RE = LazyPattern(r"[^\w\s.]|[^\W\d_]{2,}")  # symbols, codes, "bn"
_MONEY_AMOUNT_RE = LazyPattern(r"\d[\d.]*(?:\s?(?:k|m|bn|tn)\b)?")  # "1.2", "5m"
_SCALE_MARKERS = frozenset(["k", "m", "bn", "tn"])


@lru_cache(maxsize=_KEYS_CACHED)
def _money_key(text: str) -> str:
    """Currency, amount and scale in one spelling: "$5 million", "US$5m", "USD 5m" -> "$ 5m";
    "5 per cent" -> "% 5"."""
    folded = text.casefold()
    for pattern, key in _SCALE_KEYS:
        folded = pattern.sub(key, folded)
    for pattern, key in _CURRENCY_KEYS:
        folded = pattern.sub(key, folded)
    folded = _NUMBER_VALUE_RE.sub(lambda m: _NUMBER_VALUES[m.group()], folded.replace(",", ""))
    markers = sorted(_MONEY_MARKER_RE.findall(folded))
    amounts = _MONEY_AMOUNT_RE.findall(folded)
    # "5,000,000" and "5 million" (5m after the scales above): one value
    values = [quantity_value(a) or a for a in amounts]
    return " ".join(m for m in markers if m not in _SCALE_MARKERS) + " " + " ".join(values)


# --- quotations ---------------------------------------------------------------------------

# A quotation runs from its opening mark to its closing one, or to the end of the passage (news
# paragraphs of a long quote open without closing). Single curly quotes only where they cannot be
# apostrophes.
_QUOTE_RE = LazyPattern(
    r"“[^“”]*”?|\"[^\"]*\"?|«[^«»]*»?|„[^„“”]*[“”]?|‘(?<![\w’']‘)[^‘]*?(?:’(?!\w)|$)"
)
_QUOTE_MARKS = "“”\"«»„‘’"


def has_quotation_mark(text: str) -> bool:
    """An opening mark of `_QUOTE_RE` (`in` scans a long passage many times faster than `re`)."""
    return '"' in text or "“" in text or "‘" in text or "«" in text or "„" in text


def has_quotation(text: Text) -> bool:
    """Whether `quotations(text)` finds any (stops at the first)."""
    raw = text.text
    return has_quotation_mark(raw) and any(_quoted_words(m.group()) for m in _QUOTE_RE.finditer(raw))


def _quoted_words(quotation: str) -> str | None:
    """A quotation's key (see `quotations`), or None when it quotes no word."""
    inner = typography_key(quotation.strip(_QUOTE_MARKS)).casefold().strip(" .,;:!?'\"-")
    return inner if any(c.isalnum() for c in inner) else None


def quotations(text: Text) -> list[Item]:
    """Quoted passages with at least one word; the key is the quoted words (typography folded)."""
    raw = text.text
    if not has_quotation_mark(raw):
        return []
    found = []
    for m in _QUOTE_RE.finditer(raw):
        inner = _quoted_words(m.group())
        if inner is not None:
            found.append(Item(m.start(), m.end(), inner))
    return found


# --- negation and modal words ---------------------------------------------------------------

NEGATION_WORDS = _vocabulary("not no never without none nobody nothing nowhere neither nor cannot")
_CONTRACTED_NOT_RE = re.compile(r"n['’]t\b")
_NOT_NEGATION_RE = LazyPattern(r"no\.?\s*\d|not\s+only\b")  # "No. 10", "No 10", "not only"


def has_contracted_not(text: str) -> bool:
    return ("n't" in text or "n’t" in text) and _CONTRACTED_NOT_RE.search(text) is not None


def negations(text: Text, span: Span | None = None) -> list[Item]:
    """Negation words; "n't", "cannot" and "not" share one key ("do not" -> "don't" is no change).
    `span`: only those in a run of a word diff (see `Span`)."""
    lower = text.lower
    found = [
        Item(start, end, "not" if word == "cannot" else word)
        for start, end, word in _word_spans(text, NEGATION_WORDS, span)
        if not _NOT_NEGATION_RE.match(lower, start)
    ]
    start, end = (0, len(lower)) if span is None else span[:2]
    if has_contracted_not(lower if span is None else lower[start:end]):
        for m in _CONTRACTED_NOT_RE.finditer(lower, start, end):
            word_start = m.start()
            while word_start > 0 and _is_word_char(lower[word_start - 1]):
                word_start -= 1
            if word_start < m.start():
                found.append(Item(word_start, m.end(), "not"))
    found.sort()
    return found


MODAL_WORDS = _vocabulary("shall must may might will would should can could ought cannot")
_CONTRACTED_MODALS = {"won": "will", "shan": "shall", "can": "can", "must": "must", "should": "should",
                      "would": "would", "could": "could", "might": "might", "need": "need"}
_CONTRACTED_WILL_RE = LazyPattern(r"(?<=\w)['’]ll\b")
# Before these a modal word is a noun: "the will of the people", "a can of", "free will".
_NOUN_BEFORE = frozenset("the a an his her their its my your our free political good ill last whose".split())
# Capitalised inside a sentence, these are a month or a name: "in May", "Theresa May", "Will Smith".
_NAME_LIKE = frozenset(["May", "Will", "Can", "Must", "Shall", "Might", "Should", "Could", "Would"])


def modals(text: Text, span: Span | None = None) -> list[Item]:
    """Modal and obligation words, keyed by the modal they stand for ("won't" -> "will", "can't"
    and "cannot" -> "can": a negation added, not another modal). `span`: only those in a run of
    a word diff (see `Span`)."""
    raw, lower = text.text, text.lower
    found = []
    for start, end, word in _word_spans(text, MODAL_WORDS, span):
        written = raw[start:end]
        if written in _NAME_LIKE and not is_sentence_initial(raw, start):
            continue
        if written == "May" and _SPACED_DIGIT_RE.match(raw, end):
            continue  # "May 22 was ..."
        if word_before(lower, start) in _NOUN_BEFORE:
            continue
        found.append(Item(start, end, "can" if word == "cannot" else word))
    start, end = (0, len(lower)) if span is None else span[:2]
    searched = lower if span is None else lower[start:end]
    if has_contracted_not(searched):
        for m in _CONTRACTED_NOT_RE.finditer(lower, start, end):
            word_start = m.start()
            while word_start > 0 and _is_word_char(lower[word_start - 1]):
                word_start -= 1
            modal = _CONTRACTED_MODALS.get(lower[word_start:m.start()])
            if modal:
                found.append(Item(word_start, m.end(), modal))
    if "'ll" in searched or "’ll" in searched:
        found.extend(
            Item(m.start(), m.end(), "will") for m in _CONTRACTED_WILL_RE.finditer(lower, start, end)
        )
    found.sort()
    return found


# --- sentence starts --------------------------------------------------------------------------

# An abbreviation before "." that does not end a sentence ("Mr. Smith", "No. 10").
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr st prof gen col capt lt sgt rev sen rep gov jr sr no vs fig vol".split()
)
_SENTENCE_END = ".!?:;…"
_OPENERS = " \t\"“‘'(«„[{"
_BULLETS = "-*•#>–—|+"
_WORD_ENDING_AT_RE = LazyPattern(r"\w+$")


def is_sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a quotation (where any word is
    capitalised, name or not)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    mark = text[i]
    if mark == ".":
        word = _WORD_ENDING_AT_RE.search(text, max(0, i - 12), i)
        if word is None:
            return True
        # "Mr. Peskov", "J. Smith": the full stop of an abbreviation or an initial
        abbreviation = word.group().casefold() in ABBREVIATIONS
        return not (abbreviation or (len(word.group()) == 1 and word.group().isupper()))
    if mark in _SENTENCE_END:
        return True
    if mark in _BULLETS:  # a list item: nothing but markers since the line began
        line_start = text.rfind("\n", 0, i) + 1
        return not text[line_start:i + 1].strip(" \t0123456789.)" + _BULLETS)
    return False
