"""Change classes: what kind of change a word run of a pair, or a one-sided passage, is.

A reviewer wants the changes that alter meaning first — a number, a date, an amount, "shall" ->
"may", a "not" added, a name or a quotation changed — and the ones that only touch typography or
punctuation last. `PairClassifier` gives the classes of each word run (`WordOp`) of a pair;
`passage_classes` those of a passage found on one side only. The rules and their limits are in
the README ("Change classes"); what is found where, in `class_items` and `class_names`.

Two principles keep false alarms down:
- a run has a class when it changes the *things* of that class, compared by key: "nine" -> "9"
  or "22 May" -> "May 22" changes no value;
- a thing that a run removes (or adds) while the pair still has it elsewhere merely moved: a
  number is changed only when the two sides do not mention it equally often.

Every block of `diptych --json` is classified, so each run is first tested cheaply (its words,
a digit) and the passages are searched only for the classes it may have.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

from tui.engine import class_items, class_names
from tui.engine.class_items import Item, Text
from tui.engine.normalize import typography_key
from tui.engine.worddiff import WordOp


class ChangeClass(StrEnum):
    """In order of significance: the JSON lists a run's classes in this order."""

    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    NEGATION = "negation"
    MODAL = "modal"
    QUOTE = "quote"
    ENTITY = "entity"
    TYPOGRAPHIC = "typographic"
    PUNCTUATION = "punctuation"


NUMBER, MONEY, DATE, NEGATION, MODAL, QUOTE, ENTITY, TYPOGRAPHIC, PUNCTUATION = ChangeClass
# Classes that can change what a text says; the other two change only how it is written.
MEANING_CLASSES = (NUMBER, MONEY, DATE, NEGATION, MODAL, QUOTE, ENTITY)
FORM_CLASSES = (TYPOGRAPHIC, PUNCTUATION)


def in_order(classes: Iterable[ChangeClass]) -> tuple[ChangeClass, ...]:
    """Distinct classes in order of significance, whatever the order given."""
    present = set(classes)
    return tuple(cls for cls in ChangeClass if cls in present) if present else ()


# Words of a run without which it cannot touch a number, date or amount (digits and currency
# symbols are tested apart): the words inside those things, not the ones around them ("in 2022").
_QUANTITY_WORDS = (
    class_items.NUMBER_WORDS
    | class_items.CURRENCY_CODES
    | frozenset(
        w.encode()
        for w in (
            "per percent percentage cent cents point points dollar dollars euro euros pence yen yuan "
            "rupee rupees rouble roubles ruble rubles hryvnia hryvnias franc francs peso pesos satoshi "
            "satoshis bitcoin bitcoins sterling pounds yesterday today tomorrow tonight noon midnight "
            "ago last next previous coming following few several seconds minute minutes hour hours "
            "day days week weeks fortnight month months year years decade decades weekend morning "
            "afternoon evening night spring summer autumn fall winter century am pm"
        ).split()
    )
)
_DIGIT_OR_SYMBOL_RE = re.compile(r"[\d$€£¥₹₽₩₺₴₪₦₱฿¢%]")
_UPPER_RE = re.compile(r"[A-Z]")
_ALNUM_RE = re.compile(r"[^\W_]+")
_PRONOUNS = frozenset(w.encode() for w in "he she they we i it you".split())
# Longer than any number, date, amount, negation or modal word, with the word before it.
_REACH = 48


class _Side:
    """One side of a pair, with the things of each class found once, when first needed."""

    __slots__ = ("_counts", "_folded", "_items", "_title_case", "_window", "_window_items", "info", "text")

    def __init__(self, text: str):
        self.text = text
        self.info = Text(text)
        self._items: dict[ChangeClass, list[Item]] = {}
        self._counts: dict[ChangeClass, Counter[str]] = {}
        self._folded: str | None = None
        self._title_case: bool | None = None
        self._window: tuple[int, int] | None = None  # the run whose window was searched last
        self._window_items: dict[ChangeClass, list[Item]] = {}

    def items(self, cls: ChangeClass) -> list[Item]:
        found = self._items.get(cls)
        if found is None:
            info = self.info
            if cls is NUMBER or cls is MONEY or cls is DATE:
                dates, amounts = class_items.dates(info), class_items.amounts(info)
                self._items[DATE], self._items[MONEY] = dates, amounts
                self._items[NUMBER] = class_items.numbers(info, dates + amounts)
            elif cls is QUOTE:
                self._items[QUOTE] = class_items.quotations(info)
            elif cls is NEGATION:
                self._items[NEGATION] = class_items.negations(info)
            else:
                self._items[MODAL] = class_items.modals(info)
            found = self._items[cls]
        return found

    def items_near(self, cls: ChangeClass, start: int, end: int) -> list[Item]:
        """The things of class `cls` that a run from start to end can touch. In a long passage
        (a block of code, a page-long paragraph) only a window around the run is searched: a
        number, date, amount, negation or modal is shorter than `_REACH`, and it is found
        whole, even where it leans on a word before it ("in 2022"), when it is that close."""
        if cls is QUOTE or cls in self._items or len(self.text) - (end - start) <= 4 * _REACH:
            return self.items(cls)
        if self._window != (start, end):
            self._window, self._window_items = (start, end), {}
        found = self._window_items.get(cls)
        if found is None:
            text = self.text
            window_start = max(0, text.rfind(" ", 0, max(0, start - _REACH)))
            window_end = text.find(" ", end + _REACH)
            window = Text(text[window_start:window_end if window_end >= 0 else len(text)])
            if cls is NEGATION:
                in_window = {NEGATION: class_items.negations(window)}
            elif cls is MODAL:
                in_window = {MODAL: class_items.modals(window)}
            else:
                dates, amounts = class_items.dates(window), class_items.amounts(window)
                numbers = class_items.numbers(window, dates + amounts)
                in_window = {DATE: dates, MONEY: amounts, NUMBER: numbers}
            for kind, items in in_window.items():
                self._window_items[kind] = [
                    Item(item.start + window_start, item.end + window_start, item.key) for item in items
                ]
            found = self._window_items[cls]
        return found

    def counts(self, cls: ChangeClass) -> Counter[str]:
        counted = self._counts.get(cls)
        if counted is None:
            counted = self._counts[cls] = Counter(item.key for item in self.items(cls))
        return counted

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.text.casefold()
        return self._folded

    @property
    def title_case(self) -> bool:
        if self._title_case is None:
            self._title_case = class_names.is_title_case(self.text)
        return self._title_case


