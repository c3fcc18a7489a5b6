"""The selection, search and fold transitions of tui/app/view_state.py, without a screen."""

from __future__ import annotations

from tui.app.layout import LEFT, RIGHT
from tui.app.navigation import Stop
from tui.app.search import Match
from tui.app.view_state import OnScreen, ViewState
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document

LEFT_TEXT = "Alpha one two three.\n\nBravo said the old words here.\n\nCharlie stays the same.\n"
RIGHT_TEXT = (
    "Alpha one two three.\n\nBravo said the new words here.\n\nCharlie stays the same.\n\n"
    "Delta is new.\n\nEcho is new too.\n"
)


def _blocks():
    """equal, changed, equal, right only, right only (a run)."""
    return compare_documents(make_document("l", LEFT_TEXT), make_document("r", RIGHT_TEXT)).blocks


def _state(*stops: tuple[int, int], current: int | None = None) -> ViewState:
    return ViewState(stops=[Stop(first, last) for first, last in stops], current=current)


NOTHING_ON_SCREEN = OnScreen(None, None, False)


def test_a_new_alignment_selects_nothing_and_keeps_the_query_only() -> None:
    state = ViewState(query="bravo", matches=[Match(1, LEFT, 0, 0, 5)], match_index=0, current=0,
                      at_stub=True, sentence_jump=(0, 1), marks={(1, LEFT, 0): [(0, 5)]})
    aligned = state.aligned(_blocks())
    assert aligned.stops == [Stop(1, 1), Stop(3, 4)]  # the run of right-only passages is one stop
    assert (aligned.current, aligned.at_stub, aligned.sentence_jump) == (None, False, None)
    assert (aligned.query, aligned.matches, aligned.match_index, aligned.marks) == ("bravo", [], None, {})


def test_next_and_previous_wrap_around_and_say_so() -> None:
    on_screen = OnScreen(0, 4, True)
    last = _state((1, 1), (3, 3), (5, 5), current=2)
    moved = last.step(True, on_screen)
    assert moved is not None and (moved.state.current, moved.wrapped) == (0, True)
    moved = moved.state.step(False, on_screen)
    assert moved is not None and (moved.state.current, moved.wrapped) == (2, True)
    moved = moved.state.step(False, on_screen)
    assert moved is not None and (moved.state.current, moved.wrapped) == (1, False)


def test_an_empty_document_has_nowhere_to_step() -> None:
    assert ViewState().step(True, NOTHING_ON_SCREEN) is None
    assert ViewState().step(False, OnScreen(0, 0, False)) is None


def test_with_nothing_selected_n_starts_from_the_top_of_the_view() -> None:
    state = _state((1, 1), (3, 3), (5, 5), (7, 7))
    moved = state.step(True, OnScreen(top_block=4, bottom_block=6, selection_visible=False))
    assert moved is not None and (moved.state.current, moved.wrapped) == (2, False)
    # p goes to the difference above the top.
    moved = state.step(False, OnScreen(top_block=4, bottom_block=6, selection_visible=False))
    assert moved is not None and (moved.state.current, moved.wrapped) == (1, False)
    # Below the last difference: n wraps to the first.
    moved = state.step(True, OnScreen(top_block=8, bottom_block=9, selection_visible=False))
    assert moved is not None and (moved.state.current, moved.wrapped) == (0, True)
    # No layout yet: the first and the last.
    first, last = state.step(True, NOTHING_ON_SCREEN), state.step(False, NOTHING_ON_SCREEN)
    assert first is not None and last is not None
    assert (first.state.current, last.state.current) == (0, 3)


def test_after_scrolling_away_n_and_p_step_from_what_is_on_screen() -> None:
    """g, G or a page key moved the view: the selection (difference 0) is out of sight."""
    state = _state((1, 1), (3, 3), (5, 5), (7, 7), (9, 9), current=0)
    screen = OnScreen(top_block=4, bottom_block=7, selection_visible=False)
    forward, back = state.step(True, screen), state.step(False, screen)
    assert forward is not None and forward.state.current == 2  # the first below the top
    assert back is not None and back.state.current == 3  # the last above the bottom
    # The same selection in sight: n and p step from it.
    visible = OnScreen(top_block=0, bottom_block=4, selection_visible=True)
    forward, back = state.step(True, visible), state.step(False, visible)
    assert forward is not None and forward.state.current == 1
    assert back is not None and (back.state.current, back.wrapped) == (4, True)


