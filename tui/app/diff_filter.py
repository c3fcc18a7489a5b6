"""The session's filter of differences (issue 15): the change classes the reviewer wants to see,
a smallest size, and whether changes of typography or punctuation only are hidden. One filter
serves n / p, the fold, the status bar and the change list, so they always agree.

A difference matches when it has at least one of the chosen classes (none chosen: any
difference), is of one of the chosen kinds (changed, added, removed, moved; none chosen: any),
changed at least `min_words` words, and, with `hide_form_only`, is not a change of typography or
punctuation only. Pure Python: the facts of each difference come from
diff_facts.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from tui.engine.classes import ChangeClass

# The size steps a reviewer can choose, in words changed (0: any size).
SIZE_STEPS = (0, 3, 10, 30)
# The kinds of difference, in the words of the report ("Added", "Removed"...).
CHANGED, ADDED, REMOVED, MOVED = "changed", "added", "removed", "moved"
KINDS = (CHANGED, ADDED, REMOVED, MOVED)


@dataclass(frozen=True, slots=True)
class DiffFacts:
    """What a filter needs to know of one difference."""

    classes: frozenset[str]  # ChangeClass values
    size: int  # words deleted + inserted (a pair), or the words of a one-sided or moved passage
    form_only: bool  # every changed run is typographic or punctuation only
    kinds: frozenset[str] = frozenset()  # of KINDS: a passage moved and changed is both


@dataclass(frozen=True, slots=True)
class DiffFilter:
    classes: frozenset[str] = frozenset()  # ChangeClass values; empty: every class
    min_words: int = 0
    hide_form_only: bool = False
    kinds: frozenset[str] = frozenset()  # of KINDS; empty: every kind

    @property
    def active(self) -> bool:
        return bool(self.classes) or bool(self.kinds) or self.min_words > 0 or self.hide_form_only

    def matches(self, facts: DiffFacts) -> bool:
        if self.classes and not self.classes & facts.classes:
            return False
        if self.kinds and not self.kinds & facts.kinds:
            return False
        if facts.size < self.min_words:
            return False
        return not (self.hide_form_only and facts.form_only)

    def toggle_class(self, cls: str) -> DiffFilter:
        return replace(self, classes=self.classes ^ {ChangeClass(cls).value})

    def toggle_kind(self, kind: str) -> DiffFilter:
        if kind not in KINDS:
            raise ValueError(f"not a kind of difference: {kind!r}")
        return replace(self, kinds=self.kinds ^ {kind})

    def with_min_words(self, words: int) -> DiffFilter:
        return replace(self, min_words=words)

    def toggle_form_only(self) -> DiffFilter:
        return replace(self, hide_form_only=not self.hide_form_only)

    def describe(self) -> str:
        """The filter in a few words for the status bar and the change list's title: "number
        money, added removed, ≥3 words, no typography" (empty when the filter is off)."""
        classes = " ".join(cls.value for cls in ChangeClass if cls.value in self.classes)
        kinds = " ".join(kind for kind in KINDS if kind in self.kinds)
        parts = [words for words in (classes, kinds) if words]
        if self.min_words:
            parts.append(f"≥{self.min_words} words")
        if self.hide_form_only:
            parts.append("no typography")
        return ", ".join(parts)


def matching_blocks(facts: Mapping[int, DiffFacts], chosen: DiffFilter) -> frozenset[int]:
    """The differences (block indices) that `chosen` keeps."""
    return frozenset(block for block, fact in facts.items() if chosen.matches(fact))
