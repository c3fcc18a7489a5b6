"""Word diff inside a pair: which words changed, which changes are only typographic, which
involve numbers (a changed number must never be missed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from itertools import accumulate, repeat
from operator import ne

from rapidfuzz.distance import Indel, Postfix, Prefix

from tui.engine.normalize import token_key
from tui.engine.tokens import NUMBER_WORDS, TOKEN_RE


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


# The fields of a WordOp, built as plain tuples first (a frozen dataclass is slow to construct
# and delete/insert pairs are merged before the ops are final).
_Op = tuple[str, int, int, int, int, bool, bool]
_Opcode = tuple[str, int, int, int, int]  # Indel's (tag, i1, i2, j1, j2) over token indices

# Setting the slots of a bare WordOp skips the frozen dataclass's __init__ (a Python frame calling
# object.__setattr__ once per field): the same object built about twice as fast, and a JSON report
# builds tens of thousands (tests/engine/test_worddiff_identity.py compares them with WordOp(...)).
# Unpacking fails at import if WordOp gains a field.
_set_tag, _set_left_start, _set_left_end, _set_right_start, _set_right_end, _set_typographic, _set_numeric = (
    getattr(WordOp, field.name).__set__ for field in fields(WordOp)
)


def _word_ops(ops: list[_Op]) -> list[WordOp]:
    made: list[WordOp] = []
    for tag, left_start, left_end, right_start, right_end, typographic, numeric in ops:
        op = object.__new__(WordOp)
        _set_tag(op, tag)
        _set_left_start(op, left_start)
        _set_left_end(op, left_end)
        _set_right_start(op, right_start)
        _set_right_end(op, right_end)
        _set_typographic(op, typographic)
        _set_numeric(op, numeric)
        made.append(op)
    return made


# TOKEN_RE as one capturing group: `split` then yields separator, token, separator, ... in a
# single scan, giving both the tokens and (from the lengths) their offsets.
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})", TOKEN_RE.flags)
# The digit test of tokens.is_numeric, run over a span of tokens at once.
_DIGIT_RE = re.compile(r"\d")


# On ASCII text the ASCII flavour of the same pattern tokenises identically and faster, except
# that Unicode \s also counts the separators \x1c-\x1f as space.
_TOKEN_SPLIT_ASCII_RE = re.compile(_TOKEN_SPLIT_RE.pattern, _TOKEN_SPLIT_RE.flags & ~re.UNICODE | re.ASCII)


def _split(text: str) -> list[str]:
    """Separator, token, separator, ..., token, separator: every non-space character belongs to a
    token, so the parts join up to the text and token k is parts[2k + 1]."""
    if text.isascii() and (
        "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text
    ):
        return _TOKEN_SPLIT_ASCII_RE.split(text)
    return _TOKEN_SPLIT_RE.split(text)


# token -> equality key, one cache per `normalize`. A document has a few thousand distinct tokens
# and a word diff meets them again and again; the cache is replaced (never cleared in place,
# which a diff running in another thread could see) when it grows past the limit.
_KEY_CACHE_LIMIT = 1 << 16
_key_caches: dict[bool, dict[str, str]] = {True: {}, False: {}}


def _keys(text: str, texts: list[str], normalize: bool) -> list[str]:
    """Equality keys of tokens. A token has no whitespace, so for most of them the key is the
    token itself; only dashes, backquotes (when normalising) and non-ASCII characters fold."""
    if text.isascii() and (not normalize or ("-" not in text and "`" not in text)):
        return texts
    cache = _key_caches[normalize]
    keys = list(map(cache.get, texts))
    if None not in keys:
        return keys
    missing = set(texts).difference(cache)
    if len(cache) + len(missing) > _KEY_CACHE_LIMIT:
        cache = _key_caches[normalize] = {}
        missing = set(texts)
    for token in missing:
        cache[token] = token_key(token, normalize)
    return list(map(cache.__getitem__, texts))


# Indel.opcodes keeps a bit matrix of len(a) * len(b) / 8 bytes; above this product (two
# passages of some 20,000 words each) only the common beginning and end are matched and the
# middle is one replacement, so a book-length single line cannot exhaust memory.
MAX_OPCODE_PRODUCT = 4 * 10**8


def _opcodes(a: list[str], b: list[str]) -> list[_Opcode]:
    if len(a) * len(b) <= MAX_OPCODE_PRODUCT:
        return Indel.opcodes(a, b).as_list()
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ea, eb = len(a) - tail, len(b) - tail
    ops: list[_Opcode] = []
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


def _shared_edges(left: str, right: str) -> tuple[int, int, int]:
    """(cut, left_end, right_end) with left[:cut] == right[:cut] and left[left_end:] ==
    right[right_end:], the two not overlapping. Each edge is cut at a whitespace character: no
    token crosses whitespace, so the tokens of an edge, and of the middle between the edges, are
    the ones the whole text has there."""
    prefix = Prefix.similarity(left, right)  # length of the common beginning
    suffix = min(Postfix.similarity(left, right), min(len(left), len(right)) - prefix)
    cut = max(left.rfind(" ", 0, prefix), left.rfind("\n", 0, prefix), 0)
    left_end = len(left)
    if suffix:
        start = len(left) - suffix
        space, newline = left.find(" ", start), left.find("\n", start)
        if space >= 0:
            left_end = space
        if 0 <= newline < left_end:
            left_end = newline
    return cut, left_end, left_end + len(right) - len(left)


def _edge_tokens(text: str, left_base: int, right_base: int) -> list[_Op]:
    """An edge shared by both texts, token by token (each its own untouched equal op)."""
    bounds = list(accumulate(map(len, _split(text))))  # token k: bounds[2k] to bounds[2k + 1]
    return [
        ("equal", left_base + s, left_base + e, right_base + s, right_base + e, False, False)
        for s, e in zip(bounds[0:-1:2], bounds[1::2], strict=True)
    ]


def _middle_ops(
    left: str, right: str, normalize: bool, cut: int, left_end: int, right_end: int
) -> tuple[list[_Op], str | None, str | None] | None:
    """Ops of the tokens between the shared edges, with the kinds of the first and the last run
    ("same": equal, "typo": equal after normalisation, split token by token; "change" or
    "replace"); None when the middle alone would not align as the whole texts do."""
    lmid, rmid = left[cut:left_end], right[cut:right_end]
    lparts, rparts = _split(lmid), _split(rmid)
    ltexts, rtexts = lparts[1::2], rparts[1::2]
    lkeys, rkeys = _keys(lmid, ltexts, normalize), _keys(rmid, rtexts, normalize)
    shared_end = left[left_end:]
    if len(lkeys) != len(rkeys) and shared_end and not shared_end.isspace():
        # Indel (rapidfuzz) matches the common beginning of its inputs first, then the common end
        # of the rest, and aligns only what remains. The middle gives the same remainder unless
        # one middle is a beginning of the other: then the whole texts' common beginning runs on
        # into the shared end.
        shorter, longer = (lkeys, rkeys) if len(lkeys) < len(rkeys) else (rkeys, lkeys)
        if longer[:len(shorter)] == shorter:
            return None
    nl, nr = len(ltexts), len(rtexts)
    # An empty run sits where the next token starts (in the shared end, or the end of the text).
    lnext = len(left) - len(shared_end.lstrip())
    rnext = len(right) - len(shared_end.lstrip())
    # Offsets where the parts start: token k (parts[2k + 1]) runs from at[2k + 1] to at[2k + 2].
    lat = list(accumulate(map(len, lparts), initial=cut))
    rat = list(accumulate(map(len, rparts), initial=cut))
    keys_are_texts = lkeys is ltexts and rkeys is rtexts  # nothing folded: equal keys, equal texts
    ops: list[_Op] = []
    kinds: list[str] = []
    for tag, i1, i2, j1, j2 in _opcodes(lkeys, rkeys):
        if tag == "equal":
            if keys_are_texts or ltexts[i1:i2] == rtexts[j1:j2]:
                ls, le, rs, re_ = lat[2 * i1 + 1], lat[2 * i2], rat[2 * j1 + 1], rat[2 * j2]
                ops.append(("equal", ls, le, rs, re_, False, False))
                kinds.append("same")
            else:
                # Equal after normalisation: split into typographic runs so only those tokens show.
                ops.extend(zip(
                    repeat("equal"),
                    lat[2 * i1 + 1:2 * i2:2], lat[2 * i1 + 2:2 * i2 + 1:2],
                    rat[2 * j1 + 1:2 * j2:2], rat[2 * j1 + 2:2 * j2 + 1:2],
                    map(ne, ltexts[i1:i2], rtexts[j1:j2]),  # typographic
                    repeat(False),
                ))
                kinds.append("typo")
            continue
        ls = lat[2 * i1 + 1] if i1 < nl else lnext
        le = lat[2 * i2] if i1 < i2 else ls
        rs = rat[2 * j1 + 1] if j1 < nr else rnext
        re_ = rat[2 * j2] if j1 < j2 else rs
        if tag == "delete":
            numeric = bool(_DIGIT_RE.search(left, ls, le)) or not NUMBER_WORDS.isdisjoint(
                map(str.casefold, ltexts[i1:i2])
            )
        else:  # insert
            numeric = bool(_DIGIT_RE.search(right, rs, re_)) or not NUMBER_WORDS.isdisjoint(
                map(str.casefold, rtexts[j1:j2])
            )
        if kinds and kinds[-1] == "change" and ops[-1][0] != tag:
            # Indel has no 'replace': a delete next to an insert reads as one replacement.
            prev = ops.pop()
            d, i = (prev, (tag, ls, le, rs, re_)) if prev[0] == "delete" else ((tag, ls, le, rs, re_), prev)
            ops.append(("replace", d[1], d[2], i[3], i[4], False, numeric or prev[6]))
            kinds[-1] = "replace"
        else:
            ops.append((tag, ls, le, rs, re_, False, numeric))
            kinds.append("change")
    return ops, (kinds[0] if kinds else None), (kinds[-1] if kinds else None)


def diff_words(left: str, right: str, normalize: bool = True) -> list[WordOp]:
    """Token-level opcodes between two passages (rapidfuzz Indel on token sequences).

    The text both passages begin and end with is neither tokenised nor aligned (a changed pair
    usually differs in a few words): the ops are those of the whole texts all the same, the
    shared edges joining the neighbouring equal run."""
    cut, left_end, right_end = _shared_edges(left, right)
    middle = _middle_ops(left, right, normalize, cut, left_end, right_end)
    if middle is None:
        cut, left_end, right_end = 0, len(left), len(right)
        middle = _middle_ops(left, right, normalize, cut, left_end, right_end)
        assert middle is not None  # no shared end: always aligned as a whole
    ops, head, tail = middle
    # Aligned whole, a shared edge would be part of the equal run next to it: one op with an
    # identical run, token by token with a typographic one, an op of its own beside a change.
    start = left[:cut]
    if start and not start.isspace():
        first, last = cut - len(start.lstrip()), len(start.rstrip())
        if head == "same":
            ops[0] = ("equal", first, ops[0][2], first, ops[0][4], False, False)
        elif head == "typo":
            ops[0:0] = _edge_tokens(start, 0, 0)
        else:
            ops.insert(0, ("equal", first, last, first, last, False, False))
            tail = tail or "same"  # no middle ops: the shared end joins this one
    end = left[left_end:]
    if end and not end.isspace():
        first, last = len(end) - len(end.lstrip()), len(end.rstrip())
        if tail == "same":
            ops[-1] = ("equal", ops[-1][1], left_end + last, ops[-1][3], right_end + last, False, False)
        elif tail == "typo":
            ops.extend(_edge_tokens(end, left_end, right_end))
        else:
            lfirst, rfirst = left_end + first, right_end + first
            ops.append(("equal", lfirst, left_end + last, rfirst, right_end + last, False, False))
    return _word_ops(ops)


def changed_numbers(left: str, right: str, normalize: bool = True) -> list[tuple[str, str]]:
    """The (left, right) text of every change that involves a number, for reports."""
    return [
        (left[op.left_start:op.left_end], right[op.right_start:op.right_end])
        for op in diff_words(left, right, normalize)
        if op.numeric
    ]
