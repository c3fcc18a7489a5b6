from __future__ import annotations

from tui.engine.worddiff import changed_numbers, diff_words


def _changes(a: str, b: str, **kw) -> list[tuple[str, str, str]]:
    return [
        (op.tag, a[op.left_start:op.left_end], b[op.right_start:op.right_end])
        for op in diff_words(a, b, **kw)
        if op.tag != "equal"
    ]


def test_changed_number_word_is_a_numeric_replacement() -> None:
    a = "at least nine people were killed"
    b = "at least eight people were killed"
    ops = [op for op in diff_words(a, b) if op.tag != "equal"]
    assert len(ops) == 1
    assert ops[0].numeric
    assert (a[ops[0].left_start:ops[0].left_end], b[ops[0].right_start:ops[0].right_end]) == ("nine", "eight")


def test_changed_digits_are_numeric() -> None:
    assert changed_numbers("injuring another 63 people", "injuring another 70 people") == [("63", "70")]
    assert changed_numbers("16,000 residents", "16,500 residents") == [("16,000", "16,500")]


def test_plain_word_change_is_not_numeric() -> None:
    ops = [op for op in diff_words("a massive attack", "a huge attack") if op.tag != "equal"]
    assert [(op.tag, op.numeric) for op in ops] == [("replace", False)]


def test_insertions_and_deletions_have_empty_other_side() -> None:
    assert _changes("the cat sat", "the black cat sat") == [("insert", "", "black")]
    assert _changes("the black cat sat", "the cat sat") == [("delete", "black", "")]


def test_typographic_only_tokens_are_marked_not_changed() -> None:
    a, b = "he said “harder” today", 'he said "harder" today'
    ops = diff_words(a, b)
    assert all(op.tag == "equal" for op in ops)
    typo = [a[op.left_start:op.left_end] for op in ops if op.typographic]
    assert typo == ["“", "”"]


def test_without_normalisation_typography_is_a_change() -> None:
    a, b = "he said “harder” today", 'he said "harder" today'
    assert [tag for tag, _, _ in _changes(a, b, normalize=False)] == ["replace", "replace"]


def test_typewriter_ellipsis_and_dashes_line_up_with_their_typographic_forms() -> None:
    cases = [
        ("years ago... and", "years ago… and", ("...", "…")),
        ("costs -- and", "costs — and", ("--", "—")),
    ]
    for a, b, expected in cases:
        ops = diff_words(a, b)
        assert all(op.tag == "equal" for op in ops), (a, b)
        typographic = [
            (a[op.left_start:op.left_end], b[op.right_start:op.right_end]) for op in ops if op.typographic
        ]
        assert typographic == [expected]
