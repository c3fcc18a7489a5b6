"""The header of a timeline: which two versions are compared and where they are in the history
("v3 → v4 of 12"), the steps on one line with their amounts of change, the file names, and for
git's versions the author, date and subject of each side's commit.

Textual-free (rich Text only), built from the Timeline's state. Every distinction is carried by
characters as well as by style, for terminals without colour (NO_COLOR): the compared steps
are bracketed as well as reversed.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from tui.app.layout import Layout
from tui.app.statusbar import header_text
from tui.app.timeline import Timeline
from tui.engine.safe_text import for_terminal

# A step's amount of change, relative to the largest step aligned so far (1/8 ... 8/8).
LEVELS = "▁▂▃▄▅▆▇█"
NO_CHANGE = "─"  # aligned, and nothing differs
NOT_ALIGNED = "·"  # still being aligned in the background
KEY_HINTS = ", . step │ V versions │ a first↔last │ h passage history │ b blame"


def position_words(timeline: Timeline) -> str:
    """ "v3 → v4 of 12" and which step, or how many steps the pair spans."""
    left, right, count = timeline.left, timeline.right, timeline.count
    text = f"v{left} → v{right} of {count}"
    if timeline.is_step:
        return f"{text} · step {left} of {count - 1}"
    return f"{text} · {right - left} steps at once"


def amount_words(timeline: Timeline) -> str | None:
    if not timeline.is_step:
        return None
    amount = timeline.amount(timeline.left)
    if amount is None:
        return None
    if amount == 0:
        return "no passage differs"
    return f"{amount} {'passage differs' if amount == 1 else 'passages differ'}"


def step_glyph(amount: int | None, largest: int) -> str:
    if amount is None:
        return NOT_ALIGNED
    if amount == 0:
        return NO_CHANGE
    level = -(-amount * len(LEVELS) // max(1, largest))  # ceiling: the smallest change still shows
    return LEVELS[min(len(LEVELS), max(1, level)) - 1]


def bar_window(count: int, left: int, right: int, room: int) -> tuple[int, int]:
    """The steps shown (first, last) when all `count - 1` do not fit in `room` cells: a window
    that keeps the compared steps in view (centred on them when they fit)."""
    steps = count - 1
    if steps <= room:
        return 1, steps
    span = right - left
    if span >= room:
        return left, left + room - 1
    start = max(1, min(left - (room - span) // 2, steps - room + 1))
    return start, start + room - 1


def timeline_line(timeline: Timeline, width: int) -> Text:
    """ "v1 ▁▃[▁]█▂· v12": each step one cell, its height its amount of change; the compared
    pair's steps bracketed and reversed; "…" where steps are left out."""
    count, left, right = timeline.count, timeline.left, timeline.right
    amounts = [timeline.amount(step) for step in range(1, count)]
    largest = max((a for a in amounts if a is not None), default=0)
    first_label, last_label = " v1 ", f" v{count}"
    aligned = sum(1 for a in amounts if a is not None)
    tail = "" if aligned == count - 1 else f"  (aligning: {aligned} of {count - 1} steps done)"
    room = max(3, width - len(first_label) - len(last_label) - 4 - len(tail))
    # With room to spare (a short history), each step also says its amount: "▃12 ".
    numbers = [NOT_ALIGNED if a is None else str(a) for a in amounts]
    spelled = sum(len(n) + 2 for n in numbers) <= room
    first, last = bar_window(count, left, right, room)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(first_label, "bold")
    text.append("…" if first > 1 else " ")
    for step in range(first, last + 1):
        inside = left <= step < right
        if step == left:
            text.append("[", "bold")
        cell = step_glyph(amounts[step - 1], largest)
        if spelled:
            cell = f"{cell}{numbers[step - 1]}" + ("" if step == last or step == right - 1 else " ")
        text.append(cell, "reverse bold" if inside else "")
        if step == right - 1:
            text.append("]", "bold")
            if spelled and step != last:
                text.append(" ")
    text.append("…" if last < count - 1 else " ")
    text.append(last_label, "bold")
    if tail:
        text.append(tail, "italic")
    return text


def position_line(timeline: Timeline, width: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" " + position_words(timeline), "bold")
    for extra in (amount_words(timeline), for_terminal(timeline.source) if timeline.source else None):
        if extra:
            text.append(" · " + extra)
    if cell_len(text.plain) + 3 + len(KEY_HINTS) <= width:
        text.append("   " + KEY_HINTS, "italic")
    return text


def _commit_words(timeline: Timeline, number: int) -> str:
    details = dict(timeline.version(number).details)
    if "commit" not in details:
        return ""
    date = details.get("date", "")
    when = f"{date[:10]} {date[11:16]}".strip()  # ISO 8601: the minute is enough here
    parts = [p for p in (details.get("author", ""), when, details.get("subject", "")) if p]
    return for_terminal(" · ".join(parts))


def commit_line(timeline: Timeline, layout: Layout | None, width: int) -> Text | None:
    """Each side's commit (author, date, subject) under its name; None when not from git."""
    left, right = _commit_words(timeline, timeline.left), _commit_words(timeline, timeline.right)
    if not left and not right:
        return None
    text = Text(no_wrap=True, overflow="ellipsis")
    if layout is not None and not layout.stacked:
        geo = layout.geometry
        half = 1 + geo.number_width + 1 + geo.left_text  # as header_text places the names
        text.append("   " + _fit(left, half - 3))
        text.append("     " + _fit(right, max(1, width - half - 6)))
    else:
        room = max(2, (width - 8) // 2)
        text.append(" L ", "bold")
        text.append(_fit(left, room))
        text.append("  R ", "bold")
        text.append(_fit(right, room))
    return text


def _fit(text: str, width: int) -> str:
    if width <= 1:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def timeline_header(timeline: Timeline, layout: Layout | None, width: int) -> Text:
    """The whole header: position, the steps, the names (as for two files), the commits."""
    history = timeline.history
    lines = [
        position_line(timeline, width),
        timeline_line(timeline, width),
        header_text(history.document(timeline.left), history.document(timeline.right), layout, width),
    ]
    commits = commit_line(timeline, layout, width)
    if commits is not None:
        lines.append(commits)
    for line in lines:  # one row each: the header's height must not change with the names
        line.truncate(max(1, width), overflow="ellipsis")
    return Text("\n").join(lines)
