"""The evaluation itself: deterministic generated cases whose gold is the real lineage, scoring
that counts what it should, and diptych ahead of the difflib peer where the peer cannot see."""

from __future__ import annotations

from tui.evaluation.evaluate import diptych_pairs, peer_pairs
from tui.evaluation.gold import Links, UnitMap, map_links
from tui.evaluation.labelled import seeds_gold
from tui.evaluation.perturb import RECIPES, generate, sources


def _case(recipe: str):
    srcs = sources()
    return generate("seeds", srcs["seeds"], recipe, foreign=srcs.get("GPL-3", srcs["seeds"][:5]))


def test_generator_is_deterministic() -> None:
    a, b = _case("mixed"), _case("mixed")
    assert a.left == b.left and a.right == b.right and a.links.required == b.links.required


def test_gold_links_follow_the_edits() -> None:
    identical = _case("identical")
    assert identical.left == identical.right
    assert identical.links.required == {(i, i) for i in range(len(identical.left_units))}
    splits = _case("splits")
    lefts = [i for i, _ in splits.links.required]
    assert len(lefts) > len(set(lefts))  # a split: one left paragraph, two links


def test_scoring_counts_alternatives_and_optional_links() -> None:
    gold = Links(required={(0, 0)}, groups=[{(1, 1), (2, 1)}], optional={(3, 3)})
    perfect = gold.score({(0, 0), (2, 1), (3, 3)})
    assert perfect.precision == perfect.recall == 1.0
    wrong = gold.score({(0, 0), (1, 2)})
    assert wrong.precision == 0.5 and wrong.recall == 0.5


def test_unit_map_uses_the_gold_unit_a_passage_starts_in() -> None:
    units = UnitMap([(0, 10), (12, 20)])
    assert units.unit_at(0, 10) == 0 and units.unit_at(12, 18) == 1 and units.unit_at(11, 15) == 1


def test_seeds_gold_is_met_exactly() -> None:
    gold = seeds_gold()
    assert gold is not None
    para = gold.links.score(
        map_links(diptych_pairs(gold, "paragraph"), UnitMap(gold.left_units), UnitMap(gold.right_units))
    )
    assert (para.precision, para.recall) == (1.0, 1.0)
    assert gold.sentence_links is not None
    sent = gold.sentence_links.score(
        map_links(
            diptych_pairs(gold, "sentence"), UnitMap(gold.left_sentences), UnitMap(gold.right_sentences)
        )
    )
    assert (sent.precision, sent.recall) == (1.0, 1.0)


def test_diptych_finds_moves_the_peer_cannot() -> None:
    case = _case("moves-edited")
    maps = UnitMap(case.left_units), UnitMap(case.right_units)
    ours = case.links.score(map_links(diptych_pairs(case, "paragraph"), *maps))
    peer = case.links.score(map_links(peer_pairs(case, "paragraph"), *maps))
    assert ours.f1 == 1.0
    assert peer.recall < 1.0  # the peer pairs only inside replaced regions


def test_every_recipe_generates_a_usable_case() -> None:
    for recipe in RECIPES:
        case = _case(recipe)
        assert case.left and case.right and case.links.required
