"""The redline as one self-contained, printable HTML page: inline CSS, no script, no external asset.

The newer version's paragraphs with the changes in place, each paragraph numbered (§12) so that a
move can say where its other place is ("moved to §40", a link); the summary first (a page of its
own on paper) and the reviewer's notes last, as footnotes. Every piece of document text, note and
path is escaped, so a document containing `<script>` shows it as text. It reads without colour
(in print, or for a reader who cannot tell red from green): inserted text is underlined, deleted
text struck through, moved text doubly so, changed numbers bold, and a paragraph break only one
version has is a ¶ underlined or struck through. The colours are the review report's.
"""

from __future__ import annotations

from html import escape as _html_escape

from tui import __version__
from tui.engine.model import UnitKind
from tui.engine.reading import shown_name
from tui.redline.classes import figure
from tui.redline.model import ONLY_NEWER, ONLY_OLDER, Paragraph, Redline, Role, Run, break_shown
from tui.redline.text import flowed, generated_line, note_text, safe_text, title
from tui.review.report_html import page_head


def escape(text: str) -> str:
    return _html_escape(safe_text(text), quote=True)


_CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #666; --line: #d0d0d7;
  --del-bg: #ffe1e1; --ins-bg: #d9f5dd; --move-bg: #dde8ff; --typo-bg: #eee; --flag: #b45309; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6e6; --bg: #16161a; --muted: #a0a0a8;
  --line: #3a3a44; --del-bg: #5a1f24; --ins-bg: #1e4a2a; --move-bg: #1f3050; --typo-bg: #33333a;
  --flag: #f59e0b; } }
body { margin: 0 auto; max-width: 50rem; padding: 1rem 1.5rem 4rem 4.5rem; color: var(--fg);
  background: var(--bg); font: 17px/1.55 Georgia, "Times New Roman", serif; }
