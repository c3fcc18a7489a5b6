"""Word diff inside a pair: which words changed, which changes are only typographic, which
involve numbers (a changed number must never be missed)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from rapidfuzz.distance import Indel

from tui.engine.normalize import token_key
from tui.engine.tokens import TOKEN_RE, is_numeric


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


def _keys(text: str, texts: list[str], normalize: bool) -> list[str]:
    """Equality keys of tokens. A token has no whitespace, so for most of them the key is the
    token itself; only dashes, backquotes and non-ASCII characters fold (checked per passage
    first, then per token: documents have hundreds of thousands of tokens)."""
    if text.isascii() and "-" not in text and "`" not in text:
        return texts
    return [token_key(t, normalize) for t in texts]


# Indel.opcodes keeps a bit matrix of len(a) * len(b) / 8 bytes; above this product (two
# passages of some 20,000 words each) only the common beginning and end are matched and the
# middle is one replacement, so a book-length single line cannot exhaust memory.
MAX_OPCODE_PRODUCT = 4 * 10**8


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= MAX_OPCODE_PRODUCT:
        return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(a, b)]
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ea, eb = len(a) - tail, len(b) - tail
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    if (ea - head) * (eb - head) <= MAX_OPCODE_PRODUCT:
        for op in Indel.opcodes(a[head:ea], b[head:eb]):
            if op.src_start < op.src_end or op.dest_start < op.dest_end:
                shifted = (op.src_start + head, op.src_end + head, op.dest_start + head, op.dest_end + head)
                ops.append((op.tag, *shifted))
    else:
        if ea > head:
            ops.append(("delete", head, ea, head, head))
        if eb > head:
            ops.append(("insert", ea, ea, head, eb))
    if tail:
        ops.append(("equal", ea, len(a), eb, len(b)))
    return ops


def _spans(text: str, texts: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each token. Every non-space character belongs to a token, so the text is
    separator, token, separator, token, ...: cumulative lengths give the offsets (C-level list
    operations instead of a match object per token)."""
    lengths: list[int] = [0] * (2 * len(texts) + 1)
    lengths[0::2] = map(len, TOKEN_RE.split(text))
    lengths[1::2] = map(len, texts)
    bounds = list(accumulate(lengths))
    return list(zip(bounds[0::2], bounds[1::2], strict=False))  # one more separator than tokens


def diff_words(left: str, right: str, normalize: bool = True) -> list[WordOp]:
    """Token-level opcodes between two passages (rapidfuzz Indel on token sequences)."""
    ltexts, rtexts = TOKEN_RE.findall(left), TOKEN_RE.findall(right)
    lspans = _spans(left, ltexts)
    rspans = _spans(right, rtexts)
    ops: list[WordOp] = []
    nl, nr = len(ltexts), len(rtexts)
    for tag, i1, i2, j1, j2 in _opcodes(_keys(left, ltexts, normalize), _keys(right, rtexts, normalize)):
        lfall = lspans[i1][0] if i1 < nl else len(left)
        rfall = rspans[j1][0] if j1 < nr else len(right)
        ls, le = (lspans[i1][0], lspans[i2 - 1][1]) if i1 < i2 else (lfall, lfall)
        rs, re_ = (rspans[j1][0], rspans[j2 - 1][1]) if j1 < j2 else (rfall, rfall)
        if tag == "equal":
            if ltexts[i1:i2] == rtexts[j1:j2]:
                ops.append(WordOp("equal", ls, le, rs, re_))
            else:
                # Equal after normalisation: split into typographic runs so only those tokens show.
                for k in range(i2 - i1):
                    a, b = lspans[i1 + k], rspans[j1 + k]
                    same = ltexts[i1 + k] == rtexts[j1 + k]
                    ops.append(WordOp("equal", a[0], a[1], b[0], b[1], typographic=not same))
            continue
        changed = ltexts[i1:i2] + rtexts[j1:j2]
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
