"""Inputs that would make a quadratic step explode: a book on one line, many tiny lines, many
duplicates. They must come out right, not just finish (no timing here: see `make bench`)."""

from __future__ import annotations

from tui.engine import align as align_module
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions, BlockKind
from tui.engine.reading import make_document
from tui.engine.worddiff import diff_words


def _words(n: int, seed: int = 0) -> list[str]:
    vocab = "river bank council budget school road bridge market harbour seal tree path".split()
    return [f"{vocab[(i * 7 + seed) % len(vocab)]}{i % 97}" for i in range(n)]


def test_huge_single_line_pair_is_paired_and_the_change_found(monkeypatch) -> None:
    # Lower the limit so that a modest text takes the path a book-length line would.
    monkeypatch.setattr(align_module, "HUGE_PRODUCT", 10_000)
    words = _words(3000)
    changed = list(words)
    changed[1500] = "nine"
    left, right = " ".join(words), " ".join(changed)
    result = compare_documents(
        make_document("l", left + "\n"), make_document("r", right + "\n"), AlignOptions()
    )
    assert [b.kind for b in result.blocks] == [BlockKind.CHANGED]
    assert result.blocks[0].score > 0.99


def test_word_diff_of_huge_passages_keeps_common_ends(monkeypatch) -> None:
    from tui.engine import worddiff

    monkeypatch.setattr(worddiff, "MAX_OPCODE_PRODUCT", 1000)
    words = _words(400)
    changed = [*words[:200], "eight", *words[201:]]
    ops = diff_words(" ".join(words), " ".join(changed))
    real = [op for op in ops if op.tag != "equal"]
    assert len(real) == 1 and real[0].numeric
    left_text = " ".join(words)
    assert left_text[real[0].left_start : real[0].left_end] == words[200]


def test_many_short_lines_are_separate_units_and_align() -> None:
    left = "".join(f"item {i}\n" for i in range(3000))
    right = "item 1\n" + "".join(f"item {i}\n" for i in range(1, 3000))
    result = compare_documents(make_document("l", left), make_document("r", right), AlignOptions())
    assert len(result.left_units) == 3000 and len(result.right_units) == 3000
    # "item 0" became "item 1" in place (a changed number); everything else is equal, in order.
    first, *rest = result.blocks
    assert first.kind is BlockKind.CHANGED and first.left[0].text == "item 0" and first.right[0].index == 0
    assert len(rest) == 2999 and all(b.kind is BlockKind.EQUAL and not b.moved for b in rest)


def test_many_duplicate_paragraphs_pair_in_order() -> None:
    block = "\n\n".join(["Options", "See the manual for details.", "Examples"] * 300) + "\n"
    result = compare_documents(make_document("l", block), make_document("r", block), AlignOptions())
    assert all(b.kind is BlockKind.EQUAL and not b.moved for b in result.blocks)
    assert all(b.left[0].index == b.right[0].index for b in result.blocks)
