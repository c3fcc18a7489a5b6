"""The model of a history's change log (`diptych --report markdown|html|json V1 … VN`, or DIR),
built here; tui/review/changelog.py renders it.

For each step (version k → k+1) the differences a reader wants to check, changed numbers first:
every difference whose change classes (tui/engine/classes.py, as `--json` writes them) say it
changes, adds or removes a number, an amount or a date, in digits or in words ("nine" → "eight",
"$5m" → "$6m", "Tuesday" → "Wednesday"), then the other changed passages, the added ones, the
removed ones and those moved with their text unchanged; within each, the most significant first
(tui/engine/significance.py: a number, an amount, a date, a negation, ...). An item's `numbers`
are the runs of those classes (a long run by its numbers, amounts and dates alone), or the
numbers, amounts and dates of an added or removed passage.
Each difference is the review report's `Item` (tui/review/report_model.py: both texts, changed
words, changed numbers, classes) without review marks; the renderers (changelog_markdown.py,
changelog_html.py, changelog_json.py) import this module and reuse the review report's escaping and styles.
Versions are read one at a time, as for `--json`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from tui import __version__
from tui.engine import classes
from tui.engine.compare import align_documents, compute_stats
from tui.engine.model import Alignment, AlignOptions, BlockKind, Document, Stats
from tui.engine.pair_diffs import pair_diffs
from tui.engine.reading import read_document
from tui.engine.versions import Version, VersionList, read_versions
from tui.review.report_model import SHORT_RUN_WORDS, Item, build_report, number_excerpt

# The sections of a step, in the order they are shown, with their titles.
SECTIONS = {
    "numbers": "Changed numbers",
    "changed": "Changed",
    "added": "Added",
    "removed": "Removed",
    "moved": "Moved (text unchanged)",
}


QUANTITY_CLASSES = frozenset(str(cls) for cls in classes.QUANTITY_CLASSES)


def section_of(item: Item) -> str:
    if QUANTITY_CLASSES.intersection(item.classes):
        return "numbers"
    if item.kind == BlockKind.RIGHT_ONLY:
        return "added"
    if item.kind == BlockKind.LEFT_ONLY:
        return "removed"
    if item.kind == BlockKind.EQUAL:
        return "moved"
    return "changed"


@dataclass(frozen=True, slots=True)
class StepLog:
    step: int  # from version `step` to `step + 1`
    older: Version
    newer: Version
    stats: Stats
    sections: tuple[tuple[str, tuple[Item, ...]], ...]  # (key of SECTIONS, items), none empty

    @property
    def numbers(self) -> tuple[tuple[str, str], ...]:
        """Every (old, new) changed number of the step, in reading order."""
        return tuple(pair for key, items in self.sections if key == "numbers" for item in items
                     for pair in item.numbers)


@dataclass(frozen=True, slots=True)
class ChangeLog:
    versions: tuple[Version, ...]
    skipped: tuple[tuple[str, str], ...]  # (path, reason): entries of a folder not taken
    folder: str | None
    options: AlignOptions
    steps: tuple[StepLog, ...]
    generated: float  # seconds since the epoch
    version: str = __version__

    @property
    def title(self) -> str:
        if self.folder is not None:
            return f"{self.folder} ({len(self.versions)} versions)"
        return f"{self.versions[0].path} → {self.versions[-1].path} ({len(self.versions)} versions)"


def where(item: Item, step: int) -> str:
    """"v1 line 7 → v2 line 8", or the one side of an added or removed passage."""
    sides = [f"v{v} {side.lines}" for v, side in ((step, item.left), (step + 1, item.right)) if side]
    return " → ".join(sides)


# Changed numbers named in a step's line of a summary; the step's own section has them all.
SUMMARY_NUMBERS = 3


def numbers_in_short(step: StepLog) -> str:
    """"nine → eight; 63 → 70", the first few changed numbers of a step (as plain text)."""
    pairs = [
        f"{number_excerpt(old) or '(none)'} → {number_excerpt(new) or '(none)'}" for old, new in step.numbers
    ]
    more = len(pairs) - SUMMARY_NUMBERS
    return "; ".join(pairs[:SUMMARY_NUMBERS]) + (f"; … (+{more})" if more > 0 else "")


def compared_how(options: AlignOptions) -> str:
    how = "ignored" if options.normalize else "counted"
    threshold = f"similarity threshold {options.threshold:g}"
    return f"Compared by {options.unit}, {threshold}, typographic differences {how}."


def changed_quantities(item: Item, alignment: Alignment) -> tuple[tuple[str, str], ...]:
    """The (old, new) numbers, amounts and dates a difference of `alignment` (its report's `item`)
    changes, by its change classes: each run of a pair whose classes have one (the run as written
    when it is short, else the things in it: "nine" → "eight", "(none)" → "one" of a sentence
    added around "one"), or each such thing of an added or removed passage ("215" → "")."""
    if not QUANTITY_CLASSES.intersection(item.classes):
        return ()
    if item.left is None or item.right is None:
        side = item.left or item.right
        assert side is not None
        things = [side.text[start:end] for start, end in classes.quantities(side.text)]
        return tuple((thing, "") if item.left is not None else ("", thing) for thing in things)
    left, right = item.left.text, item.right.text
    runs = [op for op in item.words or () if op.tag != "equal" or op.typographic]
    found = []
    # The run classes the report was built from (the alignment's cache): not classified again.
    run_classes = pair_diffs(alignment).runs(alignment.blocks[item.block_index])
    for op, run in zip(runs, run_classes, strict=True):
        if QUANTITY_CLASSES.intersection(run):
            old, new = _named(left, op.left_start, op.left_end), _named(right, op.right_start, op.right_end)
            found.append((old, new))
    return tuple(found)


def _named(text: str, start: int, end: int) -> str:
    """A run of a change as a "Numbers changed" line names it: whole when short, else its numbers,
    amounts and dates ("" when it has none: it only made one elsewhere count)."""
    run = text[start:end]
    if len(run.split()) <= SHORT_RUN_WORDS:
        return run
    return ", ".join(text[s:e] for s, e in classes.quantities(text) if s < end and start < e)


def _step_log(step: int, older: Document, newer: Document, options: AlignOptions) -> StepLog:
    alignment = align_documents(older, newer, options)  # the report needs no sentence links
    items = [
        replace(item, numbers=changed_quantities(item, alignment))
        for item in build_report(alignment).items
    ]
    # within a section, the changes of meaning first (a number before a date before a name...),
    # ties in reading order: sorted is stable
    sections = tuple(
        (key, tuple(sorted(found, key=lambda i: i.significance)))
        for key in SECTIONS
        if (found := tuple(i for i in items if section_of(i) == key))
    )
    return StepLog(step, Version.of(older), Version.of(newer), compute_stats(alignment), sections)


def build_changelog(
    versions: VersionList,
    options: AlignOptions,
    read: Callable[[str], Document] = read_document,
    *,
    now: float | None = None,
) -> ChangeLog:
    """Raises InputError if a version is gone or changed since `gather_versions` read it."""
    documents = read_versions(versions, read)
    older = next(documents)
    steps: list[StepLog] = []
    for step, newer in enumerate(documents, start=1):
        steps.append(_step_log(step, older, newer, options))
        older = newer
    return ChangeLog(
        versions=versions.versions, skipped=versions.skipped, folder=versions.folder, options=options,
        steps=tuple(steps), generated=time.time() if now is None else now,
    )
