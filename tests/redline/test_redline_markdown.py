"""The CriticMarkup redline: delimiters in the document's text are escaped (and come back exactly),
substitutions, comments for the summary, moves, changed numbers and the reviewer's notes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tests.redline.views import critic_views, normalised
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document
from tui.redline.build import ReviewerMark, build_redline
from tui.redline.markdown import critic_escape, critic_unescape, render_markdown

# What a CriticMarkup processor takes for the start or end of a mark.
DELIMITERS = re.compile(r"\{\+\+|\+\+\}|\{--|--\}|\{~~|~>|~~\}|\{>>|<<\}|\{==|==\}")
INTRO = "The council met on Monday evening in the town hall to discuss the budget for next year."


def markdown(left: str, right: str, marks: dict[int, ReviewerMark] | None = None) -> str:
    alignment = compare_documents(make_document("old.md", left), make_document("new.md", right))
    return render_markdown(build_redline(alignment, marks, generated=0))


@given(st.text(alphabet="{}+-~<>=\\ ab\n", max_size=40))
def test_escaping_leaves_no_delimiter_and_unescaping_gives_the_text_back(text: str) -> None:
    escaped = critic_escape(text)
    assert not re.search(r"\{[-+~>=]|[-+~<=]\}|~>", escaped)
    assert critic_unescape(escaped) == text


def test_document_text_with_criticmarkup_in_it_stays_text() -> None:
    text = "The syntax is {{++added++}} and {} and a~>b, said the C++ guide."
    left = f"{INTRO}\n\n{text.format('{--removed--}')}\n"
    right = f"{INTRO}\n\n{text.format('{==marked==}{>>note<<}')}\n"
    out = markdown(left, right)
    body = out.split("<<}\n\n", 1)[1]  # after the summary comment
    # The only delimiters left are the redline's own: one substitution for the changed words.
    assert DELIMITERS.findall(body) == ["{~~", "~>", "~~}"]
    assert critic_views(out) == ([INTRO, normalised(right.split("\n\n")[1])],
                                 [INTRO, normalised(left.split("\n\n")[1])])


def test_a_changed_word_is_a_substitution_and_a_changed_number_says_so() -> None:
    out = markdown(f"{INTRO}\n\nAt least nine people were hurt.\n",
                   f"{INTRO}\n\nAt least eight people were hurt.\n")
    assert "At least {~~nine~>eight~~}{>>changed number<<} people were hurt." in out


def test_changed_amounts_and_dates_are_named_as_such_and_a_changed_modal_is_counted() -> None:
    out = markdown(
        f"{INTRO}\n\nThe grant of £40,000 was paid on 3 March. The council may publish it.\n",
        f"{INTRO}\n\nThe grant of £45,000 was paid on 5 March. The council must publish it.\n",
    )
    assert "The grant of £{~~40,000~>45,000~~}{>>changed amount<<} was paid on" in out
    assert "{~~3~>5~~}{>>changed date<<}" in out
    summary = out.split("<<}", 1)[0]
    assert "Changes involving a modal word (shall, may, must, will): 1" in summary
    assert "Changes involving an amount of money or a percentage: 1" in summary


def test_the_summary_is_a_comment_so_that_accepting_gives_the_text_alone() -> None:
    out = markdown(f"{INTRO}\n\nOld line here.\n", f"{INTRO}\n\nA new line.\n")
    assert out.startswith("{>>Redline: old.md → new.md\n")
    assert "\nChanged passages: " in out.split("<<}", 1)[0]
    assert critic_views(out)[0] == [INTRO, "A new line."]


def test_moves_name_each_other_and_notes_follow_their_difference() -> None:
    moved = "A separate report on the state of the roads will be presented by the engineers in spring."
    middle = [f"Paragraph {word} of the minutes records the debate on item {word} of the agenda."
              for word in ("one", "two", "three")]
    left, right = "\n\n".join([moved, *middle]) + "\n", "\n\n".join([*middle, moved]) + "\n"
    alignment = compare_documents(make_document("a", left), make_document("b", right))
    block = next(i for i, b in enumerate(alignment.blocks) if b.moved)
    marks = {block: ReviewerMark("Why {++here++}?", True)}
    out = render_markdown(build_redline(alignment, marks, generated=0))
    assert "{>>§1: moved to §5<<}{--" + moved + "--}" in out
    assert "{>>§5: moved from §1<<}{++" + moved + "++}{>>Reviewer: ⚑ Flagged. Why {\\++here++\\}?<<}" in out
    assert critic_views(out) == ([*middle, moved], [moved, *middle])


def test_a_split_marks_the_new_paragraph_break() -> None:
    first = "The committee reviewed every line of the budget over three long sessions in October."
    second = "It then sent the revised budget back to the full council for a final vote in November."
    out = markdown(f"{INTRO}\n\n{first} {second}\n", f"{INTRO}\n\n{first}\n\n{second}\n")
    # The space between the two sentences goes with the older version's single paragraph.
    assert "in October.{-- --}{++\n\n++}It then sent" in out
    assert critic_views(out) == ([INTRO, first, second], [INTRO, f"{first} {second}"])
