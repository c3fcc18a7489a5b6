"""The filter of differences (F, z): which differences it keeps, the facts it reads of each
(classes, words changed, typography only), the stops n / p visit under it, where the selection
goes when it no longer matches, and the fold that holds the differences it leaves out."""

from __future__ import annotations

import pytest
from app_documents import punctuation_documents, seed_documents

from tui.app.diff_facts import difference_facts
from tui.app.diff_filter import SIZE_STEPS, DiffFacts, DiffFilter, matching_blocks
from tui.app.layout import MARK_FILTERED, ItemKind, Layout, build_items
from tui.app.navigation import Stop, build_stops
from tui.app.view_state import ViewState, nearest_stop
from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions
from tui.engine.reading import make_document


def punctuation_pair() -> Alignment:
    """One unchanged paragraph, one changed in punctuation only, one number changed, one unchanged."""
    return compare_documents(*punctuation_documents(), AlignOptions())


def _facts(*classes: str, size: int = 5, form_only: bool = False, kinds: tuple[str, ...] = ()) -> DiffFacts:
    return DiffFacts(frozenset(classes), size, form_only, frozenset(kinds))


# -- the filter state ----------------------------------------------------------------------------


def test_no_filter_keeps_everything_and_is_not_active() -> None:
    chosen = DiffFilter()
    assert not chosen.active
    assert chosen.describe() == ""
    assert chosen.matches(_facts()) and chosen.matches(_facts("typographic", size=0, form_only=True))


def test_classes_are_or_ed_and_toggle_off_again() -> None:
    chosen = DiffFilter().toggle_class("number").toggle_class("money")
    assert chosen.active
    assert chosen.matches(_facts("money", "entity"))
    assert chosen.matches(_facts("number"))
    assert not chosen.matches(_facts("date"))
    assert not chosen.matches(_facts())  # a reworded passage has no class
    assert chosen.toggle_class("number").toggle_class("money") == DiffFilter()


def test_the_size_is_a_smallest_number_of_words_changed() -> None:
    assert SIZE_STEPS[0] == 0
    chosen = DiffFilter().with_min_words(10)
    assert chosen.matches(_facts(size=10)) and not chosen.matches(_facts(size=9))
    both = chosen.toggle_class("number")
    assert not both.matches(_facts("number", size=3))  # a class and the size: both must hold
    assert both.matches(_facts("number", size=12))


def test_hiding_form_only_changes_keeps_changes_with_words() -> None:
    chosen = DiffFilter().toggle_form_only()
    assert not chosen.matches(_facts("punctuation", size=0, form_only=True))
    assert chosen.matches(_facts("punctuation", size=4))  # punctuation and reworded words
    assert not chosen.toggle_form_only().active


def test_the_description_names_classes_in_order_of_significance() -> None:
    chosen = DiffFilter().toggle_class("money").toggle_class("number").with_min_words(3).toggle_form_only()
    assert chosen.describe() == "number money, ≥3 words, no typography"


def test_matching_blocks() -> None:
    facts = {2: _facts("number"), 5: _facts("date"), 9: _facts("number", "date")}
    assert matching_blocks(facts, DiffFilter().toggle_class("number")) == {2, 9}


# -- the facts of the differences -----------------------------------------------------------------


def test_facts_of_the_seeds_find_the_changed_death_toll() -> None:
    alignment = compare_documents(*seed_documents(), AlignOptions())
    facts = difference_facts(alignment)
    assert set(facts) == {k for k, block in enumerate(alignment.blocks) if block.is_difference}
    nine = next(
        k for k, block in enumerate(alignment.blocks)
        if block.left and block.right and "nine people" in block.left[0].text
    )
    assert "number" in facts[nine].classes
    changed_pairs = [k for k, b in enumerate(alignment.blocks) if b.left and b.right and b.is_difference]
    assert [k for k in changed_pairs if "number" in facts[k].classes] == [nine]


def test_facts_count_words_changed_and_see_punctuation_only() -> None:
    alignment = punctuation_pair()
    facts = difference_facts(alignment)
    punctuation, number = sorted(facts)
    assert facts[punctuation].form_only and facts[punctuation].size == 0
    assert facts[number].classes == {"number"} and facts[number].size == 2  # Forty → Thirty
    assert not facts[number].form_only


