"""Whether this process may fork a second one to share its work (tui.engine.helper_process,
tui.engine.alignment_json): the one place for that policy.

Forking needs os.fork, more than one core (with one, the two processes would only take turns)
and no other thread in this process: a forked copy of a process with threads may inherit a lock
that another thread held, and wait for it forever. The app has threads once Textual runs, so it
never forks then.
"""

from __future__ import annotations

import os
import threading


def may_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
