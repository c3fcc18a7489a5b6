"""A story's history: versions V1..VN of one document (oldest first) and the alignments between
them, for the app's timeline and passage history (and anything else that holds the versions in
memory; `diptych --json` streams through tui.engine.history_json instead).

Versions and steps are numbered from 1, as the user sees them: step k aligns version k (left)
with version k+1 (right). Every step is aligned once, when it is first asked for, so the app can
show the last step at once and align the others in the background as the user moves; any other
pair is aligned on request (a few are kept). All methods are safe to call from several threads:
two threads asking for the same step wait for one alignment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tui.engine.compare import align_documents, find_sentence_links
from tui.engine.lineage import Blame, LineageBuilder, StepLinks, Strand
from tui.engine.model import Alignment, AlignOptions, Document, Passage
from tui.engine.reading import read_document
from tui.engine.segment import segment
from tui.engine.versions import VersionList, read_versions

T = TypeVar("T")

# Pairs other than consecutive versions kept aligned (first against last, and a few more).
PAIRS_KEPT = 8


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """What one step did to a passage's lineage."""

    step: int  # from version `step` to `step + 1`
    blocks: tuple[int, ...]  # blocks of History.step(step) holding the passage on either side
    changes: tuple[str, ...]  # per block: lineage.change_of ("equal", "changed", "added"...)

    @property
    def changed(self) -> bool:
        return any(change != "equal" for change in self.changes)


@dataclass(frozen=True, slots=True)
class PassageHistory:
    """A passage of one version through the versions: its ancestors in the older versions, its
    descendants in the newer ones (through splits and merges, a version may hold several)."""

    version: int
    index: int
    first_version: int  # its oldest ancestor appeared in this version
    last_version: int  # the newest version holding a descendant
    removed_in: int | None  # the first version without any (None: still in the newest)
    passages: tuple[tuple[int, ...], ...]  # per version first..last: indices in History.units(v)
    steps: tuple[HistoryStep, ...]  # oldest first, from the step that added it to the one that
    # removed it; each step's blocks, with the words changed, are in History.step(step).blocks

    def passages_in(self, version: int) -> tuple[int, ...]:
        if not self.first_version <= version <= self.last_version:
            return ()
        return self.passages[version - self.first_version]

    @property
    def changed_in(self) -> tuple[int, ...]:
        """The versions in which it differs from the version before (text changed, moved, split,
        merged or added)."""
        return tuple(s.step + 1 for s in self.steps if s.changed and s.step + 1 <= self.last_version)


