"""The sections of the help screen, and every key binding of the review app sorted into them.

A binding is declared next to its action, on the widget that owns it (the comparison screen,
its review keys, the panes' scrolling keys), with an id (so that a keymap can remap it) and its
section as the binding's group. The help screen, the command palette and the keymap check all
read the bindings from there, so a new key is one Binding and one action in one module.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

NAVIGATION = Binding.Group("Moving between differences")
SCROLLING = Binding.Group("Scrolling")
VIEW = Binding.Group("View")
SEARCH = Binding.Group("Search")
REVIEW = Binding.Group("Review")
GENERAL = Binding.Group("General")

# The order of the help screen.
SECTIONS = (NAVIGATION, SCROLLING, VIEW, SEARCH, REVIEW, GENERAL)


def by_section(bindings: Iterable[BindingType]) -> list[tuple[str, Binding]]:
    """(section title, binding) of every binding that has a section, sections in help order,
    bindings in the order they were declared."""
    sectioned = [b for b in bindings if isinstance(b, Binding) and b.group in SECTIONS]
    return [(section.description, b) for section in SECTIONS for b in sectioned if b.group is section]
