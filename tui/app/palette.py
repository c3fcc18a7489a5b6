"""The command palette (ctrl+p): every diptych action by name, and a choice of themes.

Textual's own system commands are left out, but for the theme: its Keys panel squeezes the view
and does not close with Esc (the help, ?, lists every key), Maximize has nothing to maximize,
Screenshot writes a file into a directory the user did not choose (diptych --screenshot does that
on purpose), and Quit is diptych's own. The themes offered are those in which every mark diptych
draws stays readable (tests/app/test_palette.py measures them): most of Textual's light themes
draw changed-pair markers in yellow on white; ansi-light and ansi-dark use the terminal's own
colours, so a light terminal has a theme too.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from operator import attrgetter

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.theme import ThemeProvider

READABLE_THEMES = (
    "textual-dark", "gruvbox", "dracula", "tokyo-night", "monokai", "rose-pine", "rose-pine-moon",
    "ansi-dark", "ansi-light",
)


class ReadableThemes(ThemeProvider):
    """Textual's theme chooser, offering only READABLE_THEMES."""

    @property
    def commands(self) -> list[tuple[str, partial[None]]]:
        themes = [t for t in self.app.available_themes.values() if t.name in READABLE_THEMES]
        return [(theme.name, partial(setattr, self.app, "theme", theme.name))
                for theme in sorted(themes, key=attrgetter("name"))]


def choose_theme(app: App[object]) -> None:
    app.push_screen(CommandPalette(providers=[ReadableThemes], placeholder="Search for themes…"))


def palette_commands(app: App[object], *widgets: DOMNode) -> Iterable[SystemCommand]:
    """What ctrl+p offers (App.get_system_commands): each action of the app, or of one of the
    `widgets` that own their keys (the panes scroll)."""
    from tui.app.keys import BINDINGS_BY_SECTION  # keys.py imports the app, which imports this

    yield SystemCommand("Theme", "Change the colours", partial(choose_theme, app))
    for _, binding in BINDINGS_BY_SECTION:
        name = f"action_{binding.action.split('(')[0]}"
        owner = next((node for node in (app, *widgets) if hasattr(node, name)), None)
        if owner is None:
            continue  # a timeline's action, and this app compares two files
        keys = binding.key_display or binding.key
        yield SystemCommand(
            binding.description, f"key: {keys}", partial(app.run_action, binding.action, owner)
        )
