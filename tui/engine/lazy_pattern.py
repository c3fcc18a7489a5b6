"""Regular expressions compiled when first used, not when their module is imported."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A regular expression compiled on first use: the long date, amount and quotation forms are
    needed only by passages that have a date, an amount or a quotation, and compiling them all
    would cost every `diptych --json` milliseconds at start."""

    def __init__(self, pattern: str, flags: int = 0):
        self._pattern, self._flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str) -> Any:
        """Called only for what the instance does not have yet: the compiled pattern's method
        is kept, so that its next use is an ordinary attribute (no call of this method)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        found = getattr(self._compiled, name)
        setattr(self, name, found)
        return found
