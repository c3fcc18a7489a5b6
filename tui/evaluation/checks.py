"""Consistency of hand-labelled gold files, beyond what loading them checks (line ranges, units):

- every link touches the labelled window, and no unit is both linked strongly and left unpaired;
- a note on every hard judgement: every strong link between units that are not equal (after
  folding whitespace and typography), every weak link, every unpaired entry;
- no look-alike left silent: a unit of the window with no entry, whose words are half the same as
  a unit anywhere on the other side (inside the window or not: a counterpart may have moved out of
  it), must be linked or listed as unpaired with a note — so that every near candidate was looked
  at by a reader. (The similarity only asks the question; the answer in the file comes from
  reading both texts.)

`python -m tui.evaluation.checks` prints the problems of every gold file.
"""

from __future__ import annotations

import sys
from difflib import SequenceMatcher

from tui.engine.normalize import equality_key
from tui.evaluation.labelled import DATA, GOLD_DIR, Labelled, Lines, load

LOOKALIKE = 0.5  # word-sequence similarity at which an unlabelled unit must be looked at


def _text(lines: Lines, u: int) -> str:
    start, end = lines.spans[u]
    return lines.text[start:end]


def _words(lines: Lines, u: int) -> list[str]:
    return equality_key(_text(lines, u), True).casefold().split()


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
            and equality_key(_text(case.left, e.left[0]), True)
            == equality_key(_text(case.right, e.right[0]), True)
        )
        if not plain and not e.note.strip():
            out.append(f"{what}: a judgement without a note")
    return out


def lookalike_problems(case: Labelled) -> list[str]:
    window_left, window_right = _in_window(case)
    seen_left = {u for e in case.entries for u in e.left}
    seen_right = {v for e in case.entries for v in e.right}
    left_words = {u: _words(case.left, u) for u in range(len(case.left.spans))}
    right_words = {v: _words(case.right, v) for v in range(len(case.right.spans))}
    out: list[str] = []
    matcher = SequenceMatcher(autojunk=False)
    for window, mine, theirs, seen, lines, other_lines, side in (
        (window_left, left_words, right_words, seen_left, case.left, case.right, "left"),
        (window_right, right_words, left_words, seen_right, case.right, case.left, "right"),
    ):
        for u, words in sorted(mine.items()):
            if u not in window or u in seen or not words:
                continue
            matcher.set_seq2(words)
            for v, other in theirs.items():
                matcher.set_seq1(other)
                if matcher.quick_ratio() >= LOOKALIKE and matcher.ratio() >= LOOKALIKE:
                    out.append(
                        f"{side} {_where(lines, [u])} looks like the other side's "
                        f"{_where(other_lines, [v])}: no entry"
                    )
                    break
    return out


def problems(case: Labelled) -> list[str]:
    return link_problems(case) + lookalike_problems(case)


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
