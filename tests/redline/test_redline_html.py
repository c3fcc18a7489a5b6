"""The HTML redline: one self-contained page without script whose document text is escaped, with
numbered paragraphs that moves link to, notes as footnotes and print styles that need no colour."""

from __future__ import annotations

import re

from tests.redline.views import html_redline, normalised
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document
from tui.redline.build import ReviewerMark, build_redline
from tui.redline.html import render_html

INTRO = "The council met on Monday evening in the town hall to discuss the budget for next year."
HOSTILE = ("Critics <script>alert('x')</script> say the <img src=x onerror=alert(1)> cuts & "
           "\"parks\" go too far \x1b[2J\u202e.")
MOVED = "A separate report on the state of the roads will be presented by the engineers in spring."
MIDDLE = [f"Paragraph {word} of the minutes records the debate on item {word} of the agenda."
          for word in ("one", "two", "three")]


def page(left: str, right: str, note: str | None = None) -> str:
    alignment = compare_documents(make_document("old <b>.txt", left), make_document("new.txt", right))
    marks = {}
    if note is not None:
        marks = {next(i for i, b in enumerate(alignment.blocks) if b.is_difference): ReviewerMark(note, True)}
    return render_html(build_redline(alignment, marks, generated=0))


def test_no_script_no_handler_no_outside_resource_and_hostile_text_is_text() -> None:
    text = page(f"{INTRO}\n", f"{INTRO}\n\n{HOSTILE}\n", note="<script>alert(2)</script>")
    parsed = html_redline(text)
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags and "img" not in tags and "link" not in tags
    for _, attributes in parsed.tags:
        assert not any(name.startswith("on") for name in attributes)
        for name in ("href", "src"):
            assert attributes.get(name) is None or str(attributes[name]).startswith("#")
    shown = "".join(parsed.texts)
    assert "Critics <script>alert('x')</script> say the <img src=x onerror=alert(1)> cuts &" in shown
    assert "\x1b" not in text and "\u202e" not in text and "\u241b[2J[U+202E]" in shown
    assert "<script>alert(2)</script>" in shown  # the note, as text
    assert "old <b>.txt" in shown  # a file name, as text
    accepted, rejected = parsed.views()
    assert accepted == [INTRO, normalised(HOSTILE.replace("\x1b", "\u241b").replace("\u202e", "[U+202E]"))]
    assert rejected == [INTRO]


def test_moves_link_to_each_others_paragraph_and_notes_are_footnotes() -> None:
    left, right = "\n\n".join([MOVED, *MIDDLE]) + "\n", "\n\n".join([*MIDDLE, MOVED]) + "\n"
    alignment = compare_documents(make_document("a", left), make_document("b", right))
    moved = next(i for i, b in enumerate(alignment.blocks) if b.moved)
    text = render_html(build_redline(alignment, {moved: ReviewerMark("Why here?")}, generated=0))
    assert '<span class="move-note">moved to <a href="#p5">§5</a></span><del class="moved"' in text
    assert '<span class="move-note">moved from <a href="#p1">§1</a></span><ins class="moved"' in text
    parsed = html_redline(text)
    assert {"p1", "p5", "note1", "ref1"} <= parsed.ids
    for _, attributes in parsed.tags:  # every link lands somewhere
        if attributes.get("href"):
            assert str(attributes["href"])[1:] in parsed.ids
    assert re.search(r'<li id="note1">Why here\? <a href="#ref1"', text)
    assert parsed.views() == ([*MIDDLE, MOVED], [MOVED, *MIDDLE])


def test_it_reads_without_colour_and_prints_the_summary_on_a_page_of_its_own() -> None:
    text = page(f"{INTRO}\n\nAt least nine people were hurt.\n",
                f"{INTRO}\n\nAt least eight people were hurt.\n")
    css = text[text.index("<style>"):text.index("</style>")]
    assert re.search(r"\bins \{[^}]*text-decoration: underline", css)
    assert re.search(r"\bdel \{[^}]*text-decoration: line-through", css)
    assert re.search(r"\.number \{[^}]*font-weight: bold", css)
    print_rules = css[css.index("@media print"):]
    assert ".summary { break-after: page; }" in print_rules
    assert "--ins-bg: transparent" in print_rules  # on paper the marks alone say it
    changed = '<del class="number" title="deleted">nine</del><ins class="number" title="inserted">eight</ins>'
    assert changed in text
    assert "<th>Changed passages</th><td>1</td>" in text
