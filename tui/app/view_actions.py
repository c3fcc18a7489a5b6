"""The view keys: f (fold equal passages), v (side by side / stacked), o (the overview strip),
s (units), t / T (threshold).
A mixin of DiptychApp.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.app.sections import VIEW, Keys

if TYPE_CHECKING:
    from tui.app.app import DiptychApp


# This module's keys (keys.py collects them for the app, the help, the palette and the keymap).
KEYS: Keys = [
    (VIEW, Binding("f", "toggle_fold", "Show only differences (fold equal passages) / show all",
                   id="diptych.fold")),
    (VIEW, Binding("s", "toggle_unit", "Units: paragraphs ↔ sentences (re-aligns)", id="diptych.unit")),
    (VIEW, Binding("t", "threshold(0.05)", "Raise the similarity threshold by 0.05 (re-aligns)",
                   id="diptych.threshold_up")),
    (VIEW, Binding("T", "threshold(-0.05)", "Lower the similarity threshold by 0.05 (re-aligns)",
                   id="diptych.threshold_down")),
    (VIEW, Binding("v", "toggle_view", "Side by side ↔ stacked", id="diptych.view")),
    (VIEW, Binding("o", "toggle_overview", "Overview strip (right edge): where the differences are / hide it",
                   id="diptych.overview")),
]


THRESHOLD_STEP = 0.05
MIN_THRESHOLD, MAX_THRESHOLD = 0.05, 1.0


class ViewActions:
    """View keys for DiptychApp."""

    # -- view ----------------------------------------------------------------------------------

    def action_toggle_fold(self: DiptychApp) -> None:
        self.view_state = self.view_state.toggle_fold()
        self.view.fold_equal = self.view_state.folded
        self.view.rebuild()
        self._say(
            "Showing only differences: equal passages folded (f shows all)." if self.view_state.folded
            else "Showing all passages."
        )

    def action_toggle_view(self: DiptychApp) -> None:
        view = self.view
        layout = view.diff_layout
        # The override, when set, is what the user last asked for (a big layout may still be
        # being rebuilt with it).
        stacked = view.stacked_override
        if stacked is None:
            stacked = bool(layout and layout.stacked)
        view.stacked_override = not stacked
        view.rebuild()
        self._say("Stacked view." if not stacked else "Side-by-side view.")

    def action_toggle_overview(self: DiptychApp) -> None:
        panes = self.query_one("#panes")
        panes.toggle_class("strip")
        self._sync_strip()
        self._say(
            "Overview strip: where the differences are, the rows in view reversed (o hides it)."
            if panes.has_class("strip") else "Overview strip hidden (o shows it)."
        )

    def action_toggle_unit(self: DiptychApp) -> None:
        unit = "sentence" if self.options.unit == "paragraph" else "paragraph"
        self.realign(replace(self.options, unit=unit))
        self._say(f"Aligned by {unit}s." if self.busy is None else self.busy)

    def action_threshold(self: DiptychApp, delta: float) -> None:
        threshold = round(min(MAX_THRESHOLD, max(MIN_THRESHOLD, self.options.threshold + delta)), 2)
        if threshold == self.options.threshold:
            edge = "maximum" if delta > 0 else "minimum"
            self._say(f"The threshold is already at its {edge}, {threshold:.2f}.")
            return
        self.realign(replace(self.options, threshold=threshold))
        if self.busy is None:
            # Below the threshold, passages in the same place may still pair when their words
            # agree (tui.engine.in_place), less so the higher it is: the notice must not promise
            # a strict minimum.
            if threshold >= 1.0:
                self._say(f"Threshold {threshold:.2f}: only equal passages pair.")
            else:
                self._say(f"Threshold {threshold:.2f}: pairs at {threshold:.0%} similar, or less in place"
                          " when the words agree.")