def test_a_one_sided_passage_counts_all_its_words() -> None:
    left = make_document("l.txt", "A first paragraph that stays.\n\nA paragraph of seven words in all.\n")
    right = make_document("r.txt", "A first paragraph that stays.\n")
    alignment = compare_documents(left, right, AlignOptions())
    (removed,) = difference_facts(alignment).values()
    assert removed.size == 7 and not removed.form_only


# -- stops, selection and fold under a filter -------------------------------------------------------


def test_stops_hold_only_kept_differences_and_runs_only_kept_passages() -> None:
    alignment = compare_documents(*seed_documents(), AlignOptions())
    facts = difference_facts(alignment)
    keep = matching_blocks(facts, DiffFilter().toggle_class("number"))
    stops = build_stops(alignment.blocks, keep=keep)
    # Every kept difference in a stop and nothing else: a run of removed passages is cut where
    # one without a number stands between.
    assert {b for stop in stops for b in range(stop.first, stop.last + 1)} == keep
    assert len(keep) < len(facts)


def test_nearest_stop() -> None:
    stops = [Stop(2, 2), Stop(10, 12), Stop(20, 20)]
    assert nearest_stop(stops, 11) == 1  # held
    assert nearest_stop(stops, 5) == 0  # 3 after stop 0, 5 before stop 1
    assert nearest_stop(stops, 7) == 1
    assert nearest_stop(stops, 0) == 0 and nearest_stop(stops, 30) == 2
    assert nearest_stop([], 4) is None


def test_a_filter_moves_the_selection_to_the_nearest_kept_difference() -> None:
    alignment = punctuation_pair()
    punctuation, number = sorted(difference_facts(alignment))
    state = ViewState().aligned(alignment.blocks)
    state = state.select(0)  # the punctuation change
    assert state.stop == Stop(punctuation, punctuation)
    filtered = state.filtered(alignment.blocks, frozenset({number}))
    assert filtered.stops == [Stop(number, number)] and filtered.current == 0
    nothing = state.filtered(alignment.blocks, frozenset())
    assert nothing.stops == [] and nothing.current is None
    assert nothing.filtered(alignment.blocks, None).stops == state.stops  # cleared: every stop again


def test_the_fold_holds_filtered_out_differences_and_says_so() -> None:
    alignment = punctuation_pair()
    punctuation, number = sorted(difference_facts(alignment))
    items = build_items(alignment.blocks, True, hidden=frozenset({punctuation}))
    assert [(item.kind, item.block, item.count) for item in items] == [
        (ItemKind.FOLD, 0, 2), (ItemKind.BLOCK, number, 1), (ItemKind.FOLD, 3, 1),
    ]
    layout = Layout(alignment, 120, fold_equal=True, hidden=frozenset({punctuation}))
    row = "".join(text for text, _ in layout.row(0).frags)
    assert row.lstrip().startswith(MARK_FILTERED)
    assert "2 passages: 1 equal, 1 filtered out (left lines 1–3, right lines 1–3)" in row
    # Without folding every passage is shown, filtered out or not.
    unfolded = build_items(alignment.blocks, False, hidden=frozenset({punctuation}))
    assert [item.kind for item in unfolded] == [ItemKind.BLOCK] * 4


def test_kinds_are_or_ed_and_a_moved_changed_passage_is_both() -> None:
    chosen = DiffFilter().toggle_kind("added").toggle_kind("moved")
    assert chosen.active and chosen.describe() == "added moved"
    assert chosen.matches(_facts(kinds=("added",)))
    assert chosen.matches(_facts(kinds=("changed", "moved")))
    assert not chosen.matches(_facts(kinds=("removed",)))
    assert chosen.toggle_kind("added").toggle_kind("moved") == DiffFilter()
    with pytest.raises(ValueError):
        chosen.toggle_kind("number")  # a class, not a kind


def test_the_kinds_of_the_seeds_differences() -> None:
    alignment = compare_documents(*seed_documents(), AlignOptions())
    facts = difference_facts(alignment)
    expected = {"left_only": {"removed"}, "right_only": {"added"}, "changed": {"changed"}}
    for index, fact in facts.items():
        block = alignment.blocks[index]
        assert fact.kinds == expected[block.kind.value] | ({"moved"} if block.moved else set())