class History:
    def __init__(self, documents: Sequence[Document], options: AlignOptions | None = None):
        if len(documents) < 2:
            raise ValueError("a history needs at least two versions")
        self._documents = tuple(documents)
        self.options = options or AlignOptions()
        self._lock = threading.Lock()  # guards the three dicts below
        self._done: dict[tuple, Any] = {}  # finished work, by key: ("step", 3), ("units", 4)...
        self._working: dict[tuple, threading.Lock] = {}  # one lock per piece of work under way
        self._recent_pairs: dict[tuple[int, int], None] = {}  # pairs kept, least recently asked first

    @classmethod
    def read(
        cls,
        versions: VersionList,
        options: AlignOptions | None = None,
        read: Callable[[str], Document] = read_document,
    ) -> History:
        """The history of the versions `gather_versions` found, every one read into memory (the
        app's way; `diptych --json` reads them one at a time). Raises InputError."""
        return cls(list(read_versions(versions, read)), options)

    @property
    def count(self) -> int:
        """How many versions."""
        return len(self._documents)

    def document(self, version: int) -> Document:
        return self._documents[self._check_version(version) - 1]

    def _check_version(self, version: int) -> int:
        if not 1 <= version <= self.count:
            raise IndexError(f"version {version} is not between 1 and {self.count}")
        return version

    def _once(self, key: tuple, compute: Callable[[], T]) -> T:
        """The result of `compute`, computed once however many threads ask at the same time."""
        with self._lock:
            if key in self._done:
                return self._done[key]
            working = self._working.setdefault(key, threading.Lock())
        with working:
            with self._lock:
                if key in self._done:
                    return self._done[key]
            value = compute()
            with self._lock:
                self._done[key] = value
                self._working.pop(key, None)
            return value

    def units(self, version: int) -> list[Passage]:
        """The passages of a version (paragraphs, or sentences), segmented once."""
        self._check_version(version)
        return self._once(
            ("units", version),
            lambda: segment(self.document(version), self.options.unit, self.options.markup),
        )

    def _align(self, left: int, right: int) -> Alignment:
        units = (self.units(left), self.units(right))
        alignment = align_documents(self.document(left), self.document(right), self.options, units)
        alignment.sentence_links = find_sentence_links(alignment)
        return alignment

    def step(self, step: int) -> Alignment:
        """The alignment of versions `step` → `step + 1` (with its sentence links), aligned once."""
        if not 1 <= step < self.count:
            raise IndexError(f"step {step} is not between 1 and {self.count - 1}")
        return self._once(("step", step), lambda: self._align(step, step + 1))

    def aligned(self, step: int) -> Alignment | None:
        """The step's alignment if it is done, without waiting (for a timeline drawn while the
        steps are aligned in the background)."""
        with self._lock:
            return self._done.get(("step", step))

    def links(self, step: int) -> StepLinks:
        """The step reduced to what lineage needs (tui.engine.lineage)."""
        return self._once(("links", step), lambda: StepLinks.of(self.step(step)))

    def pair(self, left: int, right: int) -> Alignment:
        """Any two versions aligned (`left` is shown as the older): consecutive ones are a step;
        the last few others asked for are kept."""
        self._check_version(left)
        self._check_version(right)
        if right == left + 1:
            return self.step(left)
        alignment = self._once(("pair", left, right), lambda: self._align(left, right))
        with self._lock:
            self._recent_pairs.pop((left, right), None)
            self._recent_pairs[(left, right)] = None
            while len(self._recent_pairs) > PAIRS_KEPT:
                oldest = next(iter(self._recent_pairs))
                del self._recent_pairs[oldest]
                self._done.pop(("pair", *oldest), None)
        return alignment

    def passage_history(self, version: int, index: int) -> PassageHistory:
        """The lineage of passage `index` of `version` (aligns every step it needs)."""
        self._check_version(version)
        if not 0 <= index < len(self.units(version)):
            raise IndexError(f"version {version} has no passage {index}")
        first, older, steps_back = self._follow(version, index, towards_newer=False)
        last, newer, steps_on = self._follow(version, index, towards_newer=True)
        by_version = {**older, version: (index,), **newer}
        return PassageHistory(
            version=version,
            index=index,
            first_version=first,
            last_version=last,
            removed_in=last + 1 if last < self.count else None,
            passages=tuple(by_version[v] for v in range(first, last + 1)),
            steps=tuple(sorted(steps_back + steps_on, key=lambda s: s.step)),
        )

    def _follow(
        self, version: int, index: int, towards_newer: bool
    ) -> tuple[int, dict[int, tuple[int, ...]], list[HistoryStep]]:
        """From passage `index` of `version`, step by step to its partners in older (or newer)
        versions while it has any: the farthest version reached, the passages in each version
        on the way, and the steps taken (the last one removed or added it, unless it reached
        the first or the newest version)."""
        reached, current = version, (index,)
        found: dict[int, tuple[int, ...]] = {}
        steps: list[HistoryStep] = []
        for step in range(version, self.count) if towards_newer else range(version - 1, 0, -1):
            links = self.links(step)
            if towards_newer:
                blocks = sorted({links.block_of_left[i] for i in current})
                current = tuple(sorted(i for b in blocks for i in links.right[b]))
            else:
                blocks = sorted({links.block_of_right[i] for i in current})
                current = tuple(sorted(i for b in blocks for i in links.left[b]))
            steps.append(_history_step(step, blocks, links))
            if not current:
                break
            reached = step + 1 if towards_newer else step
            found[reached] = current
        return reached, found, steps

    def _lineage(self, versions: int) -> LineageBuilder:
        """The lineage of versions 1..`versions` (blame and strands of the newest share one)."""

        def build() -> LineageBuilder:
            builder = LineageBuilder(self.units(1))
            for step in range(1, versions):
                builder.add_step(self.step(step))
            return builder

        return self._once(("lineage", versions), build)

    def blame(self, version: int | None = None) -> list[Blame]:
        """Each passage of `version` (default: the newest): the version that introduced it, of
        its last change and last move, and of each of its words (aligns the steps before it)."""
        version = self.count if version is None else self._check_version(version)
        return self._once(("blame", version), lambda: self._lineage(version).blame())

    def strands(self) -> list[Strand]:
        """The lineage of the whole history, as `diptych --json` prints it (aligns every step)."""
        return self._once(("strands",), lambda: self._lineage(self.count).strands())


def _history_step(step: int, blocks: list[int], links: StepLinks) -> HistoryStep:
    return HistoryStep(step, tuple(blocks), tuple(links.changes[b] for b in blocks))
