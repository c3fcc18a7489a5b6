"""Choosing the two versions to compare (`V` in a timeline): Enter on one version, then Enter on
the other; the older one goes left. Each version is listed with its name (and for git its
commit); the pair on screen is marked ◧ / ◨ in characters, not only in colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.timeline import Timeline
from tui.engine.reading import shown_name
from tui.engine.safe_text import for_terminal

FIRST_PROMPT = " Enter on the first version of the pair, then on the second (the older goes left)."


def version_prompt(timeline: Timeline, number: int, chosen: int | None = None) -> Text:
    mark = "◧" if number == timeline.left else "◨" if number == timeline.right else " "
    if number == chosen:
        mark = "●"
    text = Text(f"{mark} ", Style(bold=True))
    text.append(f"v{number:<3}", Style(bold=True))
    version = timeline.version(number)
    text.append(" " + for_terminal(shown_name(version.path)))
    details = dict(version.details)
    if "commit" in details:
        date = details.get("date", "")
        text.append(f"  {for_terminal(details.get('author', ''))} · {date[:10]} {date[11:16]} · "
                    f"{for_terminal(details.get('subject', ''))}", Style(italic=True))
    return text


class VersionPicker(ModalScreen[tuple[int, int] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Close without choosing", id="diptych.picker_close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    VersionPicker { align: center middle; }
    VersionPicker > Vertical { width: 100%; height: 100%; border: round $accent; background: $panel; }
    VersionPicker #picker-prompt { height: auto; }
    VersionPicker OptionList, VersionPicker OptionList:focus { height: 1fr; border: none; }
    """

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self._timeline = timeline
        self.chosen: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Choose two versions — Esc closes"
            yield Static(Text(FIRST_PROMPT), id="picker-prompt", markup=False)
            yield OptionList(*self._options(), markup=False)

    def _options(self) -> list[Option]:
        return [Option(version_prompt(self._timeline, n, self.chosen))
                for n in range(1, self._timeline.count + 1)]

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self._timeline.left - 1
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        number = event.option_index + 1
        if self.chosen is None:
            self.chosen = number
            options = self.query_one(OptionList)
            options.clear_options()
            options.add_options(self._options())
            options.highlighted = number - 1
            self.query_one("#picker-prompt", Static).update(
                Text(f" v{number} chosen (●). Enter on the other version; Esc closes without choosing."))
            return
        if number == self.chosen:
            self.query_one("#picker-prompt", Static).update(
                Text(f" v{number} is already chosen: Enter on another version to compare it with."))
            return
        self.dismiss((min(number, self.chosen), max(number, self.chosen)))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()
