from __future__ import annotations

from tui.engine.normalize import equality_key, match_key, typography_key


def test_curly_and_straight_quotes_and_apostrophes_are_the_same() -> None:
    assert typography_key("“Crimea was lost,” Trump’s") == typography_key('"Crimea was lost," Trump\'s')


def test_ellipsis_dashes_and_non_breaking_spaces_fold() -> None:
    assert typography_key("years ago… and") == typography_key("years ago... and")
    assert equality_key("Russia – which", True) == equality_key("Russia - which", True)
    assert equality_key("Russia—which", True) == equality_key("Russia -- which", True)
    assert typography_key("10\u00a0people") == typography_key("10 people")


def test_rewrapped_whitespace_is_equal() -> None:
    assert typography_key("one two\n   three\tfour ") == "one two three four"


def test_case_matters_for_equality_but_not_for_matching() -> None:
    assert equality_key("Crimea", True) != equality_key("crimea", True)
    assert match_key("Crimea") == match_key("crimea")


def test_no_normalize_keeps_typography_distinct() -> None:
    assert equality_key("“quoted”", False) != equality_key('"quoted"', False)
    assert equality_key("two\n words", False) == equality_key("two words", False)
