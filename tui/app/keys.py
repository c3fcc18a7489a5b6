"""Every key binding of the review app, collected from the modules that act on them: each declares
its Bindings (with ids, so a keymap can remap them) as `KEYS` beside its actions. The help screen
(help.py), the command palette (palette.py) and the keymap (keymap.py) read this list.

To add a key: its (section, Binding) in the KEYS of the module whose action it runs, the action
there, a test in tests/app; tests/app/test_keys.py checks that the help and the palette list it.
"""

from __future__ import annotations

from textual.binding import Binding

from tui.app import (
    app,
    correction_actions,
    filter_actions,
    panes,
    review_actions,
    runner,
    search_bar,
    selection,
    timeline_app,
    view_actions,
)
from tui.app.sections import (  # noqa: F401 (the sections, for the modules that read keys.py)
    GENERAL,
    NAVIGATION,
    REVIEW,
    SCROLLING,
    SEARCH,
    SECTIONS,
    TIMELINE,
    VIEW,
    in_help_order,
)

# (section, binding) in the order of the help screen.
# The modules that declare keys (a `KEYS` table beside their actions): a test finds every such
# module of tui/app and holds it here.
KEY_MODULES = (
    selection, search_bar, panes, view_actions, filter_actions, review_actions, correction_actions,
    timeline_app, runner, app,
)
BINDINGS_BY_SECTION: list[tuple[str, Binding]] = in_help_order(*(module.KEYS for module in KEY_MODULES))

TIMELINE_BINDINGS: list[Binding] = [b for section, b in BINDINGS_BY_SECTION if section == TIMELINE]
