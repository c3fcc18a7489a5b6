"""The fast word diff gives exactly the ops of the plain algorithm.

`diff_words` skips the text both passages begin and end with, tokenises ASCII text with an ASCII
regex, caches token keys and fills WordOps through their slots. None of that may change what a
reviewer sees: here every result is compared with the plain algorithm (every token of both texts
aligned at once, ops built with the WordOp constructor) on generated pairs full of what makes
tokens tricky, and on real document pairs when they are installed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.engine import worddiff
from tui.engine.compare import compare_files
from tui.engine.model import AlignOptions
from tui.engine.normalize import token_key
from tui.engine.tokens import TOKEN_RE, is_numeric
from tui.engine.worddiff import WordOp, diff_words

# Typographic variants, dashes, ellipses, backquotes, number words and digits, NFKC-folding
# characters, combining marks, and spaces only Unicode knows (no-break, U+001C, thin space).
WORDS = (
    "the plan nine eight 63 70 16,000 3.5 don't don’t well-known well‐known a_b _ x "
    "“ ” \" ' ’ ` `` ´ - -- --- — – − ... .. … . , ( ) ﬁ ² ½ Ａ é e\u0301 東京 word"
).split()
PIECES = [*WORDS, "\u00a0", "\x1c", "\u2009"]
SEPARATORS = ("", " ", " ", " ", "  ", "\n", "\t")


def _text(rng: random.Random, size: int) -> list[str]:
    return [rng.choice(PIECES) + rng.choice(SEPARATORS) for _ in range(size)]


def _edited(rng: random.Random, pieces: list[str]) -> list[str]:
    out = list(pieces)
    for _ in range(rng.randint(0, 5)):
        at = rng.randint(0, len(out))
        action = rng.random()
        if action < 0.35 or not out:
            out.insert(at, rng.choice(PIECES) + rng.choice(SEPARATORS))
        elif action < 0.7:
            del out[min(at, len(out) - 1)]
        else:
            out[min(at, len(out) - 1)] = rng.choice(PIECES) + rng.choice(SEPARATORS)
    return out


def _generated_pairs(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = [("", ""), ("", "a"), ("a b", ""), (" ", "  "), ("same text", "same text")]
    for _ in range(count):
        left = _text(rng, rng.randint(0, 30))
        right = _edited(rng, left) if rng.random() < 0.85 else _text(rng, rng.randint(0, 30))
        pairs.append(("".join(left), "".join(right)))
    return pairs


def _plain_diff(left: str, right: str, normalize: bool) -> list[WordOp]:
    """Every token of both texts aligned at once: the definition `diff_words` must match."""
    ltok = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(left)]
    rtok = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(right)]
    lkeys = [token_key(text, normalize) for text, _, _ in ltok]
    rkeys = [token_key(text, normalize) for text, _, _ in rtok]
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in worddiff._opcodes(lkeys, rkeys):
        lfall = ltok[i1][1] if i1 < len(ltok) else len(left)
        rfall = rtok[j1][1] if j1 < len(rtok) else len(right)
        ls, le = (ltok[i1][1], ltok[i2 - 1][2]) if i1 < i2 else (lfall, lfall)
        rs, re_ = (rtok[j1][1], rtok[j2 - 1][2]) if j1 < j2 else (rfall, rfall)
        ltexts, rtexts = [t[0] for t in ltok[i1:i2]], [t[0] for t in rtok[j1:j2]]
        if tag == "equal" and ltexts != rtexts:
            for a, b in zip(ltok[i1:i2], rtok[j1:j2], strict=True):
                ops.append(WordOp("equal", a[1], a[2], b[1], b[2], typographic=a[0] != b[0]))
        elif tag == "equal":
            ops.append(WordOp("equal", ls, le, rs, re_))
        else:
            numeric = any(is_numeric(t) for t in ltexts + rtexts)
            ops.append(WordOp(tag, ls, le, rs, re_, numeric=numeric))
    merged: list[WordOp] = []
    for op in ops:
        if merged and {merged[-1].tag, op.tag} == {"delete", "insert"}:
            prev = merged.pop()
            d, i = (prev, op) if prev.tag == "delete" else (op, prev)
            merged.append(WordOp("replace", d.left_start, d.left_end, i.right_start, i.right_end,
                                 numeric=d.numeric or i.numeric))
        else:
            merged.append(op)
    return merged


def _assert_same_as_plain(pairs: list[tuple[str, str]]) -> None:
    for left, right in pairs:
        for normalize in (True, False):
            fast = diff_words(left, right, normalize)
            plain = _plain_diff(left, right, normalize)
            assert fast == plain, (left, right, normalize)
            # Built through the slots, the ops are still ordinary WordOps.
            assert [hash(op) for op in fast] == [hash(op) for op in plain]
            assert repr(fast) == repr(plain)


def test_generated_pairs_give_the_plain_algorithms_ops() -> None:
    _assert_same_as_plain(_generated_pairs(1500, seed=20261122))


def test_bounded_alignment_of_huge_passages_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    # A tiny bound makes ordinary pairs take the path of book-length passages (common ends
    # matched, the rest one replacement), and a tiny cache is replaced again and again.
    monkeypatch.setattr(worddiff, "MAX_OPCODE_PRODUCT", 60)
    monkeypatch.setattr(worddiff, "_KEY_CACHE_LIMIT", 20)
    _assert_same_as_plain(_generated_pairs(600, seed=7))


def test_shared_beginning_that_runs_on_into_the_shared_end() -> None:
    # Between the shared edges the left has “ and the right " yes: the left middle is a beginning
    # of the right one, and aligned alone they would mark the first "yes" as inserted. Aligned
    # as whole texts, the common beginning runs on into the shared end: the last "yes" is new.
    left = "we said “ yes"
    right = 'we said " yes yes'
    ops = diff_words(left, right)
    assert ops == _plain_diff(left, right, True)
    assert [(op.tag, op.right_start) for op in ops if op.tag != "equal"] == [("insert", len(right) - 3)]


def test_typographic_run_next_to_a_shared_edge_is_shown_token_by_token() -> None:
    left = "one two three it’s four five six"
    right = "one two three it's four five six"
    ops = diff_words(left, right)
    assert ops == _plain_diff(left, right, True)
    assert [left[op.left_start:op.left_end] for op in ops if op.typographic] == ["it’s"]
    assert len(ops) == 7  # one op per token: the run is split so only "it’s" is marked


LICENCES = Path("/usr/share/common-licenses")
LICENCE_PAIRS = [("GPL-2", "GPL-3"), ("LGPL-2", "LGPL-2.1"), ("GFDL-1.2", "GFDL-1.3"), ("MPL-1.1", "MPL-2.0")]


def _block_texts(left_path: str, right_path: str, unit: str) -> list[tuple[str, str]]:
    alignment = compare_files(left_path, right_path, AlignOptions(unit=unit))
    pairs = []
    for block in alignment.blocks:
        if block.left and block.right:
            lstart, lend = block.left[0].start_offset, block.left[-1].end_offset
            rstart, rend = block.right[0].start_offset, block.right[-1].end_offset
            pairs.append((alignment.left.text[lstart:lend], alignment.right.text[rstart:rend]))
    return pairs


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_seed_snapshots_give_the_plain_algorithms_ops(unit: str, seed_paths: tuple[Path, Path]) -> None:
    _assert_same_as_plain(_block_texts(str(seed_paths[0]), str(seed_paths[1]), unit))


@pytest.mark.parametrize(("old", "new"), LICENCE_PAIRS)
def test_licence_editions_give_the_plain_algorithms_ops(old: str, new: str) -> None:
    if not (LICENCES / old).exists() or not (LICENCES / new).exists():
        pytest.skip("Debian's common-licenses are not installed")
    _assert_same_as_plain(_block_texts(str(LICENCES / old), str(LICENCES / new), "paragraph"))


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # as in conftest.py
CORPUS_PAIRS = [
    "small-pep0257-docstrings", "small-pep0428-pathlib", "small-progit-ch1-ed1-vs-ed2",
    "small-quic-invariants-00-vs-13", "medium-pep0622-draft-vs-final", "medium-quic-recovery-20-vs-34",
]


@pytest.mark.parametrize("pair", CORPUS_PAIRS)
def test_corpus_pairs_give_the_plain_algorithms_ops(pair: str) -> None:
    left, right = CORPUS / pair / "left.txt", CORPUS / pair / "right.txt"
    if not left.exists() or not right.exists():
        pytest.skip("the shared evaluation corpus is not here")
    _assert_same_as_plain(_block_texts(str(left), str(right), "paragraph"))
