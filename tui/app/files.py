"""Inputs that change on disk while the app shows them.

What was read is remembered as (size, mtime, device, inode); the app polls os.stat and reports a
change only when two polls in a row agree on the new state, so a file still being written is not
reported half-way. Nothing is ever reloaded without the user asking (ctrl+r). Standard input
("-") is never watched. Pure Python (no Textual): tested directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from tui.engine.safe_text import for_terminal

Signature = tuple[object, ...]


def file_signature(path: str) -> Signature:
    """What identifies the version of a file on disk; a missing/unreadable one has its own."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return ("unavailable", exc.errno)
    return (st.st_size, st.st_mtime_ns, st.st_dev, st.st_ino)


class FileWatch:
    def __init__(self, *paths: str) -> None:
        self.paths = tuple(dict.fromkeys(p for p in paths if p != "-"))
        self.seen: dict[str, Signature] = {path: file_signature(path) for path in self.paths}
        self._pending: dict[str, Signature] = {}  # a new state seen once, waiting for agreement
        self.changed: list[str] = []  # paths whose change two polls agreed on, in poll order

    def poll(self) -> bool:
        """Stat every input once; True when the list of changed files changed."""
        before = list(self.changed)
        for path in self.paths:
            signature = file_signature(path)
            if signature == self.seen[path]:
                self._pending.pop(path, None)
                if path in self.changed:  # changed back (e.g. an editor's undo and save)
                    self.changed.remove(path)
                continue
            if self._pending.get(path) == signature:
                if path not in self.changed:
                    self.changed.append(path)
            else:
                self._pending[path] = signature
        return self.changed != before

    def modified_now(self) -> list[str]:
        """Inputs that differ from what was read, without waiting for a second poll (ctrl+r)."""
        return [
            path for path in self.paths if path in self.changed or file_signature(path) != self.seen[path]
        ]

    def mark_read(self, path: str, signature: Signature) -> None:
        """`path` was read again when it had `signature` (taken before reading)."""
        if path in self.seen:
            self.seen[path] = signature
            self._pending.pop(path, None)
            if path in self.changed:
                self.changed.remove(path)


def changed_message(paths: Iterable[str]) -> str:
    names = [os.path.basename(path) or path for path in paths]
    if not names:
        return ""
    # for_terminal: file names may hold control characters.
    return f"{for_terminal(' and '.join(names))} changed on disk — press ctrl+r to reload"
