"""The redline model on small cases: word changes, numbers, typography and spacing, splits and
merges, moves, passages removed or added at either end, notes."""

from __future__ import annotations

from tests.redline.views import docx_views, normalised
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions, UnitKind
from tui.engine.reading import make_document
from tui.redline.build import ReviewerMark, build_redline
from tui.redline.docx import render_docx
from tui.redline.model import ACCEPTED, REJECTED, Redline, Role

INTRO = "The council met on Monday evening in the town hall to discuss the budget for next year."
CLOSING = "The next meeting of the council is scheduled for the first week of December this year."


def redline(left: str, right: str, marks: dict[int, ReviewerMark] | None = None, **options) -> Redline:
    alignment = compare_documents(make_document("old.txt", left), make_document("new.txt", right),
                                  AlignOptions(**options))
    return build_redline(alignment, marks, generated=0)


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def views(red: Redline) -> tuple[list[str], list[str]]:
    """Accepted and rejected paragraphs of the model itself (the formats' own are views.py's)."""
    out = []
    for roles in (ACCEPTED, REJECTED):
        paragraphs, current = [], ""
        for paragraph in red.paragraphs:
            current += paragraph.text(roles)
            if paragraph.mark in roles or paragraph is red.paragraphs[-1]:
                paragraphs.append(normalised(current))
                current = ""
        out.append([p for p in paragraphs if p])
    return out[0], out[1]


def roles(red: Redline) -> list[list[tuple[str, str]]]:
    return [[(run.role.value, run.text) for run in p.runs] for p in red.paragraphs]


def test_a_changed_number_is_a_deletion_and_an_insertion_of_class_number() -> None:
    red = redline(story(INTRO, "At least nine people were killed."),
                  story(INTRO, "At least eight people were killed."))
    second = red.paragraphs[1]
    assert [(r.role, r.text, r.classes) for r in second.runs] == [
        (Role.EQUAL, "At least ", ()),
        (Role.DELETE, "nine", ("number",)),
        (Role.INSERT, "eight", ("number",)),
        (Role.EQUAL, " people were killed.", ()),
    ]
    assert second.runs[1].change == second.runs[2].change is not None
    assert red.summary.changed == 1 and red.summary.unchanged == 1
    assert red.summary.words_replaced == 1 and red.summary.classes == {"number": 1}


def test_only_the_numbers_of_a_long_changed_run_are_of_class_number() -> None:
    red = redline(story(INTRO, "Officials said that nine people were hurt."),
                  story(INTRO, "Officials now say that 12 people were hurt in the blast."))
    numbered = [run.text for p in red.paragraphs for run in p.runs if run.classes]
    assert numbered == ["nine", "12"]


def test_typography_and_spacing_are_tracked_so_that_rejecting_gives_the_older_text_exactly() -> None:
    left = story(INTRO, 'He said "no" to the plan, twice.')
    right = story(INTRO, "He said \u201cno\u201d to the plan ,twice.")
    red = redline(left, right)
    assert red.summary.typographic == 0 and red.summary.changed == 1  # the moved comma is a change
    typographic = [(run.role, run.text) for p in red.paragraphs for run in p.runs if run.typographic]
    assert (Role.DELETE, '"') in typographic and (Role.INSERT, "\u201c") in typographic
    assert views(red) == ([INTRO, "He said \u201cno\u201d to the plan ,twice."],
                          [INTRO, 'He said "no" to the plan, twice.'])


def test_a_typography_only_passage_is_counted_as_such_and_still_tracked() -> None:
    red = redline(story(INTRO, 'He said "no".'), story(INTRO, "He said \u201cno\u201d."))
    assert red.summary.typographic == 1 and red.summary.changed == 0
    assert views(red) == ([INTRO, "He said \u201cno\u201d."], [INTRO, 'He said "no".'])


def test_a_split_is_an_inserted_paragraph_mark_and_a_merge_a_deleted_one() -> None:
    first = "The committee reviewed every line of the budget over three long sessions in October."
    second = "It then sent the revised budget back to the full council for a final vote in November."
    split = redline(story(INTRO, f"{first} {second}", CLOSING), story(INTRO, first, second, CLOSING))
    assert [p.mark for p in split.paragraphs] == [Role.EQUAL, Role.INSERT, Role.EQUAL, Role.EQUAL]
    assert views(split) == ([INTRO, first, second, CLOSING], [INTRO, f"{first} {second}", CLOSING])
    merged = redline(story(INTRO, first, second, CLOSING), story(INTRO, f"{first} {second}", CLOSING))
    assert [p.mark for p in merged.paragraphs] == [Role.EQUAL, Role.DELETE, Role.EQUAL, Role.EQUAL]
    assert views(merged) == ([INTRO, f"{first} {second}", CLOSING], [INTRO, first, second, CLOSING])


MOVED = "A separate report on the state of the roads will be presented by the engineers in spring."
MIDDLE = [f"Paragraph {word} of the minutes records the debate on item {word} of the agenda at length."
          for word in ("one", "two", "three", "four")]


