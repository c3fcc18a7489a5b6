"""How review state reads on screen without colour: gutter marks and the status text.

Plain strings, so the app only has to place them (and may colour them); a terminal without colour,
or a reader who cannot tell red from green, still sees every mark. The glyphs avoid the app's own
gutter markers (= ~ < > ↕ ≈) and are one cell wide in every terminal font we know of.
"""

from __future__ import annotations

from tui.review.store import MarkState, ReviewCounts

REVIEWED, RECHECK, FLAGGED, NOTED = "✓", "?", "!", "✎"
# A pairing the reviewer corrected with C: two arrows, as two passages paired or parted by hand.
CORRECTED = "⇄"
ASCII_REVIEWED, ASCII_NOTED, ASCII_CORRECTED = "+", "*", "c"
GUTTER_WIDTH = 2
NOTE_PREVIEW = 60  # characters of a note's first line shown in the status bar

LEGEND: tuple[tuple[str, str], ...] = (
    (REVIEWED, "reviewed"),
    (RECHECK, "marked in an earlier version whose text changed: review again"),
    (FLAGGED, "flagged"),
    (NOTED, "has a note"),
    (CORRECTED, "the reviewer corrected this pairing (C); shown in whichever of the two cells is free"),
)


def gutter_marks(state: MarkState, ascii_only: bool = False, corrected: bool = False) -> str:
    """Two cells: reviewed (or needs a re-check), then flagged (or has a note). A `corrected`
    block's mark takes the second cell when it is free, else the first: it never hides a mark of
    the review (the status bar and the change list still say "corrected")."""
    if state.reviewed:
        first = ASCII_REVIEWED if ascii_only else REVIEWED
    elif state.carried == "fuzzy":
        first = RECHECK
    else:
        first = " "
    if state.flagged:
        second = FLAGGED
    elif state.note:
        second = ASCII_NOTED if ascii_only else NOTED
    else:
        second = " "
    if corrected:
        mark = ASCII_CORRECTED if ascii_only else CORRECTED
        if second == " ":
            second = mark
        elif first == " ":
            first = mark
    return first + second


def status_text(counts: ReviewCounts) -> str:
    """The status-bar fragment: "reviewed 3/92, flagged 1"."""
    return f"reviewed {counts.reviewed}/{counts.total}, flagged {counts.flagged}"


def state_words(state: MarkState) -> str:
    """The current difference's state in words, for the status bar or a notification."""
    parts = ["reviewed" if state.reviewed else "not reviewed"]
    if state.flagged:
        parts.append("flagged")
    if state.note:
        lines = state.note.strip().splitlines() or [""]
        more = len(lines) > 1 or len(lines[0]) > NOTE_PREVIEW
        parts.append("note: " + lines[0][:NOTE_PREVIEW] + ("…" if more else ""))
    if state.carried == "fuzzy" and not state.reviewed:
        parts.append("text changed since the earlier review")
    return ", ".join(parts)
