"""Status bar wording: the most useful parts first, always within the width."""

from __future__ import annotations

from rich.cells import cell_len

from tui.app.navigation import Stop, build_stops, step, stop_of_block
from tui.app.statusbar import StatusState, document_label, hint_line, status_line, stop_summary
from tui.engine.compare import compare_documents
from tui.engine.model import Block, BlockKind, Passage, Stats, UnitKind
from tui.engine.reading import make_document


def _passage(i: int) -> Passage:
    return Passage(i, UnitKind.PARAGRAPH, 0, 1, 1, 1, "x", i)


def _block(kind: BlockKind, moved: bool = False, score: float | None = 0.8) -> Block:
    left = () if kind is BlockKind.RIGHT_ONLY else (_passage(0),)
    right = () if kind is BlockKind.LEFT_ONLY else (_passage(0),)
    return Block(kind, left, right, score, moved)


def test_runs_of_one_sided_blocks_of_one_kind_are_one_stop() -> None:
    blocks = [
        _block(BlockKind.EQUAL, score=1.0), _block(BlockKind.LEFT_ONLY), _block(BlockKind.LEFT_ONLY),
        _block(BlockKind.RIGHT_ONLY), _block(BlockKind.CHANGED), _block(BlockKind.CHANGED),
        _block(BlockKind.EQUAL, moved=True, score=1.0),
    ]
    stops = build_stops(blocks)
    assert stops == [Stop(1, 2), Stop(3, 3), Stop(4, 4), Stop(5, 5), Stop(6, 6)]
    assert stop_of_block(stops, 2) == 0 and stop_of_block(stops, 0) is None
    # Counted one difference at a time, as the review counter and the report count (issue 13):
    # the run of two is one stop and two differences.
    assert stop_summary(blocks, stops, 0) == "diffs 1–2/6 left only"
    assert stop_summary(blocks, stops, 2) == "diff 4/6 changed, score 0.80"
    assert stop_summary(blocks, stops, 4) == "diff 6/6 moved (unchanged)"
    assert stop_summary(blocks, stops, None) == "diff –/6"
    assert stop_summary(blocks, [], None) == "no differences"
    # Entered (Enter in the app), every passage of a run is a stop.
    one_by_one = build_stops(blocks, one_by_one=True)
    assert one_by_one[:2] == [Stop(1, 1), Stop(2, 2)] and len(one_by_one) == 6
    assert stop_summary(blocks, one_by_one, 1) == "diff 2/6 left only"


def test_step_wraps_at_both_ends_and_says_so() -> None:
    assert step(None, 3, True) == (0, False)
    assert step(2, 3, True) == (0, True)
    assert step(0, 3, False) == (2, True)
    assert step(None, 3, True, start_hint=1) == (1, False)
    assert step(None, 3, True, start_hint=3) == (0, True)


def test_status_line_fits_every_width_and_keeps_the_position_first() -> None:
    stats = Stats(equal=12, changed=40, moved=3, left_only=45, right_only=43, left_matched=0.091,
                  right_matched=0.114)
    state = StatusState("diff 7/9 changed, score 0.73", stats, "paragraph", 0.5)
    wide = status_line(state, 140)
    assert "diff 7/9 changed, score 0.73" in wide and "=12 ~40 ↕3 <45 >43" in wide
    assert "left 9% found in right, right 11% in left" in wide
    narrow = status_line(state, 80)
    assert cell_len(narrow) <= 80 and narrow.startswith(" diff 7/9")
    for width in range(10, 140, 7):
        assert cell_len(status_line(state, width)) <= width
    busy = status_line(StatusState("x", None, "paragraph", 0.5, busy="aligning 4.5 MB…"), 80)
    assert busy.strip() == "aligning 4.5 MB…"


