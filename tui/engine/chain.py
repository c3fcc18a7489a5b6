"""The heaviest chain: of weighted pairs (left index, right index), the subset whose indices both
strictly increase with the largest total weight — the order-preserving backbone of an alignment."""

from __future__ import annotations

from collections.abc import Sequence


def heaviest_chain(items: Sequence[tuple[int, int, float]]) -> list[int]:
    """The positions in `items` ((left, right, weight) triples) of the heaviest chain whose left
    and right indices both strictly increase, in chain order (Fenwick tree over the right
    indices that occur, O(n log n))."""
    if len(items) <= 1:
        return list(range(len(items)))
    rights = sorted({j for _, j, _ in items})
    rank = {j: r for r, j in enumerate(rights)}
    n = len(rights)
    tree_val = [0.0] * (n + 1)
    tree_arg = [-1] * (n + 1)
    # Within one left index, handle larger right indices first so two items never share it.
    order = sorted(range(len(items)), key=lambda k: (items[k][0], -items[k][1]))
    back = [-1] * len(items)
    best_total, best_end = 0.0, -1
    pending: list[tuple[int, float, int]] = []
    current_i = None
    for k in order:
        i, j, w = items[k]
        if i != current_i:
            for pos, val, arg in pending:
                pos += 1
                while pos <= n:
                    if val > tree_val[pos]:
                        tree_val[pos], tree_arg[pos] = val, arg
                    pos += pos & -pos
            pending = []
            current_i = i
        pos = rank[j]  # best over right ranks < rank[j]
        prev_total, prev = 0.0, -1
        while pos > 0:
            if tree_val[pos] > prev_total:
                prev_total, prev = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        total = prev_total + w
        back[k] = prev
        pending.append((rank[j], total, k))
        if total > best_total:
            best_total, best_end = total, k
    chain: list[int] = []
    k = best_end
    while k != -1:
        chain.append(k)
        k = back[k]
    chain.reverse()
    return chain