def test_a_click_selects_only_a_difference() -> None:
    state = _state((1, 1), (3, 4))
    assert state.select_block(4, at_stub=True).current == 1
    assert state.select_block(4, at_stub=True).at_stub
    assert state.select_block(2) is state  # an equal passage: nothing changes


def test_runs_one_by_one_keep_the_same_passage_selected() -> None:
    blocks = _blocks()
    state = ViewState().aligned(blocks).select(1)  # the run of right-only passages 3 and 4
    one_by_one = state.toggle_runs(blocks)
    assert one_by_one.one_by_one and one_by_one.stops == [Stop(1, 1), Stop(3, 3), Stop(4, 4)]
    assert one_by_one.stop == Stop(3, 3)
    back = one_by_one.select(2).toggle_runs(blocks)  # from passage 4, back to runs: the run holds it
    assert not back.one_by_one and back.stop == Stop(3, 4)
    assert ViewState().aligned(blocks).toggle_runs(blocks).current is None


def test_a_sentence_jump_remembers_where_it_came_from() -> None:
    state = _state((1, 1), (3, 3), (5, 5), current=0)
    there = state.jumped(2)
    assert (there.current, there.sentence_jump) == (2, (0, 2))
    assert there.came_back() == Stop(1, 1)
    assert there.select(1).came_back() is None  # moved on with n: no way back
    assert state.jumped(None) is state  # the other end is an equal passage: no stop to select
    assert _state((1, 1)).jumped(0).sentence_jump is None  # nothing was selected before


def test_selection_marks_name_the_stub_of_a_moved_passage_only() -> None:
    blocks = _blocks()
    state = ViewState().aligned(blocks)
    assert state.selection_marks(blocks) == (None, None)
    assert state.select(1).selection_marks(blocks) == ((3, 4), None)
    assert state.select(1).toggle_stub().at_stub


def _matches() -> list[Match]:
    return [Match(0, LEFT, 0, 0, 4), Match(0, RIGHT, 0, 0, 4, navigable=False), Match(1, LEFT, 0, 6, 10),
            Match(3, RIGHT, 0, 2, 6)]


def test_a_search_steps_through_the_navigable_matches_and_wraps() -> None:
    state = _state((1, 1), (3, 4)).searched("word", _matches())
    assert state.searching and len(state.matches) == 3 and state.match_index is None
    assert len(state.marks) == 4  # the right side of an equal pair is marked, not stepped to
    first = state.at_match(state.first_match_from(1))
    assert (first.match_index, first.current) == (1, 0)  # the match in block 1, difference 0
    moved = first.step_match(True)
    assert (moved.state.match_index, moved.state.current, moved.wrapped) == (2, 1, False)
    moved = moved.state.step_match(True)
    assert (moved.state.match_index, moved.state.current, moved.wrapped) == (0, None, True)  # equal
    moved = moved.state.step_match(False)
    assert (moved.state.match_index, moved.wrapped) == (2, True)


def test_a_search_without_a_match_leaves_n_to_the_differences() -> None:
    state = _state((1, 1)).searched("absent", [])
    assert state.query == "absent" and not state.searching and state.match is None
    assert state.first_match_from(None) == 0
    ended = _state((1, 1)).searched("word", _matches()).search_ended()
    assert (ended.query, ended.matches, ended.match_index, ended.marks) == ("", [], None, {})


def test_a_query_typed_before_the_alignment_is_kept_for_it() -> None:
    assert ViewState().asked("later").query == "later"
    assert not ViewState().asked("later").searching


def test_a_fold_that_hides_the_target_is_opened_and_only_then() -> None:
    folded = ViewState().toggle_fold()
    assert folded.folded and not folded.toggle_fold().folded
    assert not folded.revealing(hidden=True).folded
    assert folded.revealing(hidden=False) is folded
    assert ViewState().revealing(hidden=True) == ViewState()


def test_transitions_leave_the_old_state_as_it_was() -> None:
    state = _state((1, 1), (3, 3), current=0).searched("word", _matches())
    state.step(True, OnScreen(0, 3, True))
    state.at_match(2)
    state.toggle_fold()
    assert (state.current, state.match_index, state.folded) == (0, None, False)