def test_a_filter_follows_the_position_and_the_line_still_fits() -> None:
    stats = Stats(equal=12, changed=40, moved=3, left_only=45, right_only=43)
    state = StatusState("diff 2/5 changed, score 0.73", stats, "paragraph", 0.5, folded=True,
                        filter="filter: number money (of 40)")
    line = status_line(state, 120)
    assert line.startswith(" diff 2/5 changed, score 0.73 · filter: number money (of 40) │ only differences")
    for width in range(10, 140, 7):
        assert cell_len(status_line(state, width)) <= width


def test_the_classes_of_the_difference_show_unless_they_would_push_out_its_marks() -> None:
    stats = Stats(equal=12, changed=40, moved=3, left_only=45, right_only=43)
    state = StatusState("diff 5/92 changed, score 0.51", stats, "paragraph", 0.5, review="reviewed 3/92",
                        review_state="reviewed, flagged", classes="number, date")
    wide = status_line(state, 120)
    marked = " diff 5/92 changed, score 0.51 [number, date] — reviewed, flagged"
    assert wide.startswith(marked + " │ reviewed 3/92")
    # Too narrow for both: the marks in words and the review count stay, the classes give way.
    narrow = status_line(state, 80)
    assert narrow.startswith(" diff 5/92 changed, score 0.51 — reviewed, flagged │ reviewed 3/92")
    assert "[number" not in narrow
    for width in range(10, 140, 7):
        assert cell_len(status_line(state, width)) <= width


def test_hint_line_fits_and_shows_search_keys_while_searching() -> None:
    assert cell_len(hint_line(80)) <= 80
    assert "n/p diff" in hint_line(80)
    assert "n/N match" in hint_line(100, searching=True)


def test_document_label_names_the_encoding_and_shortens_long_paths() -> None:
    doc = make_document("/very/long/directory/name/for/a/report-2024.txt", "x", encoding="cp1252")
    assert document_label(doc) == "/very/long/directory/name/for/a/report-2024.txt (cp1252)"
    assert document_label(doc, 30) == "report-2024.txt (cp1252)"
    assert cell_len(document_label(doc, 10)) <= 10
    hostile = make_document("evil\x1b[2J[bold].txt", "x")
    assert "\x1b" not in document_label(hostile)


def test_standard_input_is_named_not_shown_as_a_dash() -> None:
    assert document_label(make_document("-", "x")) == "(standard input)"
    assert document_label(make_document("-", "x"), 12).startswith("(standard")


def test_a_change_of_punctuation_only_says_so_instead_of_score_1() -> None:
    """"changed, score 1.00" read as a contradiction: the words are the same, say what changed."""
    left = make_document("a.txt", "The council met on Monday, and it voted.\n\nThe budget is 63 pages.\n")
    right = make_document("b.txt", "The council met on Monday and it voted!\n\nThe budget is 70 pages.\n")
    alignment = compare_documents(left, right)
    stops = build_stops(alignment.blocks)
    assert stop_summary(alignment.blocks, stops, 0) == "diff 1/2 changed, only punctuation/case/markup"
    assert stop_summary(alignment.blocks, stops, 1).startswith("diff 2/2 changed, score 0.")


def test_a_long_note_is_cut_short_instead_of_dropping_the_review_and_settings() -> None:
    """Issue 13, bug 4: a 60-character note at 120 columns dropped the note, the review count,
    the totals and the settings all at once; at 80 columns notes never showed."""
    note = "note: " + "Ask the desk whether the casualty figure was revised again."
    state = StatusState("diff 3/9 changed, score 0.73", Stats(), "paragraph", 0.5,
                        review="reviewed 2/92, flagged 1", review_state=f"not reviewed, flagged, {note}")
    line = status_line(state, 120)
    assert cell_len(line) <= 120
    assert "not reviewed, flagged, note: Ask the desk whether" in line
    assert line.endswith("│ reviewed 2/92, flagged 1")
    assert "…" in line  # cut short, and said to be
    # At 80 columns the review count stays; the note is shown in the view, under its passage.
    assert "reviewed 2/92, flagged 1" in status_line(state, 80)
