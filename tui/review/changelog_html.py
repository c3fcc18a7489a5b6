"""The change log of a history as one self-contained HTML file, in the style of the review report
(its CSS, its escaping: every piece of document text and every path goes through `escape`; no
script, no external asset)."""

from __future__ import annotations

import time

from tui.review.changelog_model import SECTIONS, ChangeLog, StepLog, compared_how, numbers_in_short, where
from tui.review.report_html import _CSS, _side, escape, numbers_paragraph, page_head
from tui.review.report_model import Item

_MORE_CSS = """
.step { border-top: 1px solid var(--line); margin-top: 2rem; }
.step h3 { margin-top: 1.5rem; }
td.numbers { max-width: 30rem; }
"""


def _item(item: Item, step: int) -> str:
    classes = ["diff", item.kind.replace("_", "-"), *(["numeric"] if item.numbers else [])]
    parts = [
        f'<article class="{" ".join(classes)}" data-id="{escape(item.id)}">',
        f"<h4>{item.number}. {escape(item.label)} "
        f'<span class="state">— {escape(where(item, step))}</span></h4>',
    ]
    if item.classes:
        parts.append(f'<p class="classes">Classes: {escape(", ".join(item.classes))}</p>')
    if item.numbers:
        parts.append(numbers_paragraph(item))
    parts.append('<div class="cols">')
    parts.append(_side(f"v{step} (older)", item.left, item.left_segments(), f"not in v{step}"))
    parts.append(_side(f"v{step + 1} (newer)", item.right, item.right_segments(), f"not in v{step + 1}"))
    parts.append("</div></article>")
    return "\n".join(parts)


def _versions(log: ChangeLog) -> str:
    rows = "".join(
        f'<tr><th>v{k}</th><td>{escape(v.path)}</td><td class="num">{v.line_count}</td>'
        f"<td>{escape(v.encoding)}</td></tr>"
        for k, v in enumerate(log.versions, start=1)
    )
    out = f"<table><tr><th></th><th>File</th><th>Lines</th><th>Encoding</th></tr>{rows}</table>"
    if log.skipped:
        skipped = "".join(f"<li>{escape(path)}: {escape(reason)}</li>" for path, reason in log.skipped)
        out += f"<p>Not taken from the folder:</p><ul>{skipped}</ul>"
    return out + f'<p class="meta">{escape(compared_how(log.options))}</p>'


def _summary(log: ChangeLog) -> str:
    names = ("Step", "Changed", "Added", "Removed", "Moved", "Changed numbers")
    head = "".join(f"<th>{name}</th>" for name in names)
    rows = []
    for step in log.steps:
        s = step.stats
        counts = "".join(f'<td class="num">{n}</td>' for n in (s.changed, s.right_only, s.left_only, s.moved))
        rows.append(
            f'<tr><th><a href="#step{step.step}">v{step.step} → v{step.step + 1}</a></th>{counts}'
            f'<td class="numbers">{escape(numbers_in_short(step))}</td></tr>'
        )
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _step(step: StepLog) -> str:
    parts = [
        f'<section class="step" id="step{step.step}"><h2>v{step.step} → v{step.step + 1}</h2>',
        f'<p class="meta">{escape(step.older.path)} → {escape(step.newer.path)}</p>',
    ]
    if not step.sections:
        parts.append("<p>No changes.</p>")
    for key, items in step.sections:
        parts.append(f"<h3>{SECTIONS[key]}</h3>")
        parts.extend(_item(item, step.step) for item in items)
    parts.append("</section>")
    return "\n".join(parts)


def render_html(log: ChangeLog) -> str:
    title = f"Change log: {log.title}"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(log.generated))
    steps = "\n".join(_step(step) for step in log.steps)
    return f"""{page_head(title, log.version, _CSS + _MORE_CSS)}
<header>
<h1>{escape(title)}</h1>
<p class="generated">Generated {when} by diptych {escape(log.version)}.</p>
</header>
<section class="documents"><h2>Versions</h2>{_versions(log)}</section>
<section class="summary"><h2>Summary</h2>{_summary(log)}</section>
{steps}
</body>
</html>
"""
