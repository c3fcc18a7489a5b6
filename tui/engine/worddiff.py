"""Word diff inside a pair: which words changed, which changes are only typographic, which
involve numbers (a changed number must never be missed)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from tui.engine.normalize import equality_key
from tui.engine.tokens import Token, is_numeric, tokenize


@dataclass(frozen=True, slots=True)
class WordOp:
    """A run of tokens: offsets are into the left and right texts given to `diff_words`."""

    tag: str  # "equal" | "replace" | "delete" | "insert"
    left_start: int
    left_end: int
    right_start: int
    right_end: int
    typographic: bool = False  # tokens differ only typographically (shown, but not a real change)
    numeric: bool = False  # a number (digits or a number word) was changed, added or removed


def _key(token: Token, normalize: bool) -> str:
    return equality_key(token.text, normalize)


def _span(tokens: list[Token], lo: int, hi: int, fallback: int) -> tuple[int, int]:
    if lo >= hi:
        return fallback, fallback
    return tokens[lo].start, tokens[hi - 1].end


def diff_words(left: str, right: str, normalize: bool = True) -> list[WordOp]:
    """Token-level opcodes between two passages (rapidfuzz Indel on token sequences)."""
    lt, rt = tokenize(left), tokenize(right)
    lkeys = [_key(t, normalize) for t in lt]
    rkeys = [_key(t, normalize) for t in rt]
    ops: list[WordOp] = []
    for op in Indel.opcodes(lkeys, rkeys):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        lfall = lt[i1].start if i1 < len(lt) else len(left)
        rfall = rt[j1].start if j1 < len(rt) else len(right)
        ls, le = _span(lt, i1, i2, lfall)
        rs, re_ = _span(rt, j1, j2, rfall)
        if tag == "equal":
            raw_same = all(lt[i1 + k].text == rt[j1 + k].text for k in range(i2 - i1))
            if raw_same:
                ops.append(WordOp("equal", ls, le, rs, re_))
            else:
                # Equal after normalisation: split into typographic runs so only those tokens show.
                for k in range(i2 - i1):
                    a, b = lt[i1 + k], rt[j1 + k]
                    same = a.text == b.text
                    ops.append(WordOp("equal", a.start, a.end, b.start, b.end, typographic=not same))
            continue
        changed = [t.text for t in lt[i1:i2]] + [t.text for t in rt[j1:j2]]
        ops.append(WordOp(tag, ls, le, rs, re_, numeric=any(is_numeric(t) for t in changed)))
    return _merge_replace(ops)


def _merge_replace(ops: list[WordOp]) -> list[WordOp]:
    """Indel has no 'replace': a delete next to an insert reads as one replacement."""
    out: list[WordOp] = []
    for op in ops:
        if out and {out[-1].tag, op.tag} == {"delete", "insert"}:
            prev = out.pop()
            d, i = (prev, op) if prev.tag == "delete" else (op, prev)
            out.append(
                WordOp("replace", d.left_start, d.left_end, i.right_start, i.right_end,
                       numeric=d.numeric or i.numeric)
            )
        else:
            out.append(op)
    return out


def changed_numbers(left: str, right: str, normalize: bool = True) -> list[tuple[str, str]]:
    """The (left, right) text of every change that involves a number, for reports."""
    return [
        (left[op.left_start:op.left_end], right[op.right_start:op.right_end])
        for op in diff_words(left, right, normalize)
        if op.numeric
    ]
