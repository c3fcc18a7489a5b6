"""Search over the displayed text of both documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.layout import LEFT, RIGHT, TextStore
from tui.app.search import find_matches, match_marks
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document, read_document


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


def _found_texts(left: str, right: str, query: str) -> list[str]:
    """The original text each match covers, in order."""
    blocks = _blocks(left, right)
    store = TextStore()
    found = []
    for m in find_matches(blocks, store, query):
        passages = blocks[m.block].left if m.side == LEFT else blocks[m.block].right
        found.append(store.get(m.side, passages[m.pos]).text[m.start:m.end])
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Trump's", ["Trump’s", "Trump's"]),  # either apostrophe finds both
        ("Trump’s", ["Trump’s", "Trump's"]),
        ("crimea was lost years ago...", ["Crimea was lost years ago…"]),  # case and ellipsis
        ("“not even”", ['"not even"']),
        ("anti-war", ["anti — war", "anti--war"]),  # dashes, spaced or not, as alignment folds them
        ("point   of\u00a0discussion", ["point of discussion"]),
    ],
)
def test_search_folds_typography_and_case_as_alignment_does(query: str, expected: list[str]) -> None:
    left = "Mr Trump’s post: “Crimea was lost years ago… and is not even a point of discussion”.\n"
    right = 'Mr Trump\'s post: "not even" close, an anti — war group and an anti--war rally.\n'
    assert _found_texts(left, right, query) == expected


def test_a_query_starting_with_equals_matches_case_and_typography_exactly() -> None:
    left = "Mr Trump’s post.\n"
    right = "Mr Trump's post, trump’s echo.\n"
    assert _found_texts(left, right, "=Trump’s") == ["Trump’s"]
    assert _found_texts(left, right, "=trump’s") == ["trump’s"]
    assert _found_texts(left, right, "=Trump's") == ["Trump's"]
    assert find_matches(_blocks(left, right), TextStore(), "=  ") == []


def test_on_the_seeds_either_apostrophe_finds_every_trumps() -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    blocks = compare_documents(*(read_document(str(p)) for p in seeds)).blocks
    straight = find_matches(blocks, TextStore(), "Trump's")
    assert len(straight) > 1 and straight == find_matches(blocks, TextStore(), "Trump’s")
