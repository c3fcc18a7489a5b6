"""Text every redline format shares: the summary's lines, the changed numbers, notes, how a run's
whitespace is written, and document text made safe to show."""

from __future__ import annotations

import re
import time
from typing import NamedTuple

from tui.engine.reading import shown_name
from tui.engine.safe_text import for_report
from tui.redline.classes import figure
from tui.redline.model import REJECTED, Note, Redline

_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
# Not allowed in XML 1.0 even as references (controls are made visible by for_report).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def flowed(text: str, preformatted: bool) -> str:
    """A passage's text as a paragraph shows it: hard-wrapped lines joined, unless preformatted
    (code, verse), whose lines stay lines."""
    return text if preformatted else _LINE_BREAK.sub(" ", text)


def safe_text(text: str) -> str:
    """Document text that a reader sees as it is and XML can hold: control characters (escape
    sequences on a terminal) and invisible bidirectional overrides (which reorder what a reader
    sees) become visible stand-ins, as in the review reports; then it is escaped per format."""
    return _NOT_XML.sub(lambda m: f"[U+{ord(m.group()):04X}]", for_report(text))


def title(redline: Redline) -> str:
    return f"Redline: {shown_name(redline.left.path)} → {shown_name(redline.right.path)}"


def generated_line(redline: Redline) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(redline.generated))
    return f"Made by diptych on {when}."


def summary_lines(redline: Redline) -> list[str]:
    """The summary as lines of plain text (a Word comment, a CriticMarkup comment)."""
    lines = [
        title(redline),
        f"Older version: {shown_name(redline.left.path)}; newer version: {shown_name(redline.right.path)}.",
        generated_line(redline),
    ]
    lines += [f"{name}: {value}" for name, value in redline.summary.rows()]
    lines.append("Accepting every change gives the newer version, rejecting every change the older one.")
    return lines


def note_text(note: Note) -> str:
    text = note.text or "(no note)"
    return f"⚑ Flagged. {text}" if note.flagged else text


class ChangedFigure(NamedTuple):
    """A word change of a number, an amount or a date: its first and last runs (as (paragraph,
    run) positions), what it was and what it became, and what a comment calls it."""

    start: tuple[int, int]
    end: tuple[int, int]
    old: str
    new: str
    kind: str  # "number", "amount", "date" (see classes.figure)


def changed_numbers(redline: Redline) -> list[ChangedFigure]:
    """Each word change involving a number, an amount of money or a date (the engine's change
    classes), with the runs of its figures."""
    found: dict[tuple[int, bool], tuple[list[tuple[int, int]], list[str], list[str], list[str]]] = {}
    for p, paragraph in enumerate(redline.paragraphs):
        for r, run in enumerate(paragraph.runs):
            kind = figure(run.classes)
            if run.change is None or kind is None:
                continue
            # Moved text's deleted words stay in its older place, its inserted ones go: two places.
            place = run.move is not None and run.role in REJECTED
            positions, old, new, kinds = found.setdefault((run.change, place), ([], [], [], []))
            positions.append((p, r))
            kinds.append(kind)
            (old if run.role in REJECTED else new).append(run.text)
    return [
        ChangedFigure(positions[0], positions[-1], ", ".join(old), ", ".join(new), _first_kind(kinds))
        for positions, old, new, kinds in found.values()
    ]


def _first_kind(kinds: list[str]) -> str:
    """What to call a change whose runs are figures of several kinds: the most specific."""
    return next((kind for kind in ("amount", "date") if kind in kinds), "number")
