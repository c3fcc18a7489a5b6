"""Change classes of the redline's word changes: the one hook between the redline and the
engine's notion of what a change is about.

Today the engine flags a word change as `numeric` (a number, in digits or words, changed), so a
run has the class "number" or none. When the engine gives each word run its classes (date,
money, modal, negation, ...), `run_classes` and `passage_classes` return them instead; every
format already shows the classes it knows (numbers emphasised) and counts all of them in the
summary, labelled by `label`.
"""

from __future__ import annotations

from tui.engine.tokens import is_numeric, tokenize
from tui.engine.worddiff import WordOp

NUMBER = "number"

# How the summary names a class: "Changes involving a number".
_LABELS = {NUMBER: "a number"}


def run_classes(op: WordOp) -> tuple[str, ...]:
    """The classes of a changed word run of a pair."""
    return (NUMBER,) if op.numeric else ()


def passage_classes(text: str) -> tuple[str, ...]:
    """The classes of a passage only one version has (every number in it changed)."""
    return (NUMBER,) if any(is_numeric(token.text) for token in tokenize(text)) else ()


def class_spans(text: str, classes: tuple[str, ...]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where in `text` (a changed run, or a passage only one version has) the things of
    `classes` are, as (start, end, classes), for formats to emphasise: the numbers of a run with
    "number". A class this cannot place covers the whole text."""
    if not classes:
        return []
    if classes != (NUMBER,):
        return [(0, len(text), classes)]
    return [(token.start, token.end, classes) for token in tokenize(text) if is_numeric(token.text)]


def label(name: str) -> str:
    return f"Changes involving {_LABELS.get(name, name.replace('_', ' '))}"
