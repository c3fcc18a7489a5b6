"""Pausing Python's cyclic garbage collector around work that allocates a lot and makes no cycles.

Aligning, laying out and encoding a large pair create millions of small objects (passages,
tuples, strings) and no reference cycles: they are freed by reference counting alone. The cyclic
collector's passes, triggered by those allocations, would only walk the growing heap again and
again (a quarter of the alignment's time on a 2.7 MB pair). The collector is process-wide, so it
is paused only for as long as the work takes, and turned back on only if it was on before (a
pause inside a pause, or in a process that runs without it, leaves it as it was).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the `with` block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
