"""What a list screen (the change list, the pair picker, ...) shows: its rows as plain text."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import OptionList


def list_prompts(screen: Screen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
