"""The review report as one self-contained HTML file: inline CSS, no script, no external asset.

Every piece of document text, note and path goes through `html.escape`, so a document containing
`<script>` shows it as text. Changes read without colour too: removed words are struck through,
added words underlined, changed numbers boxed; the state of each difference is written in words.
Filters (all / not reviewed / flagged / with a note / with a changed number) are radio buttons
and CSS `:has()`, so the file needs no JavaScript.
"""

from __future__ import annotations

import time
from html import escape as _html_escape

from tui.engine.reading import shown_name
from tui.engine.safe_text import for_report
from tui.review.report_model import (
    CORRECTIONS_INTRO,
    SIGNIFICANT_INTRO,
    Item,
    ReviewReport,
    Segment,
    Side,
    number_excerpt,
    significant_excerpt,
    where_lines,
)


def escape(text: str) -> str:
    """HTML-escaped text (quotes too: it also goes into attributes), controls made visible."""
    return _html_escape(for_report(text), quote=True)


_CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #666; --line: #d0d0d7;
  --del-bg: #ffe1e1; --ins-bg: #d9f5dd; --typo-bg: #eee; --flag: #b45309; --card: #fafafa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6e6; --bg: #16161a; --muted: #a0a0a8;
  --line: #3a3a44; --del-bg: #5a1f24; --ins-bg: #1e4a2a; --typo-bg: #33333a; --flag: #f59e0b;
  --card: #1d1d22; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 4rem; color: var(--fg);
  background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta, .generated { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.6rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.filters { position: sticky; top: 0; background: var(--bg); padding: 0.5rem 0;
  border-bottom: 1px solid var(--line); z-index: 1; }
.filters label { margin-right: 1rem; white-space: nowrap; }
.diff { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; padding: 0.5rem 1rem 1rem;
  background: var(--card); }
.diff.flagged { border-left: 6px double var(--flag); }
.diff h3 { font-size: 1.05rem; margin: 0.25rem 0 0.5rem; }
.diff h3 a { color: inherit; text-decoration: none; }
.state { font-weight: normal; font-size: 0.9rem; color: var(--muted); }
.state .flag { color: var(--flag); font-weight: bold; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side .meta { margin-bottom: 0.25rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.absent { color: var(--muted); font-style: italic; }
del { background: var(--del-bg); text-decoration: line-through; }
ins { background: var(--ins-bg); text-decoration: underline; }
.typo { background: var(--typo-bg); text-decoration: underline dotted; }
.changed-number { outline: 2px solid currentColor; outline-offset: 1px; font-weight: bold; }
.note { border-left: 4px solid var(--flag); padding: 0.25rem 0.75rem; margin: 0.5rem 0;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.numbers { font-weight: bold; }
@media (max-width: 50rem) { .cols { grid-template-columns: 1fr; } }
@media print { .filters { display: none; } .diff { break-inside: avoid; } }
body:has(#show-unreviewed:checked) .diff.reviewed,
body:has(#show-flagged:checked) .diff:not(.flagged),
body:has(#show-noted:checked) .diff:not(.noted),
body:has(#show-numbers:checked) .diff:not(.numeric) { display: none; }
"""


def page_head(title: str, version: str, css: str) -> str:
    """The opening of a self-contained HTML page, through `<body>`: shared by the review report,
    the change log and the redline, so that their pages agree (no script, nothing loaded)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="diptych {escape(version)}">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>"""

def _segments(segments: list[Segment]) -> str:
    out: list[str] = []
    for seg in segments:
        text = escape(seg.text)
        number = ' class="changed-number" title="changed number"' if seg.numeric else ""
        if seg.role == "delete":
            out.append(f"<del{number}>{text}</del>")
        elif seg.role == "insert":
            out.append(f"<ins{number}>{text}</ins>")
        elif seg.role == "typographic":
            out.append(f'<span class="typo" title="typographic difference only">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


def _side(title: str, side: Side | None, segments: list[Segment], absent: str) -> str:
    if side is None:
        return f'<div class="side"><div class="meta">{title}</div><p class="text absent">{absent}</p></div>'
    return (
        f'<div class="side"><div class="meta">{title}, {escape(side.lines)}</div>'
        f'<p class="text">{_segments(segments)}</p></div>'
    )


def _state(item: Item) -> str:
    parts = ["reviewed ✓" if item.state.reviewed else "not reviewed"]
    if item.state.flagged:
        parts.append('<span class="flag">⚑ flagged</span>')
    if item.carry_note:
        parts.append(item.carry_note)
    return " · ".join(parts)


def numbers_paragraph(item: Item) -> str:
    """"Numbers changed: nine → eight; …" (the change log shows it too)."""
    pairs = "; ".join(
        f"{escape(number_excerpt(old)) or '(none)'} → {escape(number_excerpt(new)) or '(none)'}"
        for old, new in item.numbers
    )
    return f'<p class="numbers">Numbers changed: {pairs}</p>'


def _item(item: Item) -> str:
    classes = ["diff", item.kind.replace("_", "-")]
    flags = {
        "reviewed": item.state.reviewed, "flagged": item.state.flagged, "noted": bool(item.state.note),
        "numeric": bool(item.numbers), "moved": item.moved,
    }
    classes += [name for name, on in flags.items() if on]
    anchor = f"d{item.number}"
    parts = [
        f'<article class="{" ".join(classes)}" id="{anchor}" data-id="{escape(item.id)}">',
        f'<h3><a href="#{anchor}">{item.number}.</a> {escape(item.label)} '
        f'<span class="state">— {_state(item)}</span></h3>',
    ]
    if item.corrected:
        parts.append(f'<p class="corrected">Corrected: {escape(item.corrected)} by the reviewer</p>')
    if item.state.note:
        parts.append(f'<div class="note"><strong>Note:</strong> {escape(item.state.note)}</div>')
    if item.classes:
        parts.append(f'<p class="classes">Classes: {escape(", ".join(item.classes))}</p>')
    if item.numbers:
        parts.append(numbers_paragraph(item))
    parts.append('<div class="cols">')
    parts.append(_side("Left (older)", item.left, item.left_segments(), "not in the older version"))
    parts.append(_side("Right (newer)", item.right, item.right_segments(), "not in the newer version"))
    parts.append("</div></article>")
    return "\n".join(parts)


def _table(rows: list[tuple[str, str]], numeric: bool = True) -> str:
    cell = ' class="num"' if numeric else ""
    body = "".join(f"<tr><th>{escape(name)}</th><td{cell}>{escape(value)}</td></tr>" for name, value in rows)
    return f"<table>{body}</table>"


def _summary(report: ReviewReport) -> str:
    return _table(report.summary_rows())


def _documents(report: ReviewReport) -> str:
    rows = [
        ("File", shown_name(report.left.path), shown_name(report.right.path)),
        ("Lines", str(report.left.line_count), str(report.right.line_count)),
        ("Encoding", report.left.encoding, report.right.encoding),
        ("SHA-256 of text", report.left_hash[:16], report.right_hash[:16]),
    ]
    body = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(left)}</td><td>{escape(right)}</td></tr>"
        for name, left, right in rows
    )
    o = report.options
    how = "ignored" if o.normalize else "counted"
    store = escape(report.store_path) if report.store_path else "none (no marks recorded yet)"
    return (
        f"<table><tr><th></th><th>Left (older)</th><th>Right (newer)</th></tr>{body}</table>"
        f'<p class="meta">Compared by {escape(o.unit)}, similarity threshold {o.threshold:g}, '
        f"typographic differences {how}. Review store: {store}.</p>"
    )


def _carry(report: ReviewReport) -> str:
    carry = report.carry
    if not carry.happened:
        return ""
    paths = (carry.source_left_path, carry.source_right_path)
    source = " → ".join(escape(p or "standard input") for p in paths)
    parts = [
        '<section class="carry"><h2>Carried over from an earlier review</h2>',
        f"<p>Earlier review: {source}. Carried exactly: {carry.exact}; carried with changed text (flag and "
        f"note only): {carry.fuzzy}; not carried over: {len(carry.lost)}.</p>",
    ]
    if carry.lost:
        parts.append("<h3>Marks that could not be carried over</h3>")
        for lost in carry.lost:
            marks = ", ".join(m for m, on in (("reviewed", lost.reviewed), ("flagged", lost.flagged)) if on)
            state = f' <span class="state">— {marks}</span>' if marks else ""
            parts.append(f'<article class="diff lost"><h3>{escape(lost.kind.replace("_", " "))}{state}</h3>')
            if lost.note:
                parts.append(f'<div class="note"><strong>Note:</strong> {escape(lost.note)}</div>')
            parts.append('<div class="cols">')
            for title, excerpt in (("Left was", lost.left_excerpt), ("Right was", lost.right_excerpt)):
                text = escape(excerpt) if excerpt else '<span class="absent">(nothing)</span>'
                parts.append(
                    f'<div class="side"><div class="meta">{title}</div><p class="text">{text}</p></div>'
                )
            parts.append("</div></article>")
    parts.append("</section>")
    return "\n".join(parts)


_FILTERS = (
    ("all", "all differences"), ("unreviewed", "not reviewed"), ("flagged", "flagged"),
    ("noted", "with a note"), ("numbers", "with a changed number"),
)


def _filters() -> str:
    inputs = "".join(
        f'<label><input type="radio" name="show" id="show-{key}"{" checked" if key == "all" else ""}> '
        f"{label}</label>"
        for key, label in _FILTERS
    )
    return f'<nav class="filters" aria-label="Show">Show: {inputs}</nav>'


def _significant(report: ReviewReport) -> str:
    items = report.by_significance
    if not items:
        return ""
    rows = "\n".join(
        f'<li><a href="#d{item.number}">{item.number}.</a> {escape(item.label)} · '
        f'{escape(", ".join(c for c in item.classes if c not in ("typographic", "punctuation")))} · '
        f"{escape(where_lines(item))}: {escape(significant_excerpt(item))}</li>"
        for item in items
    )
    return (
        f'<section class="significant"><h2>Most significant first</h2><p>{escape(SIGNIFICANT_INTRO)}</p>'
        f"<ol>{rows}</ol></section>"
    )


def _corrections(report: ReviewReport) -> str:
    if not report.corrections:
        return ""
    parts = ['<section class="corrections"><h2>Reviewer\'s corrections</h2>',
             f"<p>{escape(CORRECTIONS_INTRO)}</p>"]
    if report.corrections_not_applied:
        parts.append(f'<p class="not-applied"><strong>{escape(report.corrections_not_applied)}</strong></p>')
    parts.append("<ol>")
    for c in report.corrections:
        links = ", ".join(f'<a href="#d{n}">{n}</a>' for n in c.differences)
        where = f" (difference {links})" if links else ""
        texts = "".join(
            f"<blockquote><strong>{title}:</strong> {escape(excerpt)}</blockquote>"
            for title, excerpt in (("Left", c.left_excerpt), ("Right", c.right_excerpt)) if excerpt
        )
        parts.append(f"<li>{escape(c.kind)}{where}: {escape(c.status)}{texts}</li>")
    parts.append("</ol></section>")
    return "\n".join(parts)


def render_html(report: ReviewReport) -> str:
    title = f"Review: {shown_name(report.left.path)} → {shown_name(report.right.path)}"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(report.generated))
    items = "\n".join(_item(item) for item in report.items) or (
        "<p>No differences: the two documents say the same thing.</p>"
    )
    return f"""{page_head(title, report.version, _CSS)}
<header>
<h1>{escape(title)}</h1>
<p class="generated">Generated {when} by diptych {escape(report.version)}.</p>
</header>
<section class="documents">{_documents(report)}</section>
<section class="summary"><h2>Summary</h2>{_summary(report)}</section>
{_carry(report)}
{_corrections(report)}
{_significant(report)}
<section class="differences"><h2>Differences</h2>
{_filters()}
{items}
</section>
</body>
</html>
"""
