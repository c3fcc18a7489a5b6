"""Consistency of hand-labelled gold files, beyond what loading them checks (line ranges, units):

- every link touches the labelled window, and no unit is both linked strongly and left unpaired;
- a note on every hard judgement: every strong link between units that are not equal (after
  folding whitespace and typography), every weak link, every unpaired entry;
- no look-alike left silent: a unit of the window with no entry, whose words are half the same as
  a unit anywhere on the other side (inside the window or not: a counterpart may have moved out of
  it), must be linked or listed as unpaired with a note — so that every near candidate was looked
  at by a reader. (The similarity only asks the question; the answer in the file comes from
  reading both texts.)
- where sentences are labelled, the same at sentence level: a note on every sentence judgement,
  and every sentence of the window that lies in a strongly linked unit, or looks like a sentence
  on the other side, is linked (by an entry, or as an equal sentence of linked units) or listed
  as unpaired.

`python -m tui.evaluation.checks` prints the problems of every gold file.
"""

from __future__ import annotations

import sys
from difflib import SequenceMatcher

from tui.engine.normalize import equality_key
from tui.evaluation.labelled import DATA, GOLD_DIR, Labelled, Lines, load
from tui.evaluation.sentence_gold import Sentences, plain_key

LOOKALIKE = 0.5  # word-sequence similarity at which an unlabelled unit must be looked at


def _text(lines: Lines, u: int) -> str:
    start, end = lines.spans[u]
    return lines.text[start:end]


def _words(text: str) -> list[str]:
    return equality_key(text, True).casefold().split()


def _in_window(case: Labelled) -> tuple[set[int], set[int]]:
    gold = case.gold
    if gold.windows is not None:
        return gold.windows
    return set(range(len(gold.left_units))), set(range(len(gold.right_units)))


def _where(lines: Lines, units: list[int]) -> str:
    return f"line {lines.first_lines[units[0]]}" if units else "-"


def link_problems(case: Labelled) -> list[str]:
    out: list[str] = []
    window_left, window_right = _in_window(case)
    strong_left = {u for e in case.entries if e.section == "paragraph" for u in e.left}
    strong_right = {v for e in case.entries if e.section == "paragraph" for v in e.right}
    for e in case.entries:
        what = f"{e.section} at left {_where(case.left, e.left)}, right {_where(case.right, e.right)}"
        if e.section != "unpaired":
            if not (e.left and e.right):
                out.append(f"{what}: a link needs units on both sides")
            elif not (set(e.left) & window_left or set(e.right) & window_right):
                out.append(f"{what}: outside the labelled window")
        if e.section == "unpaired" and (set(e.left) & strong_left or set(e.right) & strong_right):
            out.append(f"{what}: a unit both linked and unpaired")
        plain = (
            e.section == "paragraph"
            and len(e.left) == len(e.right) == 1
            and plain_key(_text(case.left, e.left[0])) == plain_key(_text(case.right, e.right[0]))
        )
        if not plain and not e.note.strip():
            out.append(f"{what}: a judgement without a note")
    return out


def lookalike_problems(case: Labelled) -> list[str]:
    window_left, window_right = _in_window(case)
    seen_left = {u for e in case.entries for u in e.left}
    seen_right = {v for e in case.entries for v in e.right}
    left_words = {u: _words(_text(case.left, u)) for u in range(len(case.left.spans))}
    right_words = {v: _words(_text(case.right, v)) for v in range(len(case.right.spans))}
    out: list[str] = []
    for window, mine, theirs, seen, lines, other_lines, side in (
        (window_left, left_words, right_words, seen_left, case.left, case.right, "left"),
        (window_right, right_words, left_words, seen_right, case.right, case.left, "right"),
    ):
        for u in sorted(window - seen):
            v = _lookalike(mine[u], theirs)
            if v is not None:
                where, theirs_where = _where(lines, [u]), _where(other_lines, [v])
                out.append(f"{side} {where} looks like the other side's {theirs_where}: no entry")
    return out


