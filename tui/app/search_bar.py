"""The `/` prompt at the bottom of the screen: Enter searches, Esc closes it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Hidden until opened (the app's CSS: `#search.visible` shows it). Enter posts
    Input.Submitted (the query); Enter and Esc both close it and post SearchBar.Closed, so its
    owner can put the focus back where it was."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "close", "Cancel search")]

    class Closed(Message):
        """The search bar was closed (by Enter or Esc)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search both documents — Enter to find, Esc to cancel", id=id)

    def open(self, query: str) -> None:
        """Show the bar with `query` (the current search, to edit) and take the keys."""
        self.add_class("visible")
        self.value = query
        self.focus()

    def action_close(self) -> None:
        self.remove_class("visible")
        self.post_message(self.Closed())

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_close()  # the event goes on to the owner, with the query
