"""The evaluation itself: deterministic generated cases whose gold is the real lineage, scoring
that counts what it should, and diptych ahead of the difflib peer where the peer cannot see."""

from __future__ import annotations

from tui.evaluation.evaluate import diptych_pairs, peer_pairs
from tui.evaluation.gold import score_gold, score_sentences
from tui.evaluation.labelled import seeds_gold
from tui.evaluation.perturb import RECIPES, generate, sources


def _case(recipe: str):
    srcs = sources()
    return generate("seeds", srcs["seeds"], recipe, foreign=srcs.get("GPL-3", srcs["seeds"][:5]))


def test_generator_is_deterministic() -> None:
    a, b = _case("mixed"), _case("mixed")
    assert a.left == b.left and a.right == b.right and a.links.strong == b.links.strong


def test_gold_links_follow_the_edits() -> None:
    identical = _case("identical")
    assert identical.left == identical.right
    assert identical.links.strong == {(i, i) for i in range(len(identical.left_units))}
    splits = _case("splits")
    lefts = [i for i, _ in splits.links.strong]
    assert len(lefts) > len(set(lefts))  # a split: one left paragraph, two links


def test_seeds_gold_is_met_exactly() -> None:
    gold = seeds_gold()
    assert gold is not None
    para = score_gold(gold, diptych_pairs(gold, "paragraph"))
    assert (para.precision, para.recall) == (1.0, 1.0)
    sent = score_sentences(gold, diptych_pairs(gold, "sentence"))
    assert sent is not None and (sent.precision, sent.recall) == (1.0, 1.0)


def test_diptych_finds_moves_the_peer_cannot() -> None:
    case = _case("moves-edited")
    ours = score_gold(case, diptych_pairs(case, "paragraph"))
    peer = score_gold(case, peer_pairs(case, "paragraph"))
    assert ours.f1 == 1.0
    assert peer.recall < 1.0  # the peer pairs only inside replaced regions


def test_every_recipe_generates_a_usable_case() -> None:
    for recipe in RECIPES:
        case = _case(recipe)
        assert case.left and case.right and case.links.strong