def _lookalike(words: list[str], theirs: dict[int, list[str]]) -> int | None:
    """The first of the other side's units (or sentences) whose words are half the same, if any."""
    if not words:
        return None
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    for v, other in theirs.items():
        matcher.set_seq1(other)
        if matcher.quick_ratio() >= LOOKALIKE and matcher.ratio() >= LOOKALIKE:
            return v
    return None


def _sentence_text(text: str, sentences: Sentences, s: int) -> str:
    start, end = sentences.spans[s]
    return text[start:end]


def _sentence_where(lines: Lines, sentences: Sentences, s: int) -> str:
    unit = sentences.unit_of[s]
    opening = " ".join(_sentence_text(lines.text, sentences, s).split()[:6])
    return f"line {lines.first_lines[unit]} ({opening!r})"


def sentence_problems(case: Labelled) -> list[str]:
    """Notes and completeness of the sentence labels, when the file has them."""
    gold = case.sentences
    if gold is None or case.left_sentences is None or case.right_sentences is None:
        return []
    texts = (case.left.text, case.right.text)
    sides = (case.left_sentences, case.right_sentences)
    lines = (case.left, case.right)
    out: list[str] = []
    strong = gold.links.strong | {link for group in gold.links.alternatives for link in group}
    for e in gold.entries:
        where = (
            f"{e.section} at left {_sentence_where(case.left, sides[0], e.left[0]) if e.left else '-'}, "
            f"right {_sentence_where(case.right, sides[1], e.right[0]) if e.right else '-'}"
        )
        plain = (
            e.section == "sentence"
            and len(e.left) == len(e.right) == 1
            and plain_key(_sentence_text(texts[0], sides[0], e.left[0]))
            == plain_key(_sentence_text(texts[1], sides[1], e.right[0]))
        )
        if not plain and not e.note.strip():
            out.append(f"{where}: a judgement without a note")
        if e.section == "sentence_unpaired" and (
            {s for s, _ in strong} & set(e.left) or {t for _, t in strong} & set(e.right)
        ):
            out.append(f"{where}: a sentence both linked and unpaired")
    window_units = _in_window(case)
    linked_units = (
        {u for e in case.entries if e.section == "paragraph" for u in e.left},
        {v for e in case.entries if e.section == "paragraph" for v in e.right},
    )
    seen = (
        {s for e in gold.entries for s in e.left} | {s for s, _ in gold.derived},
        {t for e in gold.entries for t in e.right} | {t for _, t in gold.derived},
    )
    words = [
        {s: _words(_sentence_text(texts[k], sides[k], s)) for s in range(len(sides[k].spans))} for k in (0, 1)
    ]
    for k, side in enumerate(("left", "right")):
        for s in sorted(sides[k].in_units(window_units[k]) - seen[k]):
            where = _sentence_where(lines[k], sides[k], s)
            if sides[k].unit_of[s] in linked_units[k]:
                out.append(f"{side} sentence at {where} lies in a linked unit: no entry")
                continue
            other = _lookalike(words[k][s], words[1 - k])
            if other is not None:
                out.append(
                    f"{side} sentence at {where} looks like the other side's sentence at "
                    f"{_sentence_where(lines[1 - k], sides[1 - k], other)}: no entry"
                )
    return out


def problems(case: Labelled) -> list[str]:
    return link_problems(case) + lookalike_problems(case) + sentence_problems(case)


def main() -> int:
    bad = 0
    for path in [DATA / "seeds_gold.toml", *sorted(GOLD_DIR.glob("*.toml"))]:
        case = load(path)
        if not isinstance(case, Labelled):
            print(f"{case.name}: skipped: {case.reason}")
            continue
        found = problems(case)
        bad += len(found)
        print(f"{case.gold.name}: {len(found)} problems")
        for problem in found:
            print(f"  {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
