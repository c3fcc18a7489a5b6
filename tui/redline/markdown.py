"""The redline in CriticMarkup: the newer version's text with {++inserted++}, {--deleted--} and
{~~old~>new~~} in place, and {>>comments<<} for what is not text (the summary at the top, moves,
changed numbers, the reviewer's notes).

The document's text is written as it is — a Markdown document stays Markdown — except where it
contains a CriticMarkup delimiter ("{++", "--}", "~>"...), which a CriticMarkup processor would take
for markup: one backslash goes between the delimiter's two characters ("{\\++", "+\\+}"... rendered
by Markdown as the characters themselves). So that a text that already has backslashes there is
kept apart, the backslash is added to any run of backslashes between those two characters:
unescaping removes one from every such run and gives the text back exactly.

Accepting every change (insertions and new text of substitutions kept, deletions and comments
dropped) gives the newer version, rejecting every change the older one; a paragraph break only
one version has is {++⏎⏎++} or {--⏎⏎--} (⏎ a line end), as in pymdownx.critic. Blank lines are
kept (a code block may hold some), but never inside a change with other text: a Markdown processor
reads the paragraphs first, and a blank line would end one, and the change, in its middle. A
change's blank lines are marks of their own, as a paragraph break is.
"""

from __future__ import annotations

import re

from tui.redline.model import ONLY_NEWER, ONLY_OLDER, Note, Paragraph, Redline, Role, Run, break_shown
from tui.redline.text import changed_numbers, note_text, safe_text, summary_lines

# A run of backslashes (maybe empty) between the two characters of a CriticMarkup delimiter:
# after an opening brace and before + - ~ > =, after + - ~ < = and before a closing brace, or
# inside "~>".
_DELIMITER_GAP = re.compile(r"(?<=\{)\\*(?=[-+~>=])|(?<=[-+~<=])\\*(?=\})|(?<=~)\\*(?=>)")
# A line end and the blank lines after it.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def critic_escape(text: str) -> str:
    """`text` with no CriticMarkup delimiter left in it (see the module's docstring)."""
    return _DELIMITER_GAP.sub(lambda m: m.group() + "\\", text)


def critic_unescape(text: str) -> str:
    return _DELIMITER_GAP.sub(lambda m: m.group()[1:], text)


def _text(text: str) -> str:
    return critic_escape(safe_text(text))


def _marked(text: str, opening: str, closing: str) -> str:
    """`text` in a change's delimiters, each of its blank lines in a change of its own."""
    parts = []
    at = 0
    for blank in _BLANK_LINES.finditer(text):
        parts += [text[at:blank.start()], blank.group()]
        at = blank.end()
    parts.append(text[at:])
    return "".join(f"{opening}{part}{closing}" for part in parts if part)


def render_markdown(redline: Redline) -> str:
    summary = "\n".join(_text(line) for line in summary_lines(redline))
    out = [f"{{>>{summary}<<}}\n\n"]
    numbers = _number_ends(redline)
    notes = {note.end: note for note in redline.notes}
    moves = _move_comments(redline)
    for index, paragraph in enumerate(redline.paragraphs):
        out.append(_paragraph(index, paragraph, numbers, notes, moves))
        if index + 1 < len(redline.paragraphs):
            out.append(_break(redline.paragraphs, index))
    return "".join(out).rstrip("\n") + "\n"


def _paragraph(
    index: int, paragraph: Paragraph, numbers: dict[tuple[int, int], str], notes: dict[tuple[int, int], Note],
    moves: dict[tuple[int, int], str],
) -> str:
    """The paragraph's runs, those of one role together (a number apart in the model is not
    apart here: its comment says it changed), each group followed by its runs' comments."""
    parts: list[str] = []
    groups = _groups(paragraph.runs)
    g = 0
    while g < len(groups):
        start, end = groups[g]
        parts.append("".join(moves.get((index, r), "") for r in range(start, end)))
        if g + 1 < len(groups) and _substitution(paragraph.runs, groups[g], groups[g + 1]):
            old, new = (_text("".join(run.text for run in paragraph.runs[a:b])) for a, b in groups[g:g + 2])
            parts.append(f"{{~~{old}~>{new}~~}}")
            g, end = g + 1, groups[g + 1][1]
        else:
            parts.append(_group(paragraph.runs[start:end]))
        for at in range(start, end):
            if (index, at) in numbers:
                parts.append(f"{{>>changed {numbers[(index, at)]}<<}}")
            if (index, at) in notes:
                # A comment is not the document's text: its blank lines can go.
                note = _BLANK_LINES.sub("\n", note_text(notes[(index, at)]))
                parts.append(f"{{>>Reviewer: {_text(note)}<<}}")
        g += 1
    return "".join(parts)


def _groups(runs: list[Run]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of runs with the same role."""
    groups: list[tuple[int, int]] = []
    for r, run in enumerate(runs):
        if groups and runs[groups[-1][0]].role is run.role:
            groups[-1] = (groups[-1][0], r + 1)
        else:
            groups.append((r, r + 1))
    return groups


def _substitution(runs: list[Run], deleted: tuple[int, int], inserted: tuple[int, int]) -> bool:
    """Words changed into others (a word change's two sides), written {~~old~>new~~} when both
    fit one: the reference processor takes no ">" in the old text."""
    old, new = runs[deleted[0]:deleted[1]], runs[inserted[0]:inserted[1]]
    if old[0].role is not Role.DELETE or new[0].role is not Role.INSERT:
        return False
    shared = {run.change for run in old} & {run.change for run in new}
    old_text, new_text = (_text("".join(run.text for run in runs)) for runs in (old, new))
    blank = _BLANK_LINES.search(old_text) or _BLANK_LINES.search(new_text)
    return bool(shared - {None}) and ">" not in old_text and not blank


def _group(runs: list[Run]) -> str:
    text = _text("".join(run.text for run in runs))
    role = runs[0].role
    if role is Role.EQUAL:
        return text
    if role in ONLY_NEWER:
        return _marked(text, "{++", "++}")
    return _marked(text, "{--", "--}")


def _break(paragraphs: list[Paragraph], index: int) -> str:
    if not break_shown(paragraphs, index):
        return "\n\n"
    return "{++\n\n++}" if paragraphs[index].mark in ONLY_NEWER else "{--\n\n--}"


def _number_ends(redline: Redline) -> dict[tuple[int, int], str]:
    """(paragraph, run) of the last run of each changed number: its comment goes after it."""
    return {change.end: change.kind for change in changed_numbers(redline)}


def _move_comments(redline: Redline) -> dict[tuple[int, int], str]:
    """The comment that opens each place of a move ("§12 moved to §40"), by its first run."""
    by_number = {move.number: move for move in redline.moves}
    comments: dict[tuple[int, int], str] = {}
    seen: set[tuple[int, bool]] = set()
    for p, paragraph in enumerate(redline.paragraphs):
        for r, run in enumerate(paragraph.runs):
            older = run.role in ONLY_OLDER
            if run.move is None or (run.move, older) in seen:
                continue
            seen.add((run.move, older))
            move = by_number[run.move]
            if older:
                text = f"§{move.from_paragraph}: moved to §{move.to_paragraph}"
            else:
                text = f"§{move.to_paragraph}: moved from §{move.from_paragraph}"
            comments[(p, r)] = f"{{>>{text}<<}}"
    return comments