def _changes(cls: ChangeClass, left: _Side, right: _Side, op: WordOp) -> bool:
    """Whether the run changes the things of class `cls`: it replaces some by others, or it adds
    or removes one that the two sides do not mention equally often (one that merely moved does).
    A run touches the things it overlaps; an empty run, those it falls strictly inside."""
    left_items = left.items_near(cls, op.left_start, op.left_end)
    right_items = right.items_near(cls, op.right_start, op.right_end)
    if not left_items and not right_items:
        return False
    start, end = op.left_start, op.left_end
    before = [item.key for item in left_items if item.start < end and start < item.end]
    start, end = op.right_start, op.right_end
    after = [item.key for item in right_items if item.start < end and start < item.end]
    if before == after:
        return False
    if before and after:
        removed, added = Counter(before) - Counter(after), Counter(after) - Counter(before)
        if removed and added:
            return True
        extra = list(removed or added)
    else:
        extra = before or after
    left_counts, right_counts = left.counts(cls), right.counts(cls)
    return any(left_counts[key] != right_counts[key] for key in extra)


class PairClassifier:
    """The classes of the word runs of one pair (left and right as given to `diff_words`)."""

    def __init__(self, left: str, right: str, normalize: bool = True):
        self.left, self.right = _Side(left), _Side(right)
        self.normalize = normalize

    def classes(self, op: WordOp) -> tuple[ChangeClass, ...]:
        if op.typographic:
            return (TYPOGRAPHIC,)
        left, right = self.left, self.right
        before = left.text[op.left_start:op.left_end]
        after = right.text[op.right_start:op.right_end]
        joined = before + " " + after
        words_before, words_after = class_items.words_of(before), class_items.words_of(after)
        words = words_before | words_after
        found: list[ChangeClass] = []
        if _may_have_quantities(joined, words):
            found.extend(cls for cls in (NUMBER, MONEY, DATE) if _changes(cls, left, right, op))
        contracted_not = class_items.has_contracted_not(joined)
        if (
            (contracted_not or not words.isdisjoint(class_items.NEGATION_WORDS))
            and _changes(NEGATION, left, right, op)
        ) or (before and after and _negated_word(before, after, words_before, words_after)):
            found.append(NEGATION)
        if (
            contracted_not
            or not words.isdisjoint(class_items.MODAL_WORDS)
            or "'ll" in joined
            or "’ll" in joined
        ) and _changes(MODAL, left, right, op):
            found.append(MODAL)
        capitals = _may_have_capitals(before), _may_have_capitals(after)
        if _changes(QUOTE, left, right, op) or (
            before and after and (any(capitals) or not words.isdisjoint(_PRONOUNS))
            and self._speaker_changed(op, before, after)
        ):
            found.append(QUOTE)
        if any(capitals) and self._names_changed(op, capitals):
            found.append(ENTITY)
        if found:
            return tuple(found)  # appended in order of significance
        if not self.normalize and typography_key(before) == typography_key(after):
            return (TYPOGRAPHIC,)
        if "".join(_ALNUM_RE.findall(before)) == "".join(_ALNUM_RE.findall(after)):
            return (PUNCTUATION,)
        return ()

    def _names_changed(self, op: WordOp, capitals: tuple[bool, bool]) -> bool:
        """A name in the run that the other side does not mention at all."""
        for has_capitals, side, other, start, end in (
            (capitals[0], self.left, self.right, op.left_start, op.left_end),
            (capitals[1], self.right, self.left, op.right_start, op.right_end),
        ):
            if not has_capitals:
                continue
            unmentioned = [
                (offset, name)
                for offset, name in class_names.capitalised_words(side.text, start, end)
                if not class_names.mentioned(name, other.folded)
            ]
            if (
                unmentioned
                and not side.title_case
                and class_names.any_name(unmentioned, side.text, other.text)
            ):
                return True
        return False

    def _speaker_changed(self, op: WordOp, before: str, after: str) -> bool:
        """"said Peskov" -> "said Lavrov", "he said" -> "Mr Lavrov said": a replaced run whose
        names or pronouns differ, beside a speech verb on both sides."""
        speakers_before, speakers_after = class_names.speakers(before), class_names.speakers(after)
        if not (speakers_before - speakers_after and speakers_after - speakers_before):
            return False
        left, right = self.left.text, self.right.text
        return class_names.speech_near(left, op.left_start, op.left_end) and class_names.speech_near(
            right, op.right_start, op.right_end
        )


