"""The fuzzy match that review marks and corrections carry by (tui/review/similar_text.py)."""

from __future__ import annotations

from tui.review.similar_text import best, comparable, ratios, unique_best

TOLL = "It comes after at least nine people were killed in a massive Russian attack."


def test_texts_compare_as_identity_does_case_folded() -> None:
    assert comparable("It’s  “Nine”") == comparable('it\'s "nine"')
    assert comparable("a", "b") != comparable("a b")  # the sides stay apart


def test_the_best_and_the_clear_best() -> None:
    choices = {1: comparable(TOLL.replace("nine", "eight")), 2: comparable("Talks resumed in Istanbul.")}
    assert best(comparable(TOLL), choices, 85) == 1
    scores = ratios(comparable(TOLL), choices, 85)
    assert list(scores) == [1] and scores[1] > 90
    assert unique_best({1: 97.0, 2: 93.0}, margin=3) == 1
    assert unique_best({1: 97.0, 2: 95.0}, margin=3) is None  # about as close: ambiguous
    assert unique_best({}, margin=3) is None
