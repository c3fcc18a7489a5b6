"""The sections of the help screen, in its order. Each module that acts on keys declares its own
Bindings as `KEYS`, (section, Binding) pairs beside its actions; keys.py collects them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

NAVIGATION = "Moving between differences"
SCROLLING = "Scrolling"
VIEW = "View"
SEARCH = "Search"
REVIEW = "Review"
TIMELINE = "Many versions (diptych V1 V2 V3…, a folder, --git-history)"
GENERAL = "General"

SECTIONS = (NAVIGATION, SCROLLING, VIEW, SEARCH, REVIEW, TIMELINE, GENERAL)

Keys = list[tuple[str, Binding]]


def in_help_order(*modules_keys: Keys) -> Keys:
    """The modules' keys section by section, each module's in its own order. It is also the
    order Textual tries bindings in when a keymap gives two the same key (keymap.conflicts)."""
    found: Iterable[tuple[str, Binding]] = (pair for keys in modules_keys for pair in keys)
    return sorted(found, key=lambda pair: SECTIONS.index(pair[0]))
