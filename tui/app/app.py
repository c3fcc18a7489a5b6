"""The review app: one comparison screen (comparison.py), the command palette and the keymap.

Everything a key does lives with the widget that owns the key; the app only builds the screen,
lists every action in the palette, and passes on what reaches the app itself (focus, keys).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.app.comparison import ComparisonScreen
from tui.app.panes import DiffView
from tui.engine.helper_process import HelperProcess
from tui.engine.model import AlignOptions, Document
from tui.review import ReviewStore


class DiptychApp(App[int]):
    """Two versions of a document side by side."""

    TITLE = "diptych"
    ENABLE_COMMAND_PALETTE = True

    CSS = """
    Screen { layout: vertical; }
    #header { height: auto; background: $panel; color: $foreground; }
    #status { height: 1; background: $panel; color: $foreground; }
    #hints { height: 1; background: $panel; color: $text-muted; }
    #hints.message { color: $warning; text-style: bold; }
    #search { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    #search.visible { display: block; }
    #loading { height: 1fr; display: none; }
    #loading-label { height: 1; content-align: center middle; width: 100%; display: none; }
    #too-small { display: none; height: 1fr; content-align: center middle; text-align: center; }
    Screen.busy-first #loading, Screen.busy-first #loading-label { display: block; }
    Screen.busy-first #diff { display: none; }
    Screen.too-small #too-small { display: block; }
    Screen.too-small #diff, Screen.too-small #header, Screen.too-small StatusBars,
    Screen.too-small #loading, Screen.too-small #loading-label { display: none; }
    """

    def __init__(
        self, left: Document, right: Document, options: AlignOptions | None = None, *,
        store: ReviewStore | None = None, store_notice: str = "", watch_files: bool = False,
        helper: HelperProcess | None = None,
    ) -> None:
        # NO_COLOR: Textual's default filter (Monochrome) still sends greys as 256-colour codes;
        # with ansi_color it strips every colour instead, and the text attributes and gutter
        # marks carry every distinction.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        # Marks and notes: an in-memory store unless the caller opened a file (run_app does).
        self.comparison = ComparisonScreen(
            left, right, options or AlignOptions(),
            store=store if store is not None else ReviewStore.in_memory(),
            store_notice=store_notice, watch_files=watch_files, helper=helper,
        )

    def get_default_screen(self) -> Screen:
        return self.comparison

    @property
    def view(self) -> DiffView:
        return self.comparison.view

    def on_key(self) -> None:
        self.comparison.key_pressed()  # on any screen: the help and note editor too

    def on_app_focus(self) -> None:
        self.comparison.reread_marks()

    async def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding, node in self.comparison.commands():
            keys = binding.key_display or binding.key
            run = partial(self.run_action, binding.action, node)
            yield SystemCommand(binding.description, f"key: {keys}", run)
