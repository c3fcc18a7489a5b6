"""Which pairs are moves: the heaviest in-order chain over every pair, computed over runs of the
in-order pairs (as many items as there are moves) — the same chain as over every pair one by one."""

from __future__ import annotations

import os
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.align import Aligner
from tui.engine.chain import heaviest_chain
from tui.engine.model import Passage, UnitKind

EXAMPLES = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "200"))


def _passages(sizes: list[int]) -> list[Passage]:
    texts = [" ".join(f"w{k}" for k in range(size)) for size in sizes]
    return [Passage(i, UnitKind.PARAGRAPH, 0, len(t), i + 1, i + 1, t, i) for i, t in enumerate(texts)]


def test_heaviest_chain_prefers_weight_over_count() -> None:
    # Three light pairs in order against one heavy pair crossing them all.
    items = [(0, 3, 1.0), (1, 1, 1.0), (2, 2, 1.0), (3, 0, 5.0)]
    assert heaviest_chain(items) == [3]
    assert heaviest_chain([(0, 3, 1.0), (1, 1, 1.0), (2, 2, 1.0), (3, 0, 1.5)]) == [1, 2]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_settled_order_is_the_heaviest_chain_over_all_pairs(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 40))
    sizes = data.draw(st.lists(st.integers(1, 30), min_size=n, max_size=n))
    aligner = Aligner(_passages(sizes), _passages(sizes), 0.5, True)
    # In-order pairs on a random increasing subset, moves between the indices left over.
    in_order = sorted(data.draw(st.sets(st.integers(0, n - 1), max_size=n)))
    rights = sorted(data.draw(st.permutations(range(n)))[: len(in_order)])
    scores = st.floats(0.5, 1.0)
    groups = [([i], [j], data.draw(scores)) for i, j in zip(in_order, rights, strict=True)]
    free_l = [i for i in range(n) if i not in in_order]
    free_r = data.draw(st.permutations([j for j in range(n) if j not in rights]))
    moves = [([i], [j], data.draw(scores)) for i, j in zip(free_l, free_r, strict=False)]

    settled, moved = aligner._settle_order(list(groups), list(moves))

    everything = sorted([*groups, *moves])
    weights = aligner._group_weights(everything)
    chain = heaviest_chain([(g[0][0], g[1][0], w) for g, w in zip(everything, weights, strict=True)])
    expected_total = sum(weights[k] for k in chain)
    settled_weights = aligner._group_weights(settled)
    assert abs(sum(settled_weights) - expected_total) < 1e-9
    assert sorted(settled + moved) == everything
    assert all(a[0][0] < b[0][0] and a[1][0] < b[1][0] for a, b in pairwise(settled))
