"""Alignment: pair the passages of two documents by fuzzy similarity, order-aware, with moves,
splits and merges — in time that grows about linearly with the documents.

The pipeline (each step only looks at a bounded number of pairs per passage):
1. keys: each passage gets an equality key and a sequence of word ids (case-folded, normalised);
2. candidates: exact matches of the equality key; pairs sharing rare words (an inverted index);
   and, between anchors (passages equal and unique on both sides), the pairs of small gaps or a
   band around the diagonal of large ones;
3. scoring: rapidfuzz's normalised Indel similarity on word-id sequences, candidates only;
4. chain: the heaviest order-preserving chain of scored pairs (a Fenwick tree, O(C log C));
5. splits and merges: a chained pair absorbs adjacent unpaired passages when that raises its score;
6. moves: remaining candidate pairs above the threshold among unpaired passages, best first;
7. blocks in reading order of the left document, right-only blocks where they fall.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from tui.engine.model import Block, BlockKind, Passage
from tui.engine.normalize import equality_key, match_key
from tui.engine.tokens import words

# A word that occurs in more passages than this (on both sides together) is too common to
# suggest a pairing by itself.
MAX_INDEX_DF = 40
# Rare words per passage used as its signature in the inverted index.
SIGNATURE_WORDS = 12
# Candidates kept per passage from the index, best shared-rarity first.
CANDIDATES_PER_PASSAGE = 8
# Gaps between anchors up to this many pairs are scored completely.
FULL_GAP_PAIRS = 2500
# Half-width of the diagonal band scored in larger gaps.
BAND = 6
# Exact-duplicate groups larger than this are paired only near their relative rank.
MAX_DUPLICATE_PAIRS = 64
# Splits and merges: absorbing a neighbour must raise the pair's score by at least this much.
MERGE_GAIN = 0.04


@dataclass(slots=True)
class _Side:
    units: Sequence[Passage]
    eq: list[str]
    ids: list[list[int]]


def _prepare(units: Sequence[Passage], vocab: dict[str, int], normalize: bool) -> _Side:
    eq = [equality_key(u.text, normalize) for u in units]
    ids: list[list[int]] = []
    setdefault = vocab.setdefault
    for u in units:
        ids.append([setdefault(w, len(vocab)) for w in words(match_key(u.text, normalize))])
    return _Side(units, eq, ids)


def similarity(a: list[int], b: list[int]) -> float:
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(a, b)


class Aligner:
    def __init__(self, left: Sequence[Passage], right: Sequence[Passage], threshold: float, normalize: bool):
        vocab: dict[str, int] = {}
        self.threshold = threshold
        self.normalize = normalize
        self.L = _prepare(left, vocab, normalize)
        self.R = _prepare(right, vocab, normalize)
        self.scores: dict[tuple[int, int], float] = {}

    # -- candidates -------------------------------------------------------------------------

    def _exact_pairs(self) -> tuple[set[tuple[int, int]], list[tuple[int, int]]]:
        by_key_l: dict[str, list[int]] = defaultdict(list)
        by_key_r: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.L.eq):
            by_key_l[k].append(i)
        for j, k in enumerate(self.R.eq):
            by_key_r[k].append(j)
        pairs: set[tuple[int, int]] = set()
        unique: list[tuple[int, int]] = []
        for key, lefts in by_key_l.items():
            rights = by_key_r.get(key)
            if not rights:
                continue
            if len(lefts) == 1 and len(rights) == 1:
                unique.append((lefts[0], rights[0]))
            if len(lefts) * len(rights) <= MAX_DUPLICATE_PAIRS:
                pairs.update((i, j) for i in lefts for j in rights)
            else:
                # Pair each occurrence with those of similar rank on the other side.
                scale = len(rights) / len(lefts)
                for rank, i in enumerate(lefts):
                    centre = int(rank * scale)
                    for r in range(max(0, centre - 2), min(len(rights), centre + 3)):
                        pairs.add((i, rights[r]))
        return pairs, unique

    def _index_pairs(self) -> set[tuple[int, int]]:
        df: dict[int, int] = defaultdict(int)
        for seq in self.L.ids:
            for w in set(seq):
                df[w] += 1
        for seq in self.R.ids:
            for w in set(seq):
                df[w] += 1

        def signature(seq: list[int]) -> list[int]:
            uniq = [w for w in set(seq) if df[w] <= MAX_INDEX_DF]
            uniq.sort(key=lambda w: df[w])
            return uniq[:SIGNATURE_WORDS]

        postings: dict[int, list[int]] = defaultdict(list)
        right_sigs = [signature(seq) for seq in self.R.ids]
        for j, sig in enumerate(right_sigs):
            for w in sig:
                postings[w].append(j)
        pairs: set[tuple[int, int]] = set()
        best_for_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, seq in enumerate(self.L.ids):
            weight: dict[int, float] = defaultdict(float)
            for w in signature(seq):
                idf = 1.0 / df[w]
                for j in postings.get(w, ()):
                    weight[j] += idf
            if not weight:
                continue
            ranked = sorted(weight.items(), key=lambda kv: -kv[1])
            for j, wt in ranked[:CANDIDATES_PER_PASSAGE]:
                pairs.add((i, j))
            for j, wt in ranked:
                best_for_right[j].append((wt, i))
        # Symmetric: each right passage keeps its best left candidates too.
        for j, lst in best_for_right.items():
            lst.sort(reverse=True)
            for _, i in lst[:CANDIDATES_PER_PASSAGE]:
                pairs.add((i, j))
        return pairs

    def _gap_pairs(self, anchors: list[tuple[int, int]]) -> set[tuple[int, int]]:
        pairs: set[tuple[int, int]] = set()
        bounds = [(-1, -1), *anchors, (len(self.L.units), len(self.R.units))]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
            gl, gr = i1 - i0 - 1, j1 - j0 - 1
            if gl <= 0 or gr <= 0:
                continue
            if gl * gr <= FULL_GAP_PAIRS:
                pairs.update((i, j) for i in range(i0 + 1, i1) for j in range(j0 + 1, j1))
                continue
            scale = gr / gl
            for k in range(gl):
                centre = j0 + 1 + int(k * scale)
                for j in range(max(j0 + 1, centre - BAND), min(j1, centre + BAND + 1)):
                    pairs.add((i0 + 1 + k, j))
        return pairs

    # -- scoring and chaining --------------------------------------------------------------

    def score(self, i: int, j: int) -> float:
        key = (i, j)
        s = self.scores.get(key)
        if s is None:
            if self.L.eq[i] == self.R.eq[j]:
                s = 1.0
            else:
                s = similarity(self.L.ids[i], self.R.ids[j])
            self.scores[key] = s
        return s

    def _weight(self, i: int, j: int, s: float) -> float:
        # Longer passages weigh more, so a short repeated line cannot pull the chain off a long
        # matching paragraph; the margin above the threshold rewards confident pairs.
        size = min(len(self.L.ids[i]), len(self.R.ids[j]))
        return (s - self.threshold * 0.5) * (1.0 + math.log1p(size))

    def _chain(self, pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
        """Heaviest chain with strictly increasing left and right indices."""
        n = len(self.R.units)
        tree_val = [0.0] * (n + 1)
        tree_arg = [-1] * (n + 1)

        def query(pos: int) -> tuple[float, int]:  # best over right indices < pos
            best, arg = 0.0, -1
            while pos > 0:
                if tree_val[pos] > best:
                    best, arg = tree_val[pos], tree_arg[pos]
                pos -= pos & -pos
            return best, arg

        def update(pos: int, val: float, arg: int) -> None:
            pos += 1
            while pos <= n:
                if val > tree_val[pos]:
                    tree_val[pos], tree_arg[pos] = val, arg
                pos += pos & -pos

        # Within one left index, handle larger right indices first so two pairs never share it.
        pairs.sort(key=lambda p: (p[0], -p[1]))
        back: list[int] = []
        totals: list[float] = []
        best_total, best_end = 0.0, -1
        pending: list[tuple[int, float, int]] = []
        current_i = None
        for k, (i, j, s) in enumerate(pairs):
            if i != current_i:
                for pos, val, arg in pending:
                    update(pos, val, arg)
                pending = []
                current_i = i
            prev_total, prev = query(j)
            total = prev_total + self._weight(i, j, s)
            back.append(prev)
            totals.append(total)
            pending.append((j, total, k))
            if total > best_total:
                best_total, best_end = total, k
        chain: list[tuple[int, int]] = []
        k = best_end
        while k != -1:
            chain.append((pairs[k][0], pairs[k][1]))
            k = back[k]
        chain.reverse()
        return chain

    # -- splits and merges -----------------------------------------------------------------

    def _group_score(self, lefts: list[int], rights: list[int]) -> float:
        a = [w for i in lefts for w in self.L.ids[i]]
        b = [w for j in rights for w in self.R.ids[j]]
        return similarity(a, b)

    def _absorb(self, groups: list[tuple[list[int], list[int], float]], used_l: set[int], used_r: set[int]) -> None:
        """Grow each pair into a split or merge where unpaired neighbours belong to it."""
        for g, (lefts, rights, s) in enumerate(groups):
            changed = True
            while changed:
                changed = False
                options: list[tuple[float, list[int], list[int]]] = []
                if len(rights) == 1:
                    for i in (lefts[0] - 1, lefts[-1] + 1):
                        if 0 <= i < len(self.L.units) and i not in used_l:
                            nl = sorted([*lefts, i])
                            options.append((self._group_score(nl, rights), nl, rights))
                if len(lefts) == 1:
                    for j in (rights[0] - 1, rights[-1] + 1):
                        if 0 <= j < len(self.R.units) and j not in used_r:
                            nr = sorted([*rights, j])
                            options.append((self._group_score(lefts, nr), lefts, nr))
                if not options:
                    break
                best = max(options, key=lambda o: o[0])
                if best[0] >= s + MERGE_GAIN:
                    s, lefts, rights = best
                    used_l.update(lefts)
                    used_r.update(rights)
                    changed = True
            groups[g] = (lefts, rights, s)

    # -- the whole pipeline ----------------------------------------------------------------

    def run(self) -> list[Block]:
        L, R = self.L, self.R
        exact, unique = self._exact_pairs()
        anchors = self._chain([(i, j, 1.0) for i, j in unique])
        candidates = exact | self._index_pairs() | self._gap_pairs(anchors)
        scored = [(i, j, s) for i, j in candidates if (s := self.score(i, j)) >= self.threshold]
        chain = self._chain(scored)

        used_l = {i for i, _ in chain}
        used_r = {j for _, j in chain}
        groups = [([i], [j], self.score(i, j)) for i, j in chain]
        self._absorb(groups, used_l, used_r)

        # Moves: best remaining pairs among unpaired passages.
        leftovers = sorted(
            ((s, i, j) for i, j, s in scored if i not in used_l and j not in used_r),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        moves: list[tuple[list[int], list[int], float]] = []
        for s, i, j in leftovers:
            if i in used_l or j in used_r:
                continue
            used_l.add(i)
            used_r.add(j)
            moves.append(([i], [j], s))
        self._absorb(moves, used_l, used_r)
        return self._blocks(groups, moves)

    def _make_block(self, lefts: list[int], rights: list[int], s: float | None, moved: bool) -> Block:
        lp = tuple(self.L.units[i] for i in lefts)
        rp = tuple(self.R.units[j] for j in rights)
        if not rp:
            return Block(BlockKind.LEFT_ONLY, lp, (), None)
        if not lp:
            return Block(BlockKind.RIGHT_ONLY, (), rp, None)
        lkey = " ".join(self.L.eq[i] for i in lefts)
        rkey = " ".join(self.R.eq[j] for j in rights)
        if lkey == rkey:
            raw_l = " ".join(p.text for p in lp).split()
            raw_r = " ".join(p.text for p in rp).split()
            return Block(BlockKind.EQUAL, lp, rp, 1.0, moved=moved, typographic_only=raw_l != raw_r)
        return Block(BlockKind.CHANGED, lp, rp, round(s if s is not None else 0.0, 4), moved=moved)

    def _blocks(self, groups: list[tuple[list[int], list[int], float]], moves: list[tuple[list[int], list[int], float]]) -> list[Block]:
        """Blocks in left reading order; right-only passages where they fall."""
        nl, nr = len(self.L.units), len(self.R.units)
        left_block: dict[int, tuple[list[int], list[int], float, bool]] = {}
        right_taken: set[int] = set()
        for lefts, rights, s in groups:
            left_block[lefts[0]] = (lefts, rights, s, False)
            right_taken.update(rights)
        for lefts, rights, s in moves:
            left_block[lefts[0]] = (lefts, rights, s, True)
            right_taken.update(rights)
        in_group = {i for lefts, _, _ in [*groups, *moves] for i in lefts}
        blocks: list[Block] = []
        next_right = 0  # right passages before this one have been placed

        def flush_right(upto: int) -> None:
            nonlocal next_right
            while next_right < upto:
                if next_right not in right_taken:
                    blocks.append(self._make_block([], [next_right], None, False))
                next_right += 1

        for i in range(nl):
            entry = left_block.get(i)
            if entry is None:
                if i not in in_group:
                    blocks.append(self._make_block([i], [], None, False))
                continue
            lefts, rights, s, moved = entry
            if not moved:
                flush_right(rights[0])
                next_right = max(next_right, rights[-1] + 1)
            blocks.append(self._make_block(lefts, rights, s, moved))
        flush_right(nr)
        return blocks


def align(left: Sequence[Passage], right: Sequence[Passage], threshold: float = 0.5, normalize: bool = True) -> list[Block]:
    return Aligner(left, right, threshold, normalize).run()