header h1 { font: bold 1.4rem/1.3 system-ui, sans-serif; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font: bold 1.15rem/1.3 system-ui, sans-serif; margin: 1.5rem 0 0.5rem; }
.meta, .legend, .summary { font: 0.9rem/1.5 system-ui, sans-serif; }
.meta { color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.6rem; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
main p, main pre, main .heading { position: relative; margin: 0 0 0.8rem; overflow-wrap: anywhere; }
main .heading { font-family: system-ui, sans-serif; font-weight: bold; break-after: avoid; }
main pre { white-space: pre-wrap; font: 0.85rem/1.45 ui-monospace, Menlo, Consolas, monospace; }
.list-item { padding-left: 1.5rem; }
.pnum { position: absolute; left: -4rem; width: 3.4rem; text-align: right; color: var(--muted);
  font: normal 0.75rem/2 system-ui, sans-serif; text-decoration: none; }
ins { background: var(--ins-bg); text-decoration: underline; }
del { background: var(--del-bg); text-decoration: line-through; }
ins.moved { background: var(--move-bg); text-decoration: underline double; }
del.moved { background: var(--move-bg); text-decoration: line-through double; }
.typo { background: var(--typo-bg); }
.number { font-weight: bold; outline: 1px solid currentColor; outline-offset: 1px; }
.move-note, .note-ref { font: 0.75rem/1 system-ui, sans-serif; color: var(--muted); }
.move-note { border: 1px solid var(--line); border-radius: 3px; padding: 0 0.25rem; margin-right: 0.25rem; }
.note-ref a { color: var(--flag); font-weight: bold; }
.notes li { white-space: pre-wrap; overflow-wrap: anywhere; margin-bottom: 0.5rem; }
.notes .flag { color: var(--flag); font-weight: bold; }
@media print {
  @page { margin: 2cm 2cm 2cm 2.5cm; }
  :root { --del-bg: transparent; --ins-bg: transparent; --move-bg: transparent; --typo-bg: transparent; }
  body { max-width: none; padding: 0 0 0 3rem; font-size: 11pt; color: #000; background: #fff; }
  .summary { break-after: page; }
  main p, main pre { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
}
"""

_TAGS = {
    Role.INSERT: ("ins", ""), Role.DELETE: ("del", ""),
    Role.MOVE_TO: ("ins", "moved"), Role.MOVE_FROM: ("del", "moved"),
}
_TITLES = {
    Role.INSERT: "inserted", Role.DELETE: "deleted",
    Role.MOVE_TO: "moved here", Role.MOVE_FROM: "moved from here",
}


def render_html(redline: Redline) -> str:
    heading = title(redline)
    return f"""{page_head(heading, __version__, _CSS)}
<header>
<h1>{escape(heading)}</h1>
<p class="meta">Older version: {escape(shown_name(redline.left.path))} · newer version:
{escape(shown_name(redline.right.path))} · {escape(generated_line(redline))}</p>
</header>
{_summary(redline)}
<main>
{_body(redline)}
</main>
{_notes(redline)}
</body>
</html>
"""


def _summary(redline: Redline) -> str:
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{value}</td></tr>" for name, value in redline.summary.rows()
    )
    legend = (
        '<p class="legend">The newer version, with every change in place: <ins>inserted</ins>, '
        '<del>deleted</del>, <ins class="moved">moved here</ins> from where it was '
        '<del class="moved">moved from</del> (each place names the other’s §), '
        '<ins class="number">changed numbers</ins> in bold, <ins class="typo">typography or spacing</ins> '
        "only on a grey ground, and <ins>¶</ins> / <del>¶</del> a paragraph break only the newer / "
        "older version has. Reviewer’s notes are footnotes.</p>"
    )
    return f'<section class="summary"><h2>Summary</h2><table>{rows}</table>{legend}</section>'


def _body(redline: Redline) -> str:
    note_ends = {note.end: number for number, note in enumerate(redline.notes, start=1)}
    move_notes = _move_notes(redline)
    out = []
    for index, paragraph in enumerate(redline.paragraphs):
        parts = [f'<a class="pnum" href="#p{paragraph.number}">§{paragraph.number}</a>']
        preformatted = paragraph.kind is UnitKind.PREFORMATTED
        for r, run in enumerate(paragraph.runs):
            parts.append(move_notes.get((index, r), ""))
            parts.append(_run(run, preformatted))
            if (index, r) in note_ends:
                number = note_ends[(index, r)]
                link = f'<a href="#note{number}">[{number}]</a>'
                parts.append(f'<sup class="note-ref" id="ref{number}">{link}</sup>')
        if break_shown(redline.paragraphs, index):
            tag, _ = _TAGS[paragraph.mark]
            version = "newer" if paragraph.mark in ONLY_NEWER else "older"
            parts.append(f'<{tag} title="a paragraph break only the {version} version has">¶</{tag}>')
        out.append(_paragraph(paragraph, "".join(parts)))
    return "\n".join(out)


def _paragraph(paragraph: Paragraph, content: str) -> str:
    ident = f'id="p{paragraph.number}"'
    classes = []
    if paragraph.wholly(ONLY_NEWER):
        classes.append("inserted")
    elif paragraph.wholly(ONLY_OLDER):
        classes.append("deleted")
    if paragraph.kind is UnitKind.PREFORMATTED:
        return f'<pre {ident} class="{" ".join(classes)}">{content}</pre>'
    if paragraph.kind is UnitKind.HEADING:
        level = min(max(paragraph.level, 1), 6)
        classes += ["heading", f"level-{level}"]
        return f'<div {ident} class="{" ".join(classes)}" role="heading" aria-level="{level}">{content}</div>'
    if paragraph.kind is UnitKind.LIST_ITEM:
        classes.append("list-item")
    return f'<p {ident} class="{" ".join(classes)}">{content}</p>'


def _run(run: Run, preformatted: bool) -> str:
    text = escape(flowed(run.text, preformatted))
    if run.role is Role.EQUAL:
        return text
    tag, moved = _TAGS[run.role]
    classes = [moved] if moved else []
    if figure(run.classes) is not None:  # a number, an amount or a date: in bold
        classes.append("number")
    if run.typographic:
        classes.append("typo")
    described = _TITLES[run.role] + (", typography or spacing only" if run.typographic else "")
    attributes = f' class="{" ".join(classes)}"' if classes else ""
    return f'<{tag}{attributes} title="{described}">{text}</{tag}>'


def _move_notes(redline: Redline) -> dict[tuple[int, int], str]:
    """The note that opens each place of a move, by (paragraph, run) of its first run."""
    notes: dict[tuple[int, int], str] = {}
    by_number = {move.number: move for move in redline.moves}
    seen: set[tuple[int, bool]] = set()
    for p, paragraph in enumerate(redline.paragraphs):
        for r, run in enumerate(paragraph.runs):
            if run.move is None:
                continue
            older = run.role in ONLY_OLDER
            if (run.move, older) in seen:
                continue
            seen.add((run.move, older))
            move = by_number[run.move]
            other, words = (move.to_paragraph, "moved to") if older else (move.from_paragraph, "moved from")
            notes[(p, r)] = f'<span class="move-note">{words} <a href="#p{other}">§{other}</a></span>'
    return notes


def _notes(redline: Redline) -> str:
    if not redline.notes:
        return ""
    items = []
    for number, note in enumerate(redline.notes, start=1):
        text = escape(note_text(note))
        if note.flagged:
            text = text.replace("⚑ Flagged.", '<span class="flag">⚑ Flagged.</span>', 1)
        items.append(f'<li id="note{number}">{text} <a href="#ref{number}" aria-label="back">↩</a></li>')
    return f'<section class="notes"><h2>Reviewer’s notes</h2><ol>{"".join(items)}</ol></section>'
