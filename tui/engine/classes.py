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
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from tui.engine import class_items, class_names
from tui.engine.class_items import Item, Text, is_sentence_initial
from tui.engine.lazy_pattern import LazyPattern
from tui.engine.normalize import typography_key
from tui.engine.worddiff import WordOp, diff_words


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
_ALL = tuple(ChangeClass)
# Classes that can change what a text says; the other two change only how it is written.
MEANING_CLASSES = (NUMBER, MONEY, DATE, NEGATION, MODAL, QUOTE, ENTITY)
FORM_CLASSES = (TYPOGRAPHIC, PUNCTUATION)


def in_order(classes: Iterable[ChangeClass]) -> tuple[ChangeClass, ...]:
    """Distinct classes in order of significance, whatever the order given."""
    present = set(classes)
    return tuple(cls for cls in _ALL if cls in present) if present else ()


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
_ALNUM_RE = LazyPattern(r"[^\W_]+")
_PRONOUNS = frozenset(w.encode() for w in "he she they we i it you".split())
# Longer than any number, date, amount, negation or modal word, with the word before it.
_REACH = 48


class _Side:
    """One side of a pair, with the things of each class found once, when first needed."""

    __slots__ = (
        "_folded", "_inside", "_items", "_title_case", "_window", "_window_items", "info", "text"
    )

    def __init__(self, text: str):
        self.text = text
        self.info = Text(text)
        self._items: dict[ChangeClass, list[Item]] = {}
        self._folded: str | None = None
        self._title_case: bool | None = None
        self._window: tuple[int, int] | None = None  # the run whose window was searched last
        self._window_items: dict[ChangeClass, tuple[list[Item], int]] = {}
        self._inside: dict[str, bool] = {}

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

    def items_near(self, cls: ChangeClass, start: int, end: int) -> tuple[list[Item], int]:
        """The things of class `cls` that a run from start to end can touch, and the offset of the
        text they were found in (their offsets are relative to it). In a long passage (a block
        of code, a page-long paragraph) only a window around the run is searched: a number,
        date, amount, negation or modal is shorter than `_REACH`, and it is found whole, even
        where it leans on a word before it ("in 2022"), when it is that close."""
        if cls is QUOTE or cls in self._items or len(self.text) - (end - start) <= 4 * _REACH:
            return self.items(cls), 0
        if self._window != (start, end):
            self._window, self._window_items = (start, end), {}
        found = self._window_items.get(cls)
        if found is None:
            text = self.text
            window_start = max(0, text.rfind(" ", 0, max(0, start - _REACH)))
            window_end = text.find(" ", end + _REACH)
            window = Text(text[window_start:window_end if window_end >= 0 else len(text)])
            in_window = self._window_items
            if cls is NEGATION:
                in_window[NEGATION] = class_items.negations(window), window_start
            elif cls is MODAL:
                in_window[MODAL] = class_items.modals(window), window_start
            else:
                dates, amounts = class_items.dates(window), class_items.amounts(window)
                in_window[DATE], in_window[MONEY] = (dates, window_start), (amounts, window_start)
                in_window[NUMBER] = class_items.numbers(window, dates + amounts), window_start
            found = in_window[cls]
        return found

    @property
    def folded(self) -> str:
        if self._folded is None:
            # ASCII folds as it lowers: share the lower-case text the finders may also need.
            self._folded = self.info.lower if self.text.isascii() else self.text.casefold()
        return self._folded

    def named_inside_a_sentence(self, name: str) -> bool:
        found = self._inside.get(name)
        if found is None:
            found = self._inside[name] = class_names.named_inside_a_sentence(name, self.text)
        return found

    @property
    def title_case(self) -> bool:
        if self._title_case is None:
            self._title_case = class_names.is_title_case(self.text)
        return self._title_case


# The things of a class that a run touches on one side, by their span in the side's text.
_Touched = dict[tuple[int, int], str]


def _items_touched(cls: ChangeClass, left: _Side, right: _Side, op: WordOp) -> tuple[_Touched, _Touched]:
    """The things of class `cls` that the run touches on each side: those it overlaps; an empty
    run, those it falls strictly inside."""
    left_items, left_shift = left.items_near(cls, op.left_start, op.left_end)
    right_items, right_shift = right.items_near(cls, op.right_start, op.right_end)
    if not left_items and not right_items:
        return {}, {}
    start, end = op.left_start - left_shift, op.left_end - left_shift
    before = {
        (item.start + left_shift, item.end + left_shift): item.key
        for item in left_items
        if item.start < end and start < item.end
    }
    start, end = op.right_start - right_shift, op.right_end - right_shift
    after = {
        (item.start + right_shift, item.end + right_shift): item.key
        for item in right_items
        if item.start < end and start < item.end
    }
    return before, after


