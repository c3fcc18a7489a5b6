"""Alignment: pair the passages of two documents by fuzzy similarity, order-aware, with moves,
splits and merges — in time that grows about linearly with the documents.

The pipeline (each step looks at a bounded number of pairs per passage):
1. keys: each passage gets an equality key and a "word string": one character per distinct
   word (case-folded, typography-normalised), so rapidfuzz compares word sequences at C speed;
2. anchors: passages equal and unique on both sides, chained in order (heaviest chain). They are
   settled: nothing else is compared with them;
3. candidates among the remaining passages: those in the same gap between two anchors (all
   pairs of a small gap, a band along the diagonal of a large one), and pairs sharing rare words
   (an inverted index), which finds passages that moved anywhere;
4. scoring: normalised Indel similarity of word strings, with the score cutoff so hopeless pairs
   stop early;
5. chain: in each gap, the heaviest order-preserving chain of pairs above the threshold;
6. splits and merges: a pair absorbs an adjacent unpaired passage that is the counterpart of
   what its partner has left over (1→2, 2→1, ...);
7. moves: the best remaining pairs among unpaired passages, across gaps, best first; which
   pairs count as moved is settled over all pairs (the heaviest in-order chain of them all),
   and a pair out of order keeps its partner only if its content earns a move;
8. in place: between consecutive pairs in order, what is left pairs by position and content
   (tui.engine.in_place);
9. cited links: between two equal pairs, adjacent small passages whose links one passage of the
   other side cites by the same names pair with it as a merge or split (tui.engine.citations);
10. blocks in reading order of the left document, right-only blocks where they fall.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import Indel

from tui.engine.chain import heaviest_chain
from tui.engine.citations import citation_pairs, windows
from tui.engine.in_place import DEFAULT_THRESHOLD, in_place_pairs, sub_gaps
from tui.engine.model import Block, BlockKind, Passage, SentenceLink
from tui.engine.normalize import equality_key
from tui.engine.tokens import FUNCTION_WORDS, prose_words, words

# A word in more unsettled passages than this (both sides together) is too common to suggest a
# pairing by itself.
MAX_INDEX_DF = 40
# Rare words per passage used as its signature in the inverted index.
SIGNATURE_WORDS = 12
# Candidates kept per passage from the index, best shared rarity first.
CANDIDATES_PER_PASSAGE = 8
# Gaps between anchors up to this many pairs are compared completely.
FULL_GAP_PAIRS = 2500
# Half-width of the diagonal band compared in larger gaps.
BAND = 6
# Exact-duplicate groups larger than this are paired only near their relative rank.
MAX_DUPLICATE_PAIRS = 64
# Splits and merges: absorbing a neighbour that raises the pair's score this much always joins.
MERGE_GAIN = 0.04
# A pair out of order is a move only if its passages have this many words each and are this
# similar, or share this many distinct words other than function words, or are this similar
# and share this many words found at most MOVE_RARE_TIMES times in the documents (see
# _earned_move).
MOVE_WORDS = 4
MOVE_SIMILAR = 0.75
MOVE_SHARED = 6
MOVE_RARE_SCORE = 0.6
MOVE_RARE = 2
MOVE_RARE_TIMES = 4

# Word strings map each distinct word to one character, skipping the surrogate range.
_FIRST_CHAR = 0x100
_SURROGATES = range(0xD800, 0xE000)


# Indel costs about len(a) * len(b) / 64 machine words of work; above this product (two
# passages of some 30,000 words each, e.g. a whole book on one line) the similarity is
# estimated from shared word counts instead, and no leftover text is computed.
HUGE_PRODUCT = 10**9


def similarity(a: Sequence, b: Sequence) -> float:
    """Normalised Indel similarity (1 - edits / total length) of two sequences."""
    if not a and not b:
        return 1.0
    if len(a) * len(b) > HUGE_PRODUCT:
        return bag_similarity(a, b)
    return Indel.normalized_similarity(a, b)


def bag_similarity(a: Sequence, b: Sequence) -> float:
    """An upper bound of the Indel similarity from the words' counts alone (linear time)."""
    shared = sum((Counter(a) & Counter(b)).values())
    return 2 * shared / (len(a) + len(b)) if len(a) + len(b) else 1.0


def _char_code(number: int) -> int:
    """The character code of the vocabulary's number-th word (surrogates are skipped)."""
    code = _FIRST_CHAR + number
    return code + len(_SURROGATES) if code >= _SURROGATES.start else code


