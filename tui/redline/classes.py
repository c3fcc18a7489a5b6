"""Change classes of the redline's word changes: the engine's (tui.engine.classes), so that a
redline, `--json` and the review report agree on what a change is about: a number, an amount, a
date, a negation, a modal word, a quotation or a name changed, or only typography or punctuation.

`pair_classes` gives the classes of each word run of a pair, `passage_classes` those of a passage
only one version has; `class_spans` places them in the run's text, so that each format can
emphasise the changed figures (numbers, amounts and dates: bold in HTML, a comment in Word and in
CriticMarkup); the summary counts every class, named by `label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from tui.engine import class_items, class_names
from tui.engine.classes import ChangeClass, PairClassifier, in_order
from tui.engine.classes import passage_classes as engine_passage_classes
from tui.engine.tokens import is_numeric, tokenize
from tui.engine.worddiff import WordOp

NUMBER, MONEY, DATE = ChangeClass.NUMBER.value, ChangeClass.MONEY.value, ChangeClass.DATE.value
# The classes whose words the formats emphasise as changed figures, and what a comment calls each.
FIGURES = {NUMBER: "number", MONEY: "amount", DATE: "date"}
# Every class, in order of significance (the summary's order).
ORDER = tuple(cls.value for cls in ChangeClass)

# How the summary names a class: "Changes involving a number".
_LABELS = {
    "number": "Changes involving a number",
    "money": "Changes involving an amount of money or a percentage",
    "date": "Changes involving a date or a time",
    "negation": "Changes involving a negation (not, never, un-)",
    "modal": "Changes involving a modal word (shall, may, must, will)",
    "quote": "Changes involving a quotation or who is quoted",
    "entity": "Changes involving a name",
    "typographic": "Changes of typography only",
    "punctuation": "Changes of punctuation only",
}


def pair_classes(left: str, right: str, ops: Sequence[WordOp], normalize: bool) -> dict[int, tuple[str, ...]]:
    """The classes of each changed word run of a pair, by its index in `ops` (the ops of
    `diff_words(left, right, normalize)`; the pair's runs are classified together, see
    `PairClassifier.classes_of`)."""
    runs = [k for k, op in enumerate(ops) if op.tag != "equal" or op.typographic]
    found = PairClassifier(left, right, normalize).classes_of([ops[k] for k in runs])
    return {k: tuple(cls.value for cls in classes) for k, classes in zip(runs, found, strict=True)}


def passage_classes(text: str) -> tuple[str, ...]:
    """The classes of a passage only one version has: the facts it adds or removes."""
    return tuple(cls.value for cls in engine_passage_classes(text))


def class_spans(text: str, classes: tuple[str, ...]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where in `text` (a changed run, or a passage only one version has) the things of
    `classes` are, as (start, end, classes) in order and apart, for formats to emphasise: the
    numbers of a run with "number", its dates with "date", its modal words with "modal"... A class
    this cannot place in the text alone (a name's mention elsewhere, punctuation, a quotation
    whose marks are outside the run) covers the whole text."""
    if not classes:
        return []
    placed: list[tuple[int, int, str]] = []
    everywhere: list[str] = []
    for name in classes:
        spans = _places(name, text)
        if spans:
            placed.extend((start, end, name) for start, end in spans)
        else:
            everywhere.append(name)
    cuts = sorted({0, len(text), *(s for s, _, _ in placed), *(e for _, e, _ in placed)})
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end in pairwise(cuts):
        here = _ordered([*everywhere, *(name for s, e, name in placed if s < end and start < e)])
        if not here:
            continue
        if out and out[-1][1] == start and out[-1][2] == here:
            out[-1] = (out[-1][0], end, here)
        else:
            out.append((start, end, here))
    return out


def _ordered(names: list[str]) -> tuple[str, ...]:
    return tuple(cls.value for cls in in_order(ChangeClass(name) for name in names))


def _places(name: str, text: str) -> list[tuple[int, int]]:
    """Where the text alone shows the things of class `name` (maybe nowhere)."""
    numbers = [(t.start, t.end) for t in tokenize(text) if is_numeric(t.text)] if name in FIGURES else []
    if name == NUMBER:
        return numbers
    info = class_items.Text(text)
    if name == MONEY:
        return [(i.start, i.end) for i in class_items.amounts(info)] + numbers
    if name == DATE:
        return [(i.start, i.end) for i in class_items.dates(info)] + numbers
    if name == ChangeClass.NEGATION:
        return [(i.start, i.end) for i in class_items.negations(info)]
    if name == ChangeClass.MODAL:
        return [(i.start, i.end) for i in class_items.modals(info)]
    if name == ChangeClass.QUOTE:
        return [(i.start, i.end) for i in class_items.quotations(info)]
    if name == ChangeClass.ENTITY:
        return [(at, at + len(word)) for at, word in class_names.capitalised_words(text, 0, len(text))]
    return []  # typography, punctuation: the whole run


def figure(classes: tuple[str, ...]) -> str | None:
    """What a comment calls the changed figure of a run with `classes` ("number", "amount",
    "date"), or None when it has none."""
    return next((FIGURES[name] for name in ORDER if name in classes and name in FIGURES), None)


def label(name: str) -> str:
    return _LABELS.get(name, f"Changes involving {name.replace('_', ' ')}")