def _words_touched(
    cls: ChangeClass, left: _Side, right: _Side, op: WordOp, words_before: frozenset[bytes],
    words_after: frozenset[bytes],
) -> tuple[_Touched, _Touched]:
    """`_items_touched` for the negation and modal words: those a run touches are inside it (see
    `class_items.Span`), so only the run is searched; an empty run touches none."""
    finder = class_items.negations if cls is NEGATION else class_items.modals
    return _found(finder, left, op.left_start, op.left_end, words_before), _found(
        finder, right, op.right_start, op.right_end, words_after
    )


def _found(
    finder: Callable[..., Iterable[Item]], side: _Side, start: int, end: int, words: frozenset[bytes]
) -> _Touched:
    if start >= end:
        return {}
    return {(item.start, item.end): item.key for item in finder(side.info, (start, end, words))}


# For each class, the things the pair's runs touch on the left and on the right (see `_compared`).
_Moved = dict[ChangeClass, tuple[_Touched, _Touched]]


def _compared(cls: ChangeClass, before: _Touched, after: _Touched, moved: _Moved) -> bool | list[str]:
    """Whether a run that touches the things `before` on the left and `after` on the right changes
    them: True when it replaces some by others, False when it keeps them, else the keys it adds
    or removes (changed unless the pair's other runs move them: see `PairClassifier.classes_of`).
    Keeps what it touched in `moved`: a thing two runs touch is counted once."""
    if not before and not after:
        return False
    touched_left, touched_right = moved.setdefault(cls, ({}, {}))
    touched_left.update(before)
    touched_right.update(after)
    keys_before, keys_after = list(before.values()), list(after.values())
    if keys_before == keys_after:
        return False
    if keys_before and keys_after:
        if len(keys_before) == 1 and len(keys_after) == 1:
            return True  # one thing replaced by another
        removed = Counter(keys_before) - Counter(keys_after)
        added = Counter(keys_after) - Counter(keys_before)
        if removed and added:
            return True
        return list(removed or added)
    return keys_before or keys_after


class _Open(NamedTuple):
    """A run's classes before the pair's other runs are seen (see `PairClassifier._judge`)."""

    verdicts: list[tuple[ChangeClass, bool | list[str]]]
    normalize: bool
    before: str
    after: str
    features_before: _Features
    features_after: _Features


def _resolve(open_: _Open, moved: _Moved) -> tuple[ChangeClass, ...]:
    found = tuple(
        cls
        for cls, verdict in open_.verdicts
        if verdict is True or (verdict and _unbalanced(cls, verdict, moved))
    )
    if found:
        return found  # in order of significance
    return _form_classes(*open_[1:])


def _unbalanced(cls: ChangeClass, keys: list[str], moved: _Moved) -> bool:
    """Whether the pair's runs touch some of these keys more often on one side than on the other
    (the rest of the two texts is the same: the sides mention them unequally often)."""
    touched_left, touched_right = moved[cls]
    left, right = list(touched_left.values()), list(touched_right.values())
    return any(left.count(key) != right.count(key) for key in keys)