class _Vocabulary:
    def __init__(self) -> None:
        self.chars: dict[str, str] = {}  # in numbering order
        # The word each character stands for: ties in the rare-word index are broken by the
        # words themselves, so the result does not depend on the order words were numbered in
        # (the sentences of a whole document, or only of its changed paragraphs; words
        # numbered in another process).
        self.word_of: dict[str, str] = {}

    def add(self, new_words: Iterable[str]) -> None:
        chars, word_of = self.chars, self.word_of
        for w in new_words:
            c = chr(_char_code(len(chars)))
            chars[w] = c
            word_of[c] = w

    def word_string(self, ws: list[str]) -> str:
        # New words only (the join below is C-level).
        self.add(set(ws).difference(self.chars))
        return "".join(map(self.chars.__getitem__, ws))

    def adopt(self, strings: list[str], words_in_order: list[str]) -> list[str]:
        """Word strings written with another vocabulary (whose words are `words_in_order`),
        rewritten with this one's characters."""
        self.add(w for w in words_in_order if w not in self.chars)
        chars = self.chars
        table = {_char_code(k): chars[w] for k, w in enumerate(words_in_order)}
        return [s.translate(table) for s in strings]


def word_strings_of(keys: Sequence[str]) -> tuple[list[str], list[str]]:
    """Word strings of equality keys with a vocabulary of their own, and its words in the order
    of their characters: what another process sends for `RightSource.word_strings`."""
    vocab = _Vocabulary()
    strings = [vocab.word_string(words(k.casefold())) for k in keys]
    return strings, list(vocab.chars)


class RightSource(Protocol):
    """The right document's keys and word strings, computed elsewhere (a second process) while
    the left document's are computed here; None when they could not be (then they are computed
    here after all)."""

    def keys(self) -> list[str] | None: ...

    def word_strings(self) -> tuple[list[str], list[str]] | None: ...


@dataclass(slots=True)
class _Side:
    units: Sequence[Passage]
    eq: list[str]  # equality keys
    sizes: list[int]  # about how many words (for chain weights)
    ws: list[str]  # word strings, filled in only for passages that need fuzzy comparison
    normalize: bool
    complete: bool = False  # every word string is filled in already

    def fill_words(self, indices: Sequence[int], vocab: _Vocabulary) -> None:
        if self.complete:
            return
        # From the case-folded equality key (with normalize off, that key is the text with its
        # whitespace collapsed).
        ws, eq = self.ws, self.eq
        for i in indices:
            ws[i] = vocab.word_string(words(eq[i].casefold()))

    def subset(self, indices: Sequence[int]) -> _Side:
        """The same passages' prepared data, for some of them."""
        eq, sizes, ws, units = self.eq, self.sizes, self.ws, self.units
        return _Side(
            [units[i] for i in indices],
            [eq[i] for i in indices],
            [sizes[i] for i in indices],
            [ws[i] for i in indices],
            self.normalize,
            self.complete,
        )


def _prepare(units: Sequence[Passage], normalize: bool, eq: list[str] | None = None) -> _Side:
    if eq is None or len(eq) != len(units):
        eq = equality_keys(units, normalize)
    sizes = [k.count(" ") + 1 for k in eq]
    return _Side(units, eq, sizes, [""] * len(units), normalize)


def equality_keys(units: Sequence[Passage], normalize: bool) -> list[str]:
    return [equality_key(u.text, normalize) for u in units]


Group = tuple[list[int], list[int], float]
# Each left and right passage's distinct words, and in how many of the passages each word is.
WordSets = tuple[dict[int, set[str]], dict[int, set[str]], Counter[str]]


