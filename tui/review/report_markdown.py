"""The review report as Markdown (CommonMark + GitHub's ~~strikethrough~~ and tables).

Document text is data: every Markdown metacharacter in it is backslash-escaped, so `*cuts*`,
`[link]`, `<script>` or a leading `#` show as typed instead of turning into markup. Changes read
without colour: removed words ~~struck~~, added words **bold**, changed numbers also listed.
"""

from __future__ import annotations

import re
import time
import unicodedata

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

# Characters that make markup anywhere in a line (emphasis, links, HTML, entities, tables, code).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# ...and those that do only at the start of a line (headings, lists, rules, setext underlines).
_LINE_START = re.compile(r"^([ \t]*)([#+=-])", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^([ \t]*\d+)([.)])", re.MULTILINE)


def escape(text: str) -> str:
    """Text shown literally by a Markdown renderer (inside a paragraph or a table cell), control
    characters made visible (the report may be printed on a terminal)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", for_report(text))
    text = _LINE_START.sub(r"\1\\\2", text)
    return _LIST_NUMBER.sub(r"\1\\\2", text)  # "1. " at a line start is not a list


def _quote(text: str) -> str:
    """A block quote of `text`, line breaks kept (hard breaks with a trailing backslash)."""
    lines = text.split("\n")
    return "\n".join("> " + escape(line) + ("\\" if i < len(lines) - 1 and line.strip() else "")
                     for i, line in enumerate(lines))


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _inline(segments: list[Segment]) -> str:
    """One line: removed words ~~struck~~, added words **bold**.

    CommonMark only opens `**` before punctuation when whitespace or punctuation precedes it
    (and closes it after punctuation only when whitespace or punctuation follows): "children**.**"
    would print its asterisks. So punctuation at such an edge of a change is written just outside
    the delimiters, unmarked ("children. **At least one person**"): the characters stay exactly
    those of the text, in order, and no space appears that the text does not have. A change of
    punctuation alone gets a space outside the delimiters instead. The text quoted below the line
    stays exact.
    """
    out = ""
    for position, seg in enumerate(segments):
        text = seg.text.replace("\n", " ")
        if seg.role not in ("delete", "insert") or not text.strip():
            out += escape(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        core, before, after = text.strip(), "", ""
        following = segments[position + 1].text[:1] if position + 1 < len(segments) else ""
        after_word = bool(out) and not (out[-1].isspace() or _is_punctuation(out[-1]))
        after_change = position > 0 and segments[position - 1].role in ("delete", "insert")
        has_word = any(ch.isalnum() for ch in core)
        if not lead and after_word and _is_punctuation(core[0]):
            if has_word:
                split = _punctuation_end(core)
                before, core = core[:split], core[split:]
            else:
                lead = " "
        if not trail and following.isalnum() and _is_punctuation(core[-1]):
            if has_word:
                split = len(core) - _punctuation_end(core[::-1])
                core, after = core[:split], core[split:]
            else:
                trail = " "
        if not lead and not before and after_change and out[-1:] != " ":
            lead = " "  # keeps "~~nine~~ **eight**" apart
        delimiter = "~~" if seg.role == "delete" else "**"
        out += f"{lead}{escape(before)}{delimiter}{escape(core)}{delimiter}{escape(after)}{trail}"
    return out


def _punctuation_end(text: str) -> int:
    """Where the punctuation `text` starts with ends, with the spaces after it."""
    end = 0
    while end < len(text) and (_is_punctuation(text[end]) or text[end].isspace()):
        end += 1
    return end


def _state(item: Item) -> str:
    parts = ["reviewed" if item.state.reviewed else "not reviewed"]
    if item.state.flagged:
        parts.append("**FLAGGED**")
    if item.carry_note:
        parts.append(item.carry_note)
    return " · ".join(parts)


def _side_block(title: str, side: Side) -> list[str]:
    return [f"**{title}**, {side.lines}:", "", _quote(side.text), ""]


def _numbers(item: Item) -> str:
    pairs = [
        f"{escape(number_excerpt(old)) or '(none)'} → {escape(number_excerpt(new)) or '(none)'}"
        for old, new in item.numbers
    ]
    return "**Numbers changed:** " + "; ".join(pairs)


def _item(item: Item) -> list[str]:
    mark = "[x]" if item.state.reviewed else "[ ]"
    flag = " ⚑" if item.state.flagged else ""
    out = [f"### {item.number}. {mark}{flag} {item.label}", "", _state(item), ""]
    if item.corrected:
        out += [f"**Corrected:** {item.corrected} by the reviewer", ""]
    if item.state.note:
        out += ["**Note:**", "", _quote(item.state.note), ""]
    if item.classes:
        out += ["**Classes:** " + ", ".join(item.classes), ""]
    if item.numbers:
        out += [_numbers(item), ""]
    inline = item.inline_segments()
    if inline and any(seg.role in ("delete", "insert") for seg in inline):
        out += ["**Changes:** " + _inline(inline), ""]
    if item.left is not None:
        out += _side_block("Left (older)", item.left)
    if item.right is not None:
        out += _side_block("Right (newer)", item.right)
    return out


def _significant(report: ReviewReport) -> list[str]:
    items = report.by_significance
    if not items:
        return []
    out = ["## Most significant first", "", SIGNIFICANT_INTRO, ""]
    for item in items:
        classes = ", ".join(c for c in item.classes if c not in ("typographic", "punctuation"))
        out.append(
            f"- **{item.number}.** {escape(item.label)} · {classes} · {escape(where_lines(item))}: "
            f"{escape(significant_excerpt(item))}"
        )
    return [*out, ""]


def _summary(report: ReviewReport) -> list[str]:
    rows = report.summary_rows()
    out = ["## Summary", "", "| | |", "| --- | ---: |"]
    out += [f"| {name} | {value} |" for name, value in rows]
    return [*out, ""]


def _documents(report: ReviewReport) -> list[str]:
    def row(name: str, left: str, right: str) -> str:
        return f"| {name} | {left} | {right} |"

    o = report.options
    out = [
        "| | Left (older) | Right (newer) |",
        "| --- | --- | --- |",
        row("File", escape(shown_name(report.left.path)), escape(shown_name(report.right.path))),
        row("Lines", str(report.left.line_count), str(report.right.line_count)),
        row("Encoding", escape(report.left.encoding), escape(report.right.encoding)),
        row("SHA-256 of text", report.left_hash[:16], report.right_hash[:16]),
        "",
        f"Compared by {o.unit}, similarity threshold {o.threshold:g}, "
        + ("typographic differences ignored." if o.normalize else "typographic differences counted."),
        "",
    ]
    store = escape(report.store_path) if report.store_path else "none (no marks recorded yet)"
    out += [f"Review store: {store}", ""]
    return out


def _carry(report: ReviewReport) -> list[str]:
    carry = report.carry
    if not carry.happened:
        return []
    paths = (carry.source_left_path, carry.source_right_path)
    source = " → ".join(escape(p or "standard input") for p in paths)
    out = [
        "## Carried over from an earlier review",
        "",
        f"Earlier review: {source}. Carried exactly: {carry.exact}; carried with changed text "
        f"(flag and note only): {carry.fuzzy}; not carried over: {len(carry.lost)}.",
        "",
    ]
    if carry.lost:
        out += ["### Marks that could not be carried over", ""]
        for number, lost in enumerate(carry.lost, start=1):
            marks = ", ".join(m for m, on in (("reviewed", lost.reviewed), ("flagged", lost.flagged)) if on)
            kind = escape(lost.kind.replace("_", " "))
            out += [f"**{number}.** {kind}" + (f" ({marks})" if marks else ""), ""]
            if lost.note:
                out += ["Note:", "", _quote(lost.note), ""]
            for title, excerpt in (("Left was", lost.left_excerpt), ("Right was", lost.right_excerpt)):
                if excerpt:
                    out += [f"{title}:", "", _quote(excerpt), ""]
    return out


def _corrections(report: ReviewReport) -> list[str]:
    if not report.corrections:
        return []
    out = ["## Reviewer's corrections", "", CORRECTIONS_INTRO, ""]
    if report.corrections_not_applied:
        out += [f"**{report.corrections_not_applied}**", ""]
    for number, c in enumerate(report.corrections, start=1):
        shown = ", ".join(str(n) for n in c.differences)
        where = f" (difference {shown})" if shown else ""
        out += [f"**{number}.** {escape(c.kind)}{where}: {escape(c.status)}", ""]
        for title, excerpt in (("Left", c.left_excerpt), ("Right", c.right_excerpt)):
            if excerpt:
                out += [f"{title}:", "", _quote(excerpt), ""]
    return out


def render_markdown(report: ReviewReport) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(report.generated))
    out = [
        f"# Review: {escape(shown_name(report.left.path))} → {escape(shown_name(report.right.path))}",
        "",
        f"Generated {when} by diptych {report.version}.",
        "",
        *_documents(report),
        *_summary(report),
        *_carry(report),
        *_corrections(report),
        *_significant(report),
        "## Differences",
        "",
    ]
    if not report.items:
        out += ["No differences: the two documents say the same thing.", ""]
    for item in report.items:
        out += _item(item)
    return "\n".join(out).rstrip("\n") + "\n"
