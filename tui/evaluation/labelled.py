"""Hand-labelled gold pairings (the seeds, real revisions) read from TOML files.

The format (every key but `left`, `right` and the links is optional):

    kind = "policy"            # "seeds", or the kind of real revision: news, policy, licence,
                               # book, docs, tutorial
    base = "data"              # where relative `left`/`right` paths start: "repo" (default),
                               # "data" (tui/evaluation/data/texts), "corpus" (../shared/corpus),
                               # "licenses" (/usr/share/common-licenses)
    left = "tos/2017.md"
    right = "tos/2020.md"
    units = "blocks"           # how lines make units, both sides: "lines" (each non-blank line,
                               # the default) or "blocks" (runs of non-blank lines);
                               # left_units / right_units set one side
    left_cuts = [14, 15]       # a unit starts at these lines although no blank line precedes
                               # them (list items, a heading directly above its text)
    left_joins = [[40, 52]]    # these lines are one unit although blank lines cut them (a code
                               # block, a table)
    left_window = [1, 120]     # a labelled section [first, last line] of a larger pair; only
    right_window = [1, 140]    # pairs touching it are scored

    [[paragraph]]              # a strong link; a line names the unit it starts; a list on one
    left = 12                  # side is a split or merge (every combination is a strong link)
    right = [13, 15]
    note = "..."               # why, for every judgement that is not plain equality

    [[paragraph_weak]]         # defensible, not required (neither missed nor wrong); note required
    [[unpaired]]               # units left one-sided although something resembles them; note
    [[sentence]]               # left/right: a sentence's opening words (unique in the file); a
                               # list: any one of these (the sentence is repeated); a split is
                               # one entry per link. Equal sentences of strongly linked units
                               # are linked without entries (sentence_gold.py)
    [[sentence_weak]]
    [[sentence_unpaired]]      # sentences left one-sided although something resembles them

Units are given by lines, so the scoring does not depend on how diptych segments (see gold.py).
With a window, sentences are scored inside the window's units only.
A file whose texts are absent (the shared corpus, Debian's licences) loads as `Skipped`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.evaluation.gold import Gold, Links, Span
from tui.evaluation.perturb import REPO
from tui.evaluation.sentence_gold import SENTENCE_SECTIONS, SentenceGold, Sentences, build, sentence_units

DATA = Path(__file__).resolve().parent / "data"
GOLD_DIR = DATA / "gold"
CORPUS = REPO.parent / "shared" / "corpus"
BASES = {
    "repo": REPO,
    "data": DATA / "texts",
    "corpus": CORPUS,
    "licenses": Path("/usr/share/common-licenses"),
}
LINK_SECTIONS = ("paragraph", "paragraph_weak", "unpaired")


@dataclass(slots=True)
class Lines:
    """The gold units of one text, built from its lines."""

    text: str
    spans: list[Span]
    first_lines: list[int]  # the first line of each unit
    last_lines: list[int]
    of_first_line: dict[int, int]  # first line -> unit index
    line_count: int

    def unit(self, line: int, what: str) -> int:
        if line not in self.of_first_line:
            raise ValueError(f"{what}: line {line} does not start a unit")
        return self.of_first_line[line]

    def units_in(self, first: int, last: int) -> set[int]:
        return {u for u, n in enumerate(self.first_lines) if first <= n <= last}


@dataclass(slots=True)
class Entry:
    """One link or unpaired entry as written in the file, in unit indices."""

    section: str
    left: list[int]
    right: list[int]
    note: str


@dataclass(slots=True)
class Labelled:
    gold: Gold
    left: Lines
    right: Lines
    entries: list[Entry] = field(default_factory=list)
    left_sentences: Sentences | None = None
    right_sentences: Sentences | None = None
    sentences: SentenceGold | None = None  # when the file labels sentences


@dataclass(slots=True)
class Skipped:
    name: str
    reason: str


def _line_runs(text: str, blocks: bool) -> list[tuple[int, int]]:
    """(first, last) line numbers of each unit: each non-blank line, or each run of them (a line
    of spaces or a form feed is blank too)."""
    runs: list[tuple[int, int]] = []
    previous_blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            previous_blank = True
            continue
        if blocks and not previous_blank:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
        previous_blank = False
    return runs


def _apply_joins(runs: list[tuple[int, int]], joins: list[list[int]], what: str) -> list[tuple[int, int]]:
    for first, last in joins:
        inside = [r for r in runs if first <= r[0] and r[1] <= last]
        if not inside or inside[0][0] != first or inside[-1][1] != last:
            raise ValueError(f"{what}: join {first}-{last} does not start and end with units")
        k = runs.index(inside[0])
        runs[k : k + len(inside)] = [(first, last)]
    return runs


def _apply_cuts(runs: list[tuple[int, int]], cuts: list[int], what: str) -> list[tuple[int, int]]:
    for line in cuts:
        k = next((k for k, (a, b) in enumerate(runs) if a < line <= b), None)
        if k is None:
            raise ValueError(f"{what}: cut at line {line} is not inside a unit")
        a, b = runs[k]
        runs[k : k + 1] = [(a, line - 1), (line, b)]
    return runs


def make_lines(text: str, blocks: bool, cuts: list[int], joins: list[list[int]], what: str) -> Lines:
    runs = _apply_cuts(_apply_joins(_line_runs(text, blocks), joins, what), cuts, what)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    spans: list[Span] = []
    for first, last in runs:
        start, end = starts[first - 1], starts[last] - 1
        # Trim the unit to its text: no indentation before, no spaces after.
        chunk = text[start:end]
        spans.append((start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())))
    firsts = [a for a, _ in runs]
    return Lines(
        text, spans, firsts, [b for _, b in runs], {n: k for k, n in enumerate(firsts)}, len(starts) - 1
    )


def _as_list(value: str | int | list) -> list:
    return value if isinstance(value, list) else [value]


def _resolve(spec: dict, side: str) -> Path:
    base = BASES[spec.get("base", "repo")]
    return base / spec[side]  # an absolute path ignores the base


def _window(spec: dict, side: str, lines: Lines) -> tuple[int, int]:
    first, last = spec.get(f"{side}_window", [1, lines.line_count])
    if not 1 <= first <= last <= lines.line_count:
        raise ValueError(f"{side}_window {first}-{last} is not inside the text ({lines.line_count} lines)")
    return first, last


def _side_lines(spec: dict, side: str, text: str) -> Lines:
    blocks = spec.get(f"{side}_units", spec.get("units", "lines")) == "blocks"
    cuts = spec.get(f"{side}_cuts", [])
    joins = spec.get(f"{side}_joins", [])
    return make_lines(text, blocks, cuts, joins, side)


def load(path: Path, name: str | None = None) -> Labelled | Skipped:
    """A gold file, or Skipped with the reason when one of its texts is not on this machine."""
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    name = name or path.stem
    texts: dict[str, str] = {}
    for side in ("left", "right"):
        source = _resolve(spec, side)
        if not source.is_file():
            return Skipped(name, f"{source} is not here ({spec.get('base', 'repo')} text)")
        texts[side] = source.read_text(encoding="utf-8")
    left = _side_lines(spec, "left", texts["left"])
    right = _side_lines(spec, "right", texts["right"])

    entries = [
        Entry(
            section,
            [left.unit(n, f"{section} left") for n in _as_list(item.get("left", []))],
            [right.unit(n, f"{section} right") for n in _as_list(item.get("right", []))],
            item.get("note", ""),
        )
        for section in LINK_SECTIONS
        for item in spec.get(section, [])
    ]
    links = Links()
    for entry in entries:
        combos = {(i, j) for i in entry.left for j in entry.right}
        if entry.section == "paragraph":
            links.strong |= combos
        elif entry.section == "paragraph_weak":
            links.weak |= combos

    lsent = sentence_units(left.text, left.spans)
    rsent = sentence_units(right.text, right.spans)
    sentences = (
        build(spec, (left.text, right.text), (lsent, rsent), links.strong)
        if any(spec.get(section) for section in SENTENCE_SECTIONS)
        else None
    )

    gold = Gold(
        name,
        left.text,
        right.text,
        left.spans,
        right.spans,
        links,
        lsent.spans,
        rsent.spans,
        sentences.links if sentences else None,
        spec.get("kind", "real"),
    )
    if "left_window" in spec or "right_window" in spec:
        gold.windows = (
            left.units_in(*_window(spec, "left", left)),
            right.units_in(*_window(spec, "right", right)),
        )
        gold.sentence_windows = (lsent.in_units(gold.windows[0]), rsent.in_units(gold.windows[1]))
    return Labelled(gold, left, right, entries, lsent, rsent, sentences)


def seeds_gold() -> Gold | None:
    loaded = load(DATA / "seeds_gold.toml", "seeds")
    return loaded.gold if isinstance(loaded, Labelled) else None


def real_cases() -> list[Labelled | Skipped]:
    """Every hand-labelled real revision in data/gold, in name order; absent texts skipped."""
    return [load(path) for path in sorted(GOLD_DIR.glob("*.toml"))]