class Aligner:
    def __init__(
        self,
        left: Sequence[Passage],
        right: Sequence[Passage],
        threshold: float,
        normalize: bool,
        prepared: tuple[_Side, _Side, _Vocabulary] | None = None,
        right_source: RightSource | None = None,
    ):
        self.threshold = threshold
        self.normalize = normalize
        self.right_source = right_source
        self._joined: str | None = None  # the documents' keys, for _is_rare
        if prepared is None:
            self.vocab = _Vocabulary()
            self.L = _prepare(left, normalize)
            self.R = _prepare(right, normalize, right_source.keys() if right_source else None)
        else:
            self.L, self.R, self.vocab = prepared

    # -- exact matches and anchors ---------------------------------------------------------

    def _exact_pairs(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(unique pairs, pairs among duplicates) of passages with equal keys."""
        by_key_r: dict[str, list[int]] = defaultdict(list)
        for j, k in enumerate(self.R.eq):
            by_key_r[k].append(j)
        by_key_l: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.L.eq):
            if k in by_key_r:
                by_key_l[k].append(i)
        unique: list[tuple[int, int]] = []
        dups: list[tuple[int, int]] = []
        for key, lefts in by_key_l.items():
            rights = by_key_r[key]
            if len(lefts) == 1 and len(rights) == 1:
                unique.append((lefts[0], rights[0]))
            elif len(lefts) * len(rights) <= MAX_DUPLICATE_PAIRS:
                dups.extend((i, j) for i in lefts for j in rights)
            else:
                # Pair each occurrence with those of similar rank on the other side.
                scale = len(rights) / len(lefts)
                for rank, i in enumerate(lefts):
                    centre = int(rank * scale)
                    dups.extend(
                        (i, rights[r]) for r in range(max(0, centre - 2), min(len(rights), centre + 3))
                    )
        return unique, dups

    def _weight(self, i: int, j: int, s: float) -> float:
        # Longer passages weigh more, so a short repeated line cannot pull the chain off a long
        # matching paragraph; the margin above the threshold rewards confident pairs.
        size = min(self.L.sizes[i], self.R.sizes[j])
        return (s - self.threshold * 0.5) * (1.0 + math.log1p(size))

    def _chain(self, pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
        """Heaviest chain of pairs with strictly increasing left and right indices."""
        weight = self._weight
        kept = heaviest_chain([(i, j, weight(i, j, s)) for i, j, s in pairs])
        return [pairs[k] for k in kept]

    # -- fuzzy candidates ------------------------------------------------------------------

    def _gaps(self, anchors: list[tuple[int, int, float]]) -> list[tuple[range, range]]:
        bounds = [(-1, -1), *((i, j) for i, j, _ in anchors), (len(self.L.units), len(self.R.units))]
        return [(range(i0 + 1, i1), range(j0 + 1, j1)) for (i0, j0), (i1, j1) in pairwise(bounds)]

    @staticmethod
    def _gap_candidates(gaps: list[tuple[range, range]]) -> list[tuple[int, range]]:
        """(left passage, right passages to compare it with) for every left passage in a gap."""
        out: list[tuple[int, range]] = []
        for lr, rr in gaps:
            gl, gr = len(lr), len(rr)
            if not gl or not gr:
                continue
            if gl * gr <= FULL_GAP_PAIRS:
                out.extend((i, rr) for i in lr)
                continue
            scale = gr / gl
            for k, i in enumerate(lr):
                centre = int(k * scale)
                out.append((i, rr[max(0, centre - BAND) : centre + BAND + 1]))
        return out

    def _word_sets(self, lefts: list[int], rights: list[int]) -> WordSets:
        """The distinct words of these passages, and in how many of them each word is."""
        L, R = self.L.ws, self.R.ws
        lsets = {i: set(L[i]) for i in lefts}
        rsets = {j: set(R[j]) for j in rights}
        # Document frequency of each word (Counter.update over all the sets runs in C).
        df: Counter[str] = Counter(chain.from_iterable(lsets.values()))
        df.update(chain.from_iterable(rsets.values()))
        return lsets, rsets, df

    def _index_pairs(
        self,
        word_sets: WordSets,
        signature_words: int = SIGNATURE_WORDS,
        per_passage: int = CANDIDATES_PER_PASSAGE,
        query_left: set[int] | None = None,
        query_right: set[int] | None = None,
    ) -> set[tuple[int, int]]:
        """Pairs of passages that share rare words: the best few for every passage, or only for
        those in `query_left` / `query_right` (rarity is still counted over all of them);
        `word_sets`: _word_sets of the passages to pair."""
        lsets, rsets, df = word_sets
        df_get = df.__getitem__
        word_of = self.vocab.word_of.__getitem__
        # A word in one passage only cannot link two, nor can a common one: the words that can,
        # found by one C-level set intersection per passage.
        linking = {c for c, n in df.items() if 1 < n <= MAX_INDEX_DF}

        def signature(chars: set[str]) -> list[str]:
            # The rarest linking words, rarest first and ties by the word: a set's order
            # changes between runs, and the same order in every signature makes the float sums
            # of a pair's weight the same whichever side asks.
            rare = sorted(chars.intersection(linking), key=word_of)
            rare.sort(key=df_get)
            del rare[signature_words:]
            return rare

        def postings_of(signatures: dict[int, list[str]]) -> dict[str, list[int]]:
            postings: dict[str, list[int]] = defaultdict(list)
            for k, sig in signatures.items():
                for c in sig:
                    postings[c].append(k)
            return postings

        def weights(sig: list[str], postings: dict[str, list[int]]) -> dict[int, float]:
            """Shared rarity of one passage with each passage of the other side."""
            weight: dict[int, float] = defaultdict(float)
            for c in sig:
                plist = postings.get(c)
                if plist:
                    idf = 1.0 / df_get(c)
                    for k in plist:
                        weight[k] += idf
            return weight

        lsigs = {i: signature(s) for i, s in lsets.items()}
        rsigs = {j: signature(s) for j, s in rsets.items()}
        pairs: set[tuple[int, int]] = set()
        # Each passage asked about keeps its best few candidates on the other side. A pair's
        # weight is the same whichever side asks, so when every passage is asked about, the
        # left passages' weights serve the right ones too.
        lefts_for_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
        if query_left is None or query_left:
            r_postings = postings_of(rsigs)
            for i, sig in lsigs.items():
                if query_left is None or i in query_left:
                    weight = weights(sig, r_postings)
                    ranked = sorted(weight.items(), key=lambda kv: -kv[1])
                    pairs.update((i, j) for j, _ in ranked[:per_passage])
                    if query_right is None:
                        for j, w in weight.items():
                            lefts_for_right[j].append((w, i))
        if query_right is None:
            for j, found in lefts_for_right.items():
                found.sort(reverse=True)
                pairs.update((i, j) for _, i in found[:per_passage])
        elif query_right:
            l_postings = postings_of(lsigs)
            for j, sig in rsigs.items():
                if j in query_right:
                    ranked_l = sorted(((w, i) for i, w in weights(sig, l_postings).items()), reverse=True)
                    pairs.update((i, j) for _, i in ranked_l[:per_passage])
        return pairs

    def _score_pairs(self, pairs: set[tuple[int, int]]) -> list[tuple[int, int, float]]:
        """Pairs at or above the threshold, with their similarity: the candidates of each left
        passage are scored in one rapidfuzz call (a C loop, with the score cutoff)."""
        by_left: dict[int, list[int]] = defaultdict(list)
        for i, j in pairs:
            by_left[i].append(j)
        return self._score_grouped(by_left.items())

    def _score_grouped(self, groups) -> list[tuple[int, int, float]]:
        L, R = self.L, self.R
        t = self.threshold
        out: list[tuple[int, int, float]] = []
        extract = process.extract
        scorer = Indel.normalized_similarity
        for i, rights in groups:
            a = L.ws[i]
            if not a:
                out.extend((i, j, s) for j in rights if (s := self._symbol_score(i, j)) >= t)
                continue
            choices = [R.ws[j] for j in rights]
            if len(a) * max(map(len, choices)) > HUGE_PRODUCT:
                out.extend(
                    (i, j, s)
                    for j, c in zip(rights, choices, strict=True)
                    if c and (s := similarity(a, c)) >= t
                )
                continue
            for _, s, k in extract(a, choices, scorer=scorer, score_cutoff=t, limit=None):
                if choices[k]:
                    out.append((i, rights[k], s))
        return out

    def _symbol_score(self, i: int, j: int) -> float:
        """Passages without words ("* * *", "----"): compare their characters."""
        if self.R.ws[j]:
            return 0.0
        return similarity(self.L.eq[i], self.R.eq[j])

    # -- splits and merges -----------------------------------------------------------------

    @staticmethod
    def _residual_similarity(single: str, others: str, candidate: str, before: bool) -> float:
        """How well `candidate` matches the part of `single` that `others` leaves unmatched on
        the candidate's side (before the first matched word, or after the last)."""
        if len(single) * len(others) > HUGE_PRODUCT // 64:
            return 0.0  # the edit script of two huge passages would take too much memory
        blocks = [b for b in Indel.opcodes(single, others).as_matching_blocks() if b.size]
        if not blocks:
            residual = single
        elif before:
            residual = single[: blocks[0].a]
        else:
            residual = single[blocks[-1].a + blocks[-1].size :]
        return similarity(residual, candidate) if residual else 0.0

    def _absorb(self, groups: list[Group], used_l: set[int], used_r: set[int], best_elsewhere: dict) -> None:
        """Grow pairs into splits and merges where unpaired neighbours belong to them."""
        L, R = self.L, self.R
        nl, nr = len(L.units), len(R.units)
        for g, (lefts, rights, s) in enumerate(groups):
            if s >= 1.0:
                continue  # equal already: nothing can join
            while True:
                options: list[tuple[float, list[int], list[int], float, float]] = []
                if len(rights) == 1:  # merge: more left passages into one right passage
                    whole = R.ws[rights[0]]
                    for i in (lefts[0] - 1, lefts[-1] + 1):
                        if 0 <= i < nl and i not in used_l:
                            nl_ = sorted([*lefts, i])
                            score = similarity("".join(L.ws[k] for k in nl_), whole)
                            residual = self._residual_similarity(
                                whole, "".join(L.ws[k] for k in lefts), L.ws[i], i < lefts[0]
                            )
                            options.append((score, nl_, rights, residual, best_elsewhere.get(("L", i), 0.0)))
                if len(lefts) == 1:  # split: one left passage into more right passages
                    whole = L.ws[lefts[0]]
                    for j in (rights[0] - 1, rights[-1] + 1):
                        if 0 <= j < nr and j not in used_r:
                            nr_ = sorted([*rights, j])
                            score = similarity(whole, "".join(R.ws[k] for k in nr_))
                            residual = self._residual_similarity(
                                whole, "".join(R.ws[k] for k in rights), R.ws[j], j < rights[0]
                            )
                            options.append((score, lefts, nr_, residual, best_elsewhere.get(("R", j), 0.0)))
                joined = False
                for score, nl_, nr_, residual, elsewhere in sorted(options, key=lambda o: -o[0]):
                    # The neighbour joins when it clearly raises the score, or when it is the
                    # counterpart of the partner's leftover text (a short piece of a split adds
                    # little to the score but matches the leftover well) — unless it would make
                    # a better pair with some other passage.
                    gain = score - s
                    if residual < elsewhere - 0.05:
                        continue
                    if gain >= MERGE_GAIN or (gain > 0 and residual >= self.threshold):
                        s, lefts, rights = score, nl_, nr_
                        used_l.update(lefts)
                        used_r.update(rights)
                        joined = True
                        break
                if not joined:
                    break
            groups[g] = (lefts, rights, s)

    # -- the whole pipeline ----------------------------------------------------------------

    def run(self) -> list[Block]:
        # 1. Anchors: the heaviest in-order chain of exactly equal passages.
        unique, dups = self._exact_pairs()
        anchors = self._chain([(i, j, 1.0) for i, j in [*unique, *dups]])
        gaps = self._gaps(anchors)
        # Only passages outside the anchors are ever compared word by word.
        self.L.fill_words([i for lr, _ in gaps for i in lr], self.vocab)
        sent = self.right_source.word_strings() if self.right_source else None
        if sent is not None and len(sent[0]) == len(self.R.units):
            self.R.ws = self.vocab.adopt(*sent)
            self.R.complete = True
        self.R.fill_words([j for _, rr in gaps for j in rr], self.vocab)

        # 2. In each gap between anchors, compare nearby passages and chain the best pairs.
        scored = self._score_grouped(self._gap_candidates(gaps))
        gap_of_l: dict[int, int] = {}
        gap_of_r: dict[int, int] = {}
        for g, (lr, rr) in enumerate(gaps):
            if lr and rr:
                gap_of_l.update(dict.fromkeys(lr, g))
                gap_of_r.update(dict.fromkeys(rr, g))
        by_gap: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
        for p in scored:
            by_gap[gap_of_l[p[0]]].append(p)
        chain = list(anchors)
        for g in sorted(by_gap):
            chain.extend(self._chain(by_gap[g]))
        chain.sort()
        used_l = {i for i, _, _ in chain}
        used_r = {j for _, j, _ in chain}

        # 3. Passages still unpaired may have moved anywhere: find partners through rare words.
        open_l = [i for i in range(len(self.L.units)) if i not in used_l]
        open_r = [j for j in range(len(self.R.units)) if j not in used_r]
        open_words = self._word_sets(open_l, open_r)
        far = self._score_pairs(self._index_pairs(open_words))
        seen = {(i, j) for i, j, _ in scored}
        leftovers = [p for p in scored if p[0] not in used_l and p[1] not in used_r]
        leftovers.extend(p for p in far if (p[0], p[1]) not in seen)
        leftovers.extend((i, j, 1.0) for i, j in unique if i not in used_l and j not in used_r)

        # The best score each unpaired passage has with another unpaired passage: a neighbour
        # that would make a better pair elsewhere is not absorbed into a split or merge.
        best_elsewhere: dict[tuple[str, int], float] = {}
        for i, j, s in leftovers:
            if s > best_elsewhere.get(("L", i), 0.0):
                best_elsewhere["L", i] = s
            if s > best_elsewhere.get(("R", j), 0.0):
                best_elsewhere["R", j] = s
        groups: list[Group] = [([i], [j], s) for i, j, s in chain]
        self._absorb(groups, used_l, used_r, best_elsewhere)

        # 4. Moves: the best remaining pairs, best first. A pair that fits the order of the
        # pairs around it is not a move (the gap's band did not reach it), the others are.
        groups.sort()
        firsts_l = [lefts[0] for lefts, _, _ in groups]
        firsts_r = [rights[0] for _, rights, _ in groups]
        moves: list[Group] = []
        for s, i, j in sorted(((s, i, j) for i, j, s in leftovers), key=lambda t: (-t[0], t[1], t[2])):
            if i in used_l or j in used_r:
                continue
            k = bisect_left(firsts_l, i)
            before_r = groups[k - 1][1][-1] if k else -1
            after_r = firsts_r[k] if k < len(groups) else len(self.R.units)
            if before_r < j < after_r:
                groups.insert(k, ([i], [j], s))
                firsts_l.insert(k, i)
                firsts_r.insert(k, j)
            else:
                moves.append(([i], [j], s))
            used_l.add(i)
            used_r.add(j)
        self._absorb(groups, used_l, used_r, best_elsewhere)
        self._absorb(moves, used_l, used_r, best_elsewhere)
        groups, moves = self._settle_order(groups, moves)
        # A pair out of order (with the pieces of a split it absorbed) keeps its partner only
        # if it earns a move.
        function_chars = self._function_chars()
        for lefts, rights, s in moves:
            if not self._earned_move(lefts, rights, s, open_words[2], function_chars):
                used_l.difference_update(lefts)
                used_r.difference_update(rights)
        moves = [m for m in moves if m[0][0] in used_l]
        # 5. Between the pairs in order, what is still unpaired may pair by position and content.
        gaps = sub_gaps([(lefts, rights) for lefts, rights, _ in groups], used_l, used_r,
                        len(self.L.units), len(self.R.units))
        found = in_place_pairs(
            gaps, self.L.units, self.R.units, self.L.ws, self.R.ws, function_chars, self.threshold
        )
        placed: list[Group] = [([i], [j], s) for i, j, s in found]
        if placed:
            used_l.update(lefts[0] for lefts, _, _ in placed)
            used_r.update(rights[0] for _, rights, _ in placed)
            self._absorb(placed, used_l, used_r, best_elsewhere)
            groups = sorted([*groups, *placed])
        # 6. Links listed one by one that became one sentence citing them, or back, in place.
        if self.threshold <= DEFAULT_THRESHOLD:
            groups, moves = self._cited(groups, moves, used_l, used_r)
        return self._blocks(groups, moves)

    def _cited(
        self, groups: list[Group], moves: list[Group], used_l: set[int], used_r: set[int]
    ) -> tuple[list[Group], list[Group]]:
        """Add the merges and splits of cited links (tui.engine.citations) between the equal
        pairs in order; one that crosses a pair of its stretch (the rest of the list moved, or
        it did) is a move, since its similarity is far below that pair's."""
        equal = [(ls[0], rs[0]) for ls, rs, s in groups if s >= 1.0 and len(ls) == len(rs) == 1]
        L, R = self.L, self.R
        gaps = windows(equal, used_l, used_r, len(L.units), len(R.units))
        cited = citation_pairs(gaps, L.units, R.units) if gaps else []
        if not cited:
            return groups, moves
        for lefts, rights in cited:
            s = similarity("".join(L.ws[i] for i in lefts), "".join(R.ws[j] for j in rights))
            k = bisect_left([g[0][0] for g in groups], lefts[0])
            before_r = groups[k - 1][1][-1] if k else -1
            after_r = groups[k][1][0] if k < len(groups) else len(R.units)
            (groups if before_r < rights[0] and rights[-1] < after_r else moves).append((lefts, rights, s))
            used_l.update(lefts)
            used_r.update(rights)
            groups.sort()
        return groups, moves

    def _function_chars(self) -> set[str]:
        """The word-string characters of the function words ("the", "of", ...)."""
        chars = self.vocab.chars
        return {chars[w] for w in FUNCTION_WORDS if w in chars}

    def _earned_move(
        self, lefts: list[int], rights: list[int], s: float, open_df: Counter[str], function_chars: set[str]
    ) -> bool:
        """Is a pair out of order believable as a move? Its content must say so, not a shared
        token or a common phrase: the words a reader reads (`prose_words`: no address, link
        target or HTML tag), the same words (a heading moved with its section) with
        letters (not a lone number, a code fence, markup); or else MOVE_WORDS words or more on
        each side, and nearly the same (MOVE_SIMILAR), or sharing MOVE_SHARED distinct words
        other than function words (`function_chars`), or similar (MOVE_RARE_SCORE) and sharing
        MOVE_RARE words that are rare in the two documents (`open_df`: in how many unpaired
        passages each word is, a first sieve). "GNU GENERAL PUBLIC LICENSE" is not "13. Use
        with the GNU Affero General Public License" moved: its words are all over the licence."""
        # Only the words a reader reads count: an address, a link target or an HTML tag shared
        # by two passages is no evidence that one moved to the other's place.
        prose_l = [prose_words(self.L.eq[i].casefold()) for i in lefts]
        if s >= 1.0:  # the same words (equal passages may be anchors, with no word strings)
            return any(c.isalpha() for ws in prose_l for w in ws for c in w)
        word_string = self.vocab.word_string
        a = "".join(map(word_string, prose_l))
        b = "".join(word_string(prose_words(self.R.eq[j].casefold())) for j in rights)
        if a != "".join(self.L.ws[i] for i in lefts) or b != "".join(self.R.ws[j] for j in rights):
            s = similarity(a, b)
        if min(len(a), len(b)) < MOVE_WORDS:
            return False
        if s >= MOVE_SIMILAR:
            return True
        shared = set(a).intersection(b) - function_chars
        if len(shared) >= MOVE_SHARED:
            return True
        if s < MOVE_RARE_SCORE:
            return False
        rare = 0
        for c in shared:
            # (A word in more unpaired passages than that is not rare: no need to count it.)
            rare += open_df[c] <= MOVE_RARE_TIMES and self._is_rare(c)
            if rare >= MOVE_RARE:
                return True
        return False

    def _is_rare(self, char: str) -> bool:
        """Does the word a word-string character stands for occur at most MOVE_RARE_TIMES times
        in the two documents? Counted in their text as written, in lower case, capitalised and
        in capitals (folding megabytes of text would cost more than the few words asked about),
        parts of longer words included; the count stops as soon as the word is found too often."""
        if self._joined is None:
            self._joined = "\n".join([*self.L.eq, *self.R.eq])
        text, word = self._joined, self.vocab.word_of[char]
        found = 0
        for form in {word, word.capitalize(), word.upper()}:
            at = text.find(form)
            while at >= 0:
                found += 1
                if found > MOVE_RARE_TIMES:
                    return False
                at = text.find(form, at + 1)
        return True

    def _group_weights(self, groups: Sequence[Group]) -> list[float]:
        """_weight of each group, its size the smaller of its two sides' word counts."""
        sizes_l, sizes_r, half, log1p = self.L.sizes, self.R.sizes, self.threshold * 0.5, math.log1p
        return [
            (s - half)
            * (
                1.0
                + log1p(
                    min(sizes_l[lefts[0]], sizes_r[rights[0]])
                    if len(lefts) == 1 and len(rights) == 1
                    else min(sum(sizes_l[i] for i in lefts), sum(sizes_r[j] for j in rights))
                )
            )
            for lefts, rights, s in groups
        ]

    def _settle_order(self, groups: list[Group], moves: list[Group]) -> tuple[list[Group], list[Group]]:
        """Which pairs are in order and which moved, decided over all of them: the heaviest
        in-order chain of every pair found. The exact anchors were chained first, alone, to
        bound the search; but an equal passage that moved (a quote brought to the top) would
        otherwise stay in order and make the edited passages around it look moved.

        `groups` is in order already (sorted by left index, right indices increasing too): the
        runs of groups between the places where a move's left or right index falls are each
        either wholly before or wholly after every move on both sides, so each run enters the
        chain as one item (its first indices, its total weight) and the chain is as long as
        the moves are many, not the groups."""
        if not moves:
            return groups, moves
        groups.sort()
        firsts_l = [lefts[0] for lefts, _, _ in groups]
        firsts_r = [rights[0] for _, rights, _ in groups]
        cuts = {0, len(groups)}
        for lefts, rights, _ in moves:
            cuts.add(bisect_left(firsts_l, lefts[0]))
            cuts.add(bisect_left(firsts_r, rights[0]))
        bounds = sorted(cuts)
        weights = self._group_weights(groups)
        runs = [(a, b) for a, b in pairwise(bounds) if a < b]
        items = [(firsts_l[a], firsts_r[a], sum(weights[a:b])) for a, b in runs]
        move_weights = self._group_weights(moves)
        items.extend((m[0][0], m[1][0], w) for m, w in zip(moves, move_weights, strict=True))
        kept = set(heaviest_chain(items))
        in_order: list[Group] = []
        moved: list[Group] = []
        for k, (a, b) in enumerate(runs):
            (in_order if k in kept else moved).extend(groups[a:b])
        for k, move in enumerate(moves, start=len(runs)):
            (in_order if k in kept else moved).append(move)
        in_order.sort()
        return in_order, moved

    def best_pairs(
        self, extra: set[tuple[int, int]], fuzzy_left: list[int], fuzzy_right: list[int]
    ) -> list[tuple[int, int, float]]:
        """One-to-one pairs, best first, without regard to order (for sentence links, where
        order is no evidence). Candidates: exact matches, `extra` pairs, and pairs sharing rare
        words where the left passage is in `fuzzy_left` or the right one in `fuzzy_right`."""
        n_l, n_r = len(self.L.units), len(self.R.units)
        self.L.fill_words(range(n_l), self.vocab)
        self.R.fill_words(range(n_r), self.vocab)
        unique, dups = self._exact_pairs()
        # Sentences are short: a few rare words say enough, and few candidates are needed.
        candidates: set[tuple[int, int]] = set()
        if fuzzy_left or fuzzy_right:
            candidates = self._index_pairs(
                self._word_sets(list(range(n_l)), list(range(n_r))),
                signature_words=5,
                per_passage=3,
                query_left=set(fuzzy_left),
                query_right=set(fuzzy_right),
            )
        candidates.update(unique, dups, extra)
        used_l: set[int] = set()
        used_r: set[int] = set()
        out: list[tuple[int, int, float]] = []
        for i, j, s in sorted(self._score_pairs(candidates), key=lambda t: (-t[2], t[0], t[1])):
            if i not in used_l and j not in used_r:
                used_l.add(i)
                used_r.add(j)
                out.append((i, j, s))
        return out

    def _make_block(self, lefts: list[int], rights: list[int], s: float | None, moved: bool) -> Block:
        lp = tuple(self.L.units[i] for i in lefts)
        rp = tuple(self.R.units[j] for j in rights)
        if not rp:
            return Block(BlockKind.LEFT_ONLY, lp, (), None)
        if not lp:
            return Block(BlockKind.RIGHT_ONLY, (), rp, None)
        if len(lefts) == 1 and len(rights) == 1:
            equal = self.L.eq[lefts[0]] == self.R.eq[rights[0]]
            same_text = lp[0].text == rp[0].text
        else:
            equal = " ".join(self.L.eq[i] for i in lefts) == " ".join(self.R.eq[j] for j in rights)
            same_text = False
        if equal:
            typographic = (
                not same_text and " ".join(p.text for p in lp).split() != " ".join(p.text for p in rp).split()
            )
            return Block(BlockKind.EQUAL, lp, rp, 1.0, moved=moved, typographic_only=typographic)
        return Block(BlockKind.CHANGED, lp, rp, round(s if s is not None else 0.0, 4), moved=moved)

    def _blocks(self, groups: list[Group], moves: list[Group]) -> list[Block]:
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


def align(
    left: Sequence[Passage],
    right: Sequence[Passage],
    threshold: float = 0.5,
    normalize: bool = True,
    right_source: RightSource | None = None,
) -> list[Block]:
    return Aligner(left, right, threshold, normalize, right_source=right_source).run()


# Sentence links: sentences shorter than this ("Read more.", "Updated.") are too common to say
# where text went; links need a little more similarity than paragraphs, since sentences are
# short and one shared phrase weighs a lot.
MIN_LINK_WORDS = 5
MIN_LINK_SCORE = 0.6


class SentenceSides:
    """The sentences that can be links (long enough), with their keys and word strings, ready
    before the alignment is known: `diptych --json` prepares them in a child process while the
    parent aligns the paragraphs (see tui.engine.links_child)."""

    def __init__(
        self, left_sentences: Sequence[Passage], right_sentences: Sequence[Passage], normalize: bool
    ):
        self.normalize = normalize
        self.vocab = _Vocabulary()
        self.L = _Side([], [], [], [], normalize, complete=True)
        self.R = _Side([], [], [], [], normalize, complete=True)
        self.add(left_sentences, right_sentences)

    @property
    def lefts(self) -> Sequence[Passage]:
        return self.L.units

    @property
    def rights(self) -> Sequence[Passage]:
        return self.R.units

    def add(self, left_sentences: Sequence[Passage], right_sentences: Sequence[Passage]) -> None:
        """More sentences, each side's following those added before (in document order)."""
        for side, added in ((self.L, left_sentences), (self.R, right_sentences)):
            # Too-short sentences cannot be links: leave them out altogether.
            # (Counting spaces is enough for a length floor, and much cheaper than tokenising.)
            kept = [s for s in added if s.text.count(" ") + 1 >= MIN_LINK_WORDS]
            new = _prepare(kept, self.normalize)
            new.fill_words(range(len(kept)), self.vocab)
            assert isinstance(side.units, list)
            side.units.extend(kept)
            side.eq.extend(new.eq)
            side.sizes.extend(new.sizes)
            side.ws.extend(new.ws)


def link_sentences(
    kinds: Sequence[BlockKind],
    block_of_l: Sequence[int],
    block_of_r: Sequence[int],
    sides: SentenceSides,
    threshold: float,
) -> list[SentenceLink]:
    """Sentences that pair across two different paragraph blocks.

    `kinds`: each block's kind; `block_of_*`: the block of each paragraph (by paragraph index).
    The sentences of paragraphs in blocks that are not equal are aligned like paragraphs are,
    and a pair whose sentences sit in different blocks is a link: a sentence that moved from
    one paragraph into another.
    """
    equal = BlockKind.EQUAL
    keep_l = [k for k, sent in enumerate(sides.lefts) if kinds[block_of_l[sent.paragraph]] is not equal]
    keep_r = [k for k, sent in enumerate(sides.rights) if kinds[block_of_r[sent.paragraph]] is not equal]
    lefts = [sides.lefts[k] for k in keep_l]
    rights = [sides.rights[k] for k in keep_r]
    # Within a block every sentence pair competes too, so that a sentence still in its own
    # block's partner is claimed there and not reported as moved.
    in_block_r: dict[int, list[int]] = defaultdict(list)
    for j, sent in enumerate(rights):
        in_block_r[block_of_r[sent.paragraph]].append(j)
    same_block = {
        (i, j) for i, sent in enumerate(lefts) for j in in_block_r.get(block_of_l[sent.paragraph], ())
    }
    # Sentences found again word for word are found wherever they are; edited ones are looked
    # for only where one side's paragraph is gone (one-sided), which is where moved text comes
    # from or goes to, and which keeps the search small when most paragraphs were revised.
    lone_l = [i for i, sent in enumerate(lefts) if kinds[block_of_l[sent.paragraph]] is BlockKind.LEFT_ONLY]
    lone_r = [j for j, sent in enumerate(rights) if kinds[block_of_r[sent.paragraph]] is BlockKind.RIGHT_ONLY]
    prepared = (sides.L.subset(keep_l), sides.R.subset(keep_r), sides.vocab)
    aligner = Aligner(lefts, rights, max(threshold, MIN_LINK_SCORE), sides.normalize, prepared)
    links: list[SentenceLink] = []
    for i, j, score in aligner.best_pairs(same_block, lone_l, lone_r):
        ls, rs = lefts[i], rights[j]
        lb, rb = block_of_l[ls.paragraph], block_of_r[rs.paragraph]
        if lb != rb:
            links.append(SentenceLink(ls, rs, round(score, 4), lb, rb))
    links.sort(key=lambda k: (k.left_block, k.left.start_offset, k.right.start_offset))
    return links