class PairClassifier:
    """The classes of the word runs of one pair (left and right as given to `diff_words`)."""

    __slots__ = ("_quotes", "_runs", "left", "normalize", "right")

    def __init__(self, left: str, right: str, normalize: bool = True):
        self.left, self.right = _Side(left), _Side(right)
        self.normalize = normalize
        self._quotes: bool | None = None  # whether either side has a quotation
        self._runs: dict[WordOp, tuple[ChangeClass, ...]] | None = None

    def classes(self, op: WordOp) -> tuple[ChangeClass, ...]:
        """The classes of one run of `diff_words(left, right, normalize)` (the pair's other runs
        tell whether a thing it adds or removes merely moved: see `classes_of`)."""
        if self._runs is None:
            runs = [
                run
                for run in diff_words(self.left.text, self.right.text, self.normalize)
                if run.tag != "equal" or run.typographic
            ]
            self._runs = dict(zip(runs, self.classes_of(runs), strict=True))
        found = self._runs.get(op)
        return found if found is not None else self.classes_of([op])[0]

    def classes_of(self, ops: Sequence[WordOp]) -> list[tuple[ChangeClass, ...]]:
        """The classes of the changed runs of the pair (`diff_words`' ops but the equal ones that
        are not typographic). A thing that a run adds or removes is changed unless the pair's
        runs, all together, remove it as often as they add it: it merely moved."""
        moved: _Moved = {}
        judged = [self._judge(op, moved) for op in ops]
        return [_resolve(found, moved) if isinstance(found, _Open) else found for found in judged]

    def _judge(self, op: WordOp, moved: _Moved) -> tuple[ChangeClass, ...] | _Open:
        """The run's classes, or what is still open until the pair's other runs are seen: for
        each class, whether the run changes it (True, False) or the keys it adds or removes."""
        if op.typographic:
            return (TYPOGRAPHIC,)
        left, right = self.left, self.right
        before = left.text[op.left_start:op.left_end]
        after = right.text[op.right_start:op.right_end]
        features_before, features_after = _run_features(before), _run_features(after)
        flags = features_before[0] | features_after[0]
        if self._quotes is None:
            self._quotes = (
                class_items.has_quotation_mark(left.text) or class_items.has_quotation_mark(right.text)
            ) and bool(left.items(QUOTE) or right.items(QUOTE))
        if not flags and not self._quotes:  # most runs: none of the things any class is about
            return _form_classes(self.normalize, before, after, features_before, features_after)
        verdicts: list[tuple[ChangeClass, bool | list[str]]] = []
        if flags & _QUANTITY:
            for cls in (NUMBER, MONEY, DATE):
                verdicts.append((cls, _compared(cls, *_items_touched(cls, left, right, op), moved)))
        if flags & (_CONTRACTED_NOT | _NEGATION_WORD | _NEGATING_PREFIX):
            verdict: bool | list[str] = False
            if flags & (_CONTRACTED_NOT | _NEGATION_WORD):
                touched = _words_touched(NEGATION, left, right, op, features_before[1], features_after[1])
                verdict = _compared(NEGATION, *touched, moved)
            if (
                verdict is not True
                and flags & _NEGATING_PREFIX
                and before
                and after
                and _negated_word(before, after, features_before[1], features_after[1])
            ):
                verdict = True
            verdicts.append((NEGATION, verdict))
        if flags & (_CONTRACTED_NOT | _MODAL_WORD):
            touched = _words_touched(MODAL, left, right, op, features_before[1], features_after[1])
            verdicts.append((MODAL, _compared(MODAL, *touched, moved)))
        verdict = _compared(QUOTE, *_items_touched(QUOTE, left, right, op), moved) if self._quotes else False
        if (
            verdict is not True
            and before
            and after
            and flags & (_CAPITAL | _PRONOUN)
            and self._speaker_changed(op, before, after)
        ):
            verdict = True
        verdicts.append((QUOTE, verdict))
        capitals = bool(features_before[0] & _CAPITAL), bool(features_after[0] & _CAPITAL)
        if flags & _CAPITAL and self._names_changed(op, capitals):
            verdicts.append((ENTITY, True))
        open_ = _Open(verdicts, self.normalize, before, after, features_before, features_after)
        if all(verdict is True or verdict is False for _, verdict in verdicts):
            return _resolve(open_, moved)  # nothing left open
        return open_

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
                for offset, name in class_names.capitalised_words(side.text, start, end, other.folded)
                if not class_names.mentioned(name, other.folded)
            ]
            if unmentioned and not side.title_case and _any_name(unmentioned, side, other):
                return True
        return False

    def _speaker_changed(self, op: WordOp, before: str, after: str) -> bool:
        """"said Peskov" -> "said Lavrov", "he said" -> "Mr Lavrov said": a replaced run whose
        names or pronouns differ, beside a speech verb on both sides."""
        speakers_before, speakers_after = _speakers(before), _speakers(after)
        if not (speakers_before - speakers_after and speakers_after - speakers_before):
            return False
        left, right = self.left.text, self.right.text
        return class_names.speech_near(left, op.left_start, op.left_end) and class_names.speech_near(
            right, op.right_start, op.right_end
        )


# What a run holds, as bits: each class is looked for only in a run that may have it.
_QUANTITY = 1  # a digit, a currency symbol, a number, date or money word, a month or weekday
_CONTRACTED_NOT = 2  # "n't"
_NEGATION_WORD = 4
_MODAL_WORD = 8  # or "'ll"
_CAPITAL = 16
_PRONOUN = 32
_NEGATING_PREFIX = 64  # a word that may be another with a negating prefix ("unlawful", "non")
# In a run's letters (`class_items.LETTERS_ONLY`): "non", or a word of six letters or more that
# begins with a negating prefix, the shortest `_negated_word` can take ("un" and four letters).
_PREFIXED_RE = re.compile(rb"(?<![a-z])(?:(?=[a-z]{6})(?:non|un|in|im|il|ir|dis)|non(?![a-z]))")
# Every ASCII character but letters and digits: deleted, they leave what `_ALNUM_RE` finds.
_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())

# run -> (bits, words, letters and digits): a word diff meets the same short runs ("the", ",",
# "a") again and again. Replaced, never cleared in place, when it grows past the limit.
_Features = tuple[int, frozenset[bytes], str]
_FEATURES_LIMIT = 1 << 16
_features: dict[str, _Features] = {}
_speakers_of: dict[str, set[str]] = {}


