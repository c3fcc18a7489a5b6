"""The timeline of many versions (`diptych V1 … VN`, `diptych DIR`, `--git-history PATH`): which
two versions the panes compare, and how the pair moves through time.

Textual-free, so the rules can be tested directly: tui/app/timeline_app.py turns keys into these
moves and shows the pair's alignment. The History (tui/engine/history.py) aligns each step once,
on demand; `amount` reads a step's size of change only once it is aligned, so the timeline bar
can be drawn while the steps are aligned in the background.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tui.engine.history import History
from tui.engine.model import Alignment, AlignOptions
from tui.engine.versions import Version, VersionList


@dataclass(frozen=True, slots=True)
class Move:
    """Where a key takes the pair: the new pair, or None and why not."""

    pair: tuple[int, int] | None
    reason: str = ""


class Timeline:
    """Versions 1..count (oldest first) and the pair on screen: `left` older than `right`."""

    def __init__(self, history: History, versions: VersionList, source: str = "") -> None:
        if history.count != len(versions.versions):
            raise ValueError("one entry per version of the history")
        self.history = history
        self.versions = versions
        # What the versions are, for the header: "folder snapshots/, in name order", "git log of
        # story.md"; empty for files named one by one.
        self.source = source
        self.left, self.right = history.count - 1, history.count  # the last two, by default
        self.before_first_last: tuple[int, int] | None = None  # the pair `a` left, to go back to
        self._amounts: dict[int, int] = {}
        self._lock = threading.Lock()  # amounts are filled in by the background worker

    @property
    def count(self) -> int:
        return self.history.count

    @property
    def pair(self) -> tuple[int, int]:
        return self.left, self.right

    @property
    def is_step(self) -> bool:
        return self.right == self.left + 1

    def version(self, number: int) -> Version:
        return self.versions.versions[number - 1]

    def alignment(self) -> Alignment:
        """The pair's alignment (aligned now unless done before: call it off the UI thread for
        large documents)."""
        return self.history.pair(self.left, self.right)

    def aligned(self) -> Alignment | None:
        """The pair's alignment if it is a step aligned already (without waiting)."""
        return self.history.aligned(self.left) if self.is_step else None

    def set_pair(self, left: int, right: int) -> None:
        for number in (left, right):
            if not 1 <= number <= self.count:
                raise IndexError(f"version {number} is not between 1 and {self.count}")
        if left == right:
            raise ValueError("a pair is two different versions")
        self.left, self.right = min(left, right), max(left, right)

    def set_options(self, options: AlignOptions) -> None:
        """Units or threshold changed: every step is aligned again (lazily, as before)."""
        if options == self.history.options:
            return
        documents = [self.history.document(v) for v in range(1, self.count + 1)]
        self.history = History(documents, options)
        with self._lock:
            self._amounts.clear()

    # -- moves -----------------------------------------------------------------------------------

    def next_step(self) -> Move:
        """The step after this one; from a wider pair, the last step inside it."""
        if not self.is_step:
            return Move((self.right - 1, self.right))
        if self.right == self.count:
            return Move(None, f"v{self.right} is the newest version: there is no later step.")
        return Move((self.right, self.right + 1))

    def prev_step(self) -> Move:
        """The step before this one; from a wider pair, the first step inside it."""
        if not self.is_step:
            return Move((self.left, self.left + 1))
        if self.left == 1:
            return Move(None, "v1 is the oldest version: there is no earlier step.")
        return Move((self.left - 1, self.left))

    def first_last(self) -> Move:
        """First against last; from there, back to the pair compared before."""
        if self.pair == (1, self.count):
            back = self.before_first_last
            if back is None or back == self.pair:
                return Move(None, f"Already comparing the first version with the last (v1 → v{self.count}).")
            return Move(back)
        return Move((1, self.count))

    # -- amounts of change -------------------------------------------------------------------------

    def amount(self, step: int) -> int | None:
        """How many differences step `step` has (None: not aligned yet)."""
        with self._lock:
            if step in self._amounts:
                return self._amounts[step]
        alignment = self.history.aligned(step)
        if alignment is None:
            return None
        found = sum(1 for block in alignment.blocks if block.is_difference)
        with self._lock:
            self._amounts[step] = found
        return found

    def steps_aligned(self) -> int:
        return sum(1 for step in range(1, self.count) if self.history.aligned(step) is not None)

    def background_order(self) -> list[int]:
        """The steps in the order the background aligns them: nearest to the pair first (the
        ones the user is likeliest to step to), then outwards."""
        here = self.left
        return sorted(range(1, self.count), key=lambda step: (abs(step - here), -step))