def test_a_moved_passage_is_moved_from_its_older_place_and_to_its_newer_one() -> None:
    red = redline(story(MOVED, *MIDDLE), story(*MIDDLE, MOVED))
    assert len(red.moves) == 1
    move = red.moves[0]
    old, new = red.paragraphs[move.from_paragraph - 1], red.paragraphs[move.to_paragraph - 1]
    assert move.from_paragraph < move.to_paragraph
    assert old.mark is Role.MOVE_FROM and [run.role for run in old.runs] == [Role.MOVE_FROM]
    assert [run.role for run in new.runs] == [Role.MOVE_TO]
    assert old.runs[0].move == new.runs[0].move == move.number
    assert views(red) == ([*MIDDLE, MOVED], [MOVED, *MIDDLE])
    assert red.summary.moved == 1


def test_a_moved_and_changed_passage_keeps_its_deleted_words_where_it_was() -> None:
    changed = MOVED.replace("in spring", "in early spring").replace("state", "condition")
    red = redline(story(MOVED, *MIDDLE), story(*MIDDLE, changed))
    move = red.moves[0]
    old, new = red.paragraphs[move.from_paragraph - 1], red.paragraphs[move.to_paragraph - 1]
    assert {run.role for run in old.runs} == {Role.MOVE_FROM, Role.DELETE}
    assert {run.role for run in new.runs} == {Role.MOVE_TO, Role.INSERT}
    assert [run.text for run in old.runs if run.role is Role.DELETE] == ["state"]
    assert [run.text.strip() for run in new.runs if run.role is Role.INSERT] == ["condition", "early"]
    assert views(red) == ([*MIDDLE, changed], [MOVED, *MIDDLE])


def test_passages_removed_and_added_at_either_end_leave_no_empty_paragraph() -> None:
    new_first = "Breaking: the council has approved the budget after a vote late on Monday night."
    new_last = "This story will be updated as more details about the vote become available tonight."
    left = story("An old opening line that the newer version no longer has anywhere at all.", INTRO,
                 "An old closing line that the newer version has dropped entirely from the story.")
    red = redline(left, story(new_first, INTRO, new_last))
    accepted, rejected = views(red)
    assert accepted == [new_first, INTRO, new_last]
    assert rejected == [normalised(p) for p in left.split("\n\n")]
    # Word's last paragraph always keeps its mark: the removed last passage shares it.
    assert red.paragraphs[-1].mark is Role.EQUAL
    assert {run.role for run in red.paragraphs[-1].runs} == {Role.DELETE, Role.INSERT}
    assert docx_views(render_docx(red)) == (accepted, rejected)


def test_identical_and_empty_documents() -> None:
    same = redline(story(INTRO, CLOSING), story(INTRO, CLOSING))
    assert roles(same) == [[("equal", INTRO)], [("equal", CLOSING)]]
    assert [p.mark for p in same.paragraphs] == [Role.EQUAL, Role.EQUAL]
    assert views(redline("", story(INTRO))) == ([INTRO], [])
    assert views(redline(story(INTRO), "")) == ([], [INTRO])
    assert redline("", "").paragraphs == []


def test_headings_and_preformatted_passages_keep_their_kind() -> None:
    text = story("# Budget", INTRO, "## Roads", "    total = 63\n    spent = 12", CLOSING)
    red = redline(text, text.replace("63", "70"))
    kinds = [(p.kind, p.level) for p in red.paragraphs]
    assert kinds == [(UnitKind.HEADING, 1), (UnitKind.PARAGRAPH, 0), (UnitKind.HEADING, 2),
                     (UnitKind.PREFORMATTED, 0), (UnitKind.PARAGRAPH, 0)]


def test_the_break_before_paragraphs_added_after_an_insertion_is_the_one_marked() -> None:
    """LibreOffice joins an insertion that ends a paragraph to one that starts the next; the
    inserted paragraphs' break is then marked at the end of the paragraph before them."""
    added = ["A brand new paragraph about the state of the roads in the northern district.",
             "Another new paragraph, this one about the schools and their leaking roofs."]
    red = redline(story("Budget", INTRO), story("Budget news", *added, INTRO))
    assert [p.mark for p in red.paragraphs] == [Role.INSERT, Role.INSERT, Role.EQUAL, Role.EQUAL]
    assert views(red) == (["Budget news", *added, INTRO], ["Budget", INTRO])


def test_a_note_is_anchored_on_its_difference_and_on_the_newer_place_of_a_move() -> None:
    left, right = story(MOVED, *MIDDLE, CLOSING), story(*MIDDLE, MOVED)
    alignment = compare_documents(make_document("a", left), make_document("b", right))
    moved = next(i for i, block in enumerate(alignment.blocks) if block.moved)
    removed = next(i for i, block in enumerate(alignment.blocks) if not block.right)
    marks = {moved: ReviewerMark("Why move it?"), removed: ReviewerMark("", flagged=True)}
    red = build_redline(alignment, marks, generated=0)
    by_block = {note.block: note for note in red.notes}
    assert by_block[moved].text == "Why move it?" and not by_block[moved].flagged
    anchored = red.paragraphs[by_block[moved].start[0]].runs[by_block[moved].start[1]]
    assert anchored.role is Role.MOVE_TO
    note = by_block[removed]
    assert note.flagged and note.start[0] == note.end[0]
    anchored_runs = red.paragraphs[note.start[0]].runs[note.start[1]:note.end[1] + 1]
    assert {run.role for run in anchored_runs} == {Role.DELETE}
    assert "".join(run.text for run in anchored_runs) == CLOSING  # its numbers ("first") apart
    assert red.summary.notes == 2