def _run_features(run: str) -> _Features:
    global _features
    found = _features.get(run)
    if found is None:
        lower = run.lower()
        capitals = lower != run  # as `_may_have_capitals`: an upper-case letter, ASCII or not
        if run.isascii():
            letters = lower.encode().translate(class_items.LETTERS_ONLY)
            alnum = run.encode().translate(None, _NOT_ALNUM).decode()
        else:
            letters = lower.encode("utf-8", "surrogatepass").translate(class_items.LETTERS_ONLY)
            alnum = "".join(_ALNUM_RE.findall(run))
        words = frozenset(letters.split())  # class_items.words_of(run)
        bits = _CAPITAL if capitals else 0
        if (
            _DIGIT_OR_SYMBOL_RE.search(run)
            or not words.isdisjoint(_QUANTITY_WORDS)
            or (capitals and class_items.has_date_name(run))  # month and weekday names are capitalised
        ):
            bits |= _QUANTITY
        if class_items.has_contracted_not(run):
            bits |= _CONTRACTED_NOT
        if not words.isdisjoint(class_items.NEGATION_WORDS):
            bits |= _NEGATION_WORD
        if not words.isdisjoint(class_items.MODAL_WORDS) or "'ll" in run or "’ll" in run:
            bits |= _MODAL_WORD
        if not words.isdisjoint(_PRONOUNS):
            bits |= _PRONOUN
        if _PREFIXED_RE.search(letters):
            bits |= _NEGATING_PREFIX
        found = (bits, words, alnum)
        if len(_features) >= _FEATURES_LIMIT:
            _features = {}
        _features[run] = found
    return found


def _speakers(run: str) -> set[str]:
    global _speakers_of
    found = _speakers_of.get(run)
    if found is None:
        found = class_names.speakers(run)
        if len(_speakers_of) >= _FEATURES_LIMIT:
            _speakers_of = {}
        _speakers_of[run] = found
    return found


def _form_classes(
    normalize: bool, before: str, after: str, features_before: _Features, features_after: _Features
) -> tuple[ChangeClass, ...]:
    """A run with no class of meaning: typography or punctuation only, or a change of wording."""
    if not normalize and typography_key(before) == typography_key(after):
        return (TYPOGRAPHIC,)
    if features_before[2] == features_after[2]:
        return (PUNCTUATION,)
    return ()


def _any_name(candidates: list[tuple[int, str]], side: _Side, other: _Side) -> bool:
    """`class_names.any_name`, with what each side says of a name kept for the pair's other runs."""
    return any(
        not is_sentence_initial(side.text, offset)
        or side.named_inside_a_sentence(name)
        or other.named_inside_a_sentence(name)
        for offset, name in candidates
    )


def _may_have_quantities(text: str, words: frozenset[bytes]) -> bool:
    return (
        _DIGIT_OR_SYMBOL_RE.search(text) is not None
        or not words.isdisjoint(_QUANTITY_WORDS)
        or class_items.has_date_name(text)
    )


# "lawful" -> "unlawful", "legal" -> "illegal", "possible" -> "impossible", "agree" ->
# "disagree": a negating prefix on a word the other side keeps. in-, im-, il-, ir- and dis- also
# begin many words that are no negation ("inform", "import", "discover"), so after them the rest
# must look like a word negated that way (an adjective's ending, or agree, approve, qualify).
_NEGATABLE_END_RE = LazyPattern(
    r"(?:able|ible|ful|al|ent|ant|ive|ate|ous|ic|ed|ary|ar|ure|ct|ete|id|ite|ile|ee|ove|ify|ust|ing|ion|ity)$"
)
_NEGATING_PREFIXES = (b"non", b"un", b"in", b"im", b"il", b"ir", b"dis")
_PREFIX_FIRST_LETTERS = {b"il": b"l", b"ir": b"r", b"im": b"mpb"}



_NON_HYPHEN_RE = LazyPattern(r"\b[Nn]on[-‐‑]([^\W\d_]+)")


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
    # Whether it has dates, amounts, numbers or quotations, not what they are: no keys made.
    if (
        info.has_any(_QUANTITY_WORDS)  # its words are needed anyway (dates, amounts, numbers)
        or _DIGIT_OR_SYMBOL_RE.search(text) is not None
        or class_items.has_date_name(text)
    ):
        dates, amounts = class_items.date_spans(info), class_items.amount_spans(info)
        if class_items.has_number(info, dates + amounts):
            found.append(NUMBER)
        if amounts:
            found.append(MONEY)
        if dates:
            found.append(DATE)
    if class_items.has_quotation(info):
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

