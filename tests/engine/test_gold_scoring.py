"""Scoring predicted pairs against gold units: weak links are neutral, wrong pairs always count,
and a segmentation finer than the gold is not penalised (tui/evaluation/gold.py, rules 1-5)."""

from __future__ import annotations

from tui.evaluation.gold import Links, Score, Span, UnitCover, judge

# Three units on each side; units are paragraphs separated by blank lines.
LEFT = "alpha beta gamma delta\n\nepsilon zeta eta theta\n\niota kappa lambda mu\n"
RIGHT = "alpha beta gamma delta!\n\nepsilon zeta eta theta!\n\nnu xi omicron pi\n"


def _units(text: str) -> list[Span]:
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append((pos, pos + len(block.rstrip("\n"))))
        pos += len(block) + 2
    return out


LU, RU = _units(LEFT), _units(RIGHT)
COVERS = UnitCover(LEFT, LU), UnitCover(RIGHT, RU)


Groups = list[tuple[list[Span], list[Span]]]


def _score(links: Links, groups: Groups, windows: tuple[set[int], set[int]] | None = None) -> Score:
    return judge(links, groups, *COVERS, windows).score(links)


def test_weak_links_are_neither_missed_nor_wrong() -> None:
    links = Links(strong={(0, 0)}, weak={(2, 2)})
    without = _score(links, [([LU[0]], [RU[0]])])
    with_weak = _score(links, [([LU[0]], [RU[0]]), ([LU[2]], [RU[2]])])
    assert (without.precision, without.recall) == (1.0, 1.0)
    assert (with_weak.precision, with_weak.recall, with_weak.wrong) == (1.0, 1.0, 0)


def test_a_wrong_pair_lowers_precision_and_a_missed_link_recall() -> None:
    links = Links(strong={(0, 0), (1, 1)})
    result = _score(links, [([LU[0]], [RU[0]]), ([LU[2]], [RU[1]])])
    assert result.wrong == 1 and result.precision == 0.5 and result.recall == 0.5


def test_alternatives_count_once_whichever_is_found() -> None:
    links = Links(alternatives=[{(0, 0), (1, 0)}])
    assert _score(links, [([LU[1]], [RU[0]])]).recall == 1.0
    assert _score(links, []).recall == 0.0


def test_finer_passages_inside_one_gold_unit_count_as_that_unit() -> None:
    # A segmenter that cuts unit 0 into two passages, each paired with right unit 0.
    first, second = (0, 11), (11, LU[0][1])
    links = Links(strong={(0, 0)})
    result = _score(links, [([first], [RU[0]]), ([second], [RU[0]])])
    assert (result.precision, result.recall, result.predicted) == (1.0, 1.0, 1)


def test_a_fragment_is_correct_but_not_found_when_it_shows_too_little_of_its_unit() -> None:
    fragment = (0, 5)  # "alpha": a fifth of the unit
    result = _score(Links(strong={(0, 0)}), [([fragment], [RU[0]])])
    assert result.precision == 1.0 and result.recall == 0.0


def test_a_pair_coarser_than_the_gold_is_granularity_not_error() -> None:
    # Units 0 and 1 paired as one passage on each side: the cross links 0-1 and 1-0 are not wrong.
    whole_left, whole_right = (LU[0][0], LU[1][1]), (RU[0][0], RU[1][1])
    result = _score(Links(strong={(0, 0), (1, 1)}), [([whole_left], [whole_right])])
    assert (result.precision, result.recall, result.wrong) == (1.0, 1.0, 0)


def test_a_unit_carried_without_partner_inside_a_coarse_pair_is_wrong() -> None:
    # Left units 0-2 as one passage against right 0-1: left 2 has no partner in the pair.
    whole_left, whole_right = (LU[0][0], LU[2][1]), (RU[0][0], RU[1][1])
    verdict = judge(Links(strong={(0, 0), (1, 1)}), [([whole_left], [whole_right])], *COVERS)
    assert verdict.wrong == {(2, 0), (2, 1)}


def test_only_pairs_touching_the_window_are_scored() -> None:
    links = Links(strong={(0, 0)})
    outside = ([LU[2]], [RU[1]])
    assert _score(links, [([LU[0]], [RU[0]]), outside], ({0}, {0})).wrong == 0
    assert _score(links, [([LU[0]], [RU[0]]), outside], ({0, 2}, {0})).wrong == 1
