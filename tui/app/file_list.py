"""Two directories compared file by file (`git difftool -d`): a list of the changed files to step
through. Enter opens a file in the usual app; q there comes back to the list, with the next file
not yet seen selected; q in the list ends.

Each file is its own run of DiptychApp (run_app: the user's keymap, the review store, hang-up
handling), between runs of the small FileListApp below.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.engine.model import AlignOptions, ReadOptions
from tui.engine.safe_text import for_terminal
from tui.git.dirdiff import Change, ChangedFile

_LETTER = {Change.MODIFIED: "M", Change.ADDED: "A", Change.DELETED: "D"}
VIEWED = "✓"


def file_row(changed: ChangedFile, viewed: bool) -> Text:
    """"✓ M chapters/one.md": seen or not, how it changed (M, A, D), its path (shown inertly)."""
    return Text(f"{VIEWED if viewed else ' '} {_LETTER[changed.change]} {for_terminal(changed.path)}")


def next_unviewed(count: int, viewed: set[int], after: int) -> int:
    """The first file after `after` not yet seen (wrapping around); `after` when all were."""
    for step in range(1, count + 1):
        index = (after + step) % count
        if index not in viewed:
            return index
    return after


class FileListApp(App[int | None]):
    """The changed files; returns the index of the file to open, or None to end."""

    TITLE = "diptych"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "end", "quit"),
        Binding("ctrl+q", "end", "quit", show=False),
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        Binding("n", "next_unviewed", "next unviewed", show=False),
    ]
    CSS = """
    #title { height: 1; background: $panel; color: $foreground; text-style: bold; }
    #files { height: 1fr; border: none; }
    #hints { height: 1; background: $panel; color: $text-muted; }
    #notice { height: auto; color: $warning; text-style: bold; }
    """

    def __init__(self, files: Sequence[ChangedFile], viewed: set[int], current: int, title: str,
                 notice: str = "") -> None:
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.files = files
        self.viewed = viewed
        self.current = current
        self.title_text = title
        self.notice = notice

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text), id="title", markup=False)
        yield OptionList(*(Option(file_row(f, i in self.viewed)) for i, f in enumerate(self.files)),
                         id="files", markup=False)
        yield Static(Text(self.notice), id="notice", markup=False)
        yield Static(Text("Enter open · j/k or ↑/↓ move · n next not yet seen · q quit"), id="hints",
                     markup=False)

    def on_mount(self) -> None:
        files = self.query_one(OptionList)
        files.highlighted = self.current
        files.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.exit(event.option_index)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_next_unviewed(self) -> None:
        files = self.query_one(OptionList)
        files.highlighted = next_unviewed(len(self.files), self.viewed, files.highlighted or 0)

    def action_end(self) -> None:
        self.exit(None)


def run_file_list(
    files: Sequence[ChangedFile], title: str, options: AlignOptions, reading: ReadOptions,
    review: str | None = None,
) -> int:
    """Step through `files` until the user quits the list: status 0, or the status with which a
    file's app ended otherwise (a hang-up, an unusable keymap or review file). `title` is shown
    as given: the caller makes it safe."""
    from tui.app.hangup import run_watched
    from tui.app.main import run_app
    from tui.engine.reading import InputError, read_document

    viewed: set[int] = set()
    current, notice = 0, ""
    while True:
        picker = FileListApp(files, viewed, current, title, notice)
        choice = run_watched(picker)
        if picker.return_code not in (None, 0):
            return picker.return_code
        if choice is None:
            return 0
        chosen = files[choice]
        try:
            left = read_document(chosen.left, options=reading)
            right = read_document(chosen.right, options=reading)
        except InputError as exc:
            current, notice = choice, f"{for_terminal(chosen.path)}: {for_terminal(str(exc))}"
            continue
        status = run_app(left, right, options, review=review)
        if status != 0:
            return status
        viewed.add(choice)
        current, notice = next_unviewed(len(files), viewed, choice), ""
