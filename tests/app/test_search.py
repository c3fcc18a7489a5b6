"""Search over the displayed text of both documents."""

from __future__ import annotations

from tui.app.layout import LEFT, RIGHT, TextStore
from tui.app.search import find_matches, match_marks
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document


def _blocks(left: str, right: str):
    return compare_documents(make_document("l", left), make_document("r", right)).blocks


def test_matches_span_hard_wrapped_line_breaks_and_ignore_case() -> None:
    left = "The committee met on Tuesday to discuss the swimming\npool and its closure, announced in May.\n"
    blocks = _blocks(left, "Something else entirely, with Swimming Pool here.\n")
    found = find_matches(blocks, TextStore(), "swimming   POOL")
    assert {(m.side, m.start) for m in found} == {(LEFT, 44), (RIGHT, 30)}


def test_equal_pairs_are_stepped_through_once_but_marked_on_both_sides() -> None:
    text = "An identical paragraph about the harbour.\n"
    found = find_matches(_blocks(text, text), TextStore(), "harbour")
    assert [m.navigable for m in found] == [True, False]
    assert set(match_marks(found)) == {(0, LEFT, 0), (0, RIGHT, 0)}


def test_empty_query_and_absent_text() -> None:
    blocks = _blocks("One.\n", "Two.\n")
    assert find_matches(blocks, TextStore(), "   ") == []
    assert find_matches(blocks, TextStore(), "three") == []