def _may_have_quantities(text: str, words: frozenset[bytes]) -> bool:
    return (
        _DIGIT_OR_SYMBOL_RE.search(text) is not None
        or not words.isdisjoint(_QUANTITY_WORDS)
        or class_items.has_date_name(text)
    )


def _may_have_capitals(run: str) -> bool:
    return _UPPER_RE.search(run) is not None or (not run.isascii() and run != run.lower())


# "lawful" -> "unlawful", "legal" -> "illegal", "possible" -> "impossible", "agree" ->
# "disagree": a negating prefix on a word the other side keeps. in-, im-, il-, ir- and dis- also
# begin many words that are no negation ("inform", "import", "discover"), so after them the rest
# must look like a word negated that way (an adjective's ending, or agree, approve, qualify).
_NEGATABLE_END_RE = re.compile(
    r"(?:able|ible|ful|al|ent|ant|ive|ate|ous|ic|ed|ary|ar|ure|ct|ete|id|ite|ile|ee|ove|ify|ust|ing|ion|ity)$"
)
_NEGATING_PREFIXES = (b"non", b"un", b"in", b"im", b"il", b"ir", b"dis")
_PREFIX_FIRST_LETTERS = {b"il": b"l", b"ir": b"r", b"im": b"mpb"}


_NON_HYPHEN_RE = re.compile(r"\b[Nn]on[-‐‑]([^\W\d_]+)")


def _negated_word(
    before: str, after: str, words_before: frozenset[bytes], words_after: frozenset[bytes]
) -> bool:
    """A word of one side that is a word of the other with a negating prefix."""
    for negated, plain, run in ((words_after, words_before, after), (words_before, words_after, before)):
        added = negated - plain
        if b"non" in added and any(w.lower().encode() in plain for w in _NON_HYPHEN_RE.findall(run)):
            return True  # "compliant" -> "non-compliant"
        for word in added:
            if not word.startswith(_NEGATING_PREFIXES):
                continue
            for prefix in _NEGATING_PREFIXES:
                rest = word[len(prefix):]
                if not word.startswith(prefix) or rest not in plain:
                    continue
                if prefix in (b"non", b"un"):
                    if len(rest) >= 4:
                        return True
                elif (
                    len(rest) >= 5
                    and _NEGATABLE_END_RE.search(rest.decode())
                    and rest[:1] in _PREFIX_FIRST_LETTERS.get(prefix, rest[:1])
                ):
                    return True
    return False


def passage_classes(text: str) -> tuple[ChangeClass, ...]:
    """Classes of a passage found on one side only: the facts it adds or removes — numbers,
    amounts, dates, quotations. Not names, modals or negations: nearly every passage of prose has
    one, so they would say nothing about this one."""
    info = Text(text)
    found = []
    if _may_have_quantities(text, info.words):
        dates, amounts = class_items.dates(info), class_items.amounts(info)
        if class_items.numbers(info, dates + amounts):
            found.append(NUMBER)
        if amounts:
            found.append(MONEY)
        if dates:
            found.append(DATE)
    if class_items.has_quotation_mark(text) and class_items.quotations(info):
        found.append(QUOTE)
    return tuple(found)


QUANTITY_CLASSES = (NUMBER, MONEY, DATE)


def quantities(text: str) -> list[tuple[int, int]]:
    """Where the things of the quantity classes (`QUANTITY_CLASSES`: numbers, amounts, dates) are
    in `text`, in reading order, as (start, end) offsets: what a change log names of a run or a
    passage whose classes say it changes one. Found as the classes find them."""
    info = Text(text)
    if not _may_have_quantities(text, info.words):
        return []
    dates, amounts = class_items.dates(info), class_items.amounts(info)
    numbers = class_items.numbers(info, dates + amounts)
    out: list[tuple[int, int]] = []
    # Dates and amounts are found apart, so one may overlap the other: the first one found is kept.
    for start, end in sorted((item.start, item.end) for item in dates + amounts + numbers):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out

