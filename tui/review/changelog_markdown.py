"""The change log of a history as Markdown, in the style of the review report (whose escaping it
uses: document text is data, never markup)."""

from __future__ import annotations

import time

from tui.review.changelog_model import SECTIONS, ChangeLog, StepLog, compared_how, numbers_in_short, where
from tui.review.report_markdown import _inline, _numbers, _quote, escape
from tui.review.report_model import Item


def _item(item: Item, step: int) -> list[str]:
    out = [f"#### {item.number}. {item.label} — {where(item, step)}", ""]
    if item.classes:
        out += ["**Classes:** " + ", ".join(item.classes), ""]
    if item.numbers:
        out += [_numbers(item), ""]
    inline = item.inline_segments()
    if any(seg.role in ("delete", "insert") for seg in inline):
        out += ["**Changes:** " + _inline(inline), ""]
    else:
        side = item.right or item.left
        assert side is not None
        out += [_quote(side.text), ""]
    return out


def _versions(log: ChangeLog) -> list[str]:
    out = ["## Versions", "", "| | File | Lines | Encoding |", "| ---: | --- | ---: | --- |"]
    out += [
        f"| v{k} | {escape(v.path)} | {v.line_count} | {escape(v.encoding)} |"
        for k, v in enumerate(log.versions, start=1)
    ]
    out.append("")
    if log.skipped:
        out += ["Not taken from the folder:", ""]
        out += [f"- {escape(path)}: {escape(reason)}" for path, reason in log.skipped]
        out.append("")
    return [*out, escape(compared_how(log.options)), ""]


def _summary(log: ChangeLog) -> list[str]:
    out = [
        "## Summary", "",
        "| Step | Changed | Added | Removed | Moved | Changed numbers |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for step in log.steps:
        s = step.stats
        out.append(
            f"| v{step.step} → v{step.step + 1} | {s.changed} | {s.right_only} | {s.left_only} | {s.moved} "
            f"| {escape(numbers_in_short(step))} |"
        )
    return [*out, ""]


def _step(step: StepLog) -> list[str]:
    out = [
        f"## v{step.step} → v{step.step + 1}", "",
        f"{escape(step.older.path)} → {escape(step.newer.path)}", "",
    ]
    if not step.sections:
        return [*out, "No changes.", ""]
    for key, items in step.sections:
        out += [f"### {SECTIONS[key]}", ""]
        for item in items:
            out += _item(item, step.step)
    return out


def render_markdown(log: ChangeLog) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(log.generated))
    out = [
        f"# Change log: {escape(log.title)}", "",
        f"Generated {when} by diptych {log.version}.", "",
        *_versions(log),
        *_summary(log),
    ]
    for step in log.steps:
        out += _step(step)
    return "\n".join(out).rstrip("\n") + "\n"
