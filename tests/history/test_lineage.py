"""Lineage through a history: a passage followed through a move, a change, a removal, a split;
blame of the newest version (the three-version case of issue 16); typography."""

from __future__ import annotations

from tui.engine.history import History
from tui.engine.model import AlignOptions
from tui.engine.reading import make_document

from .cases import NEW_IN_SECOND_SEED, NINE_LINE, STORM, documents, paragraphs, three_versions


def _history(*versions: list[str], **options) -> History:
    docs = [make_document(f"v{k}", paragraphs(*paras)) for k, paras in enumerate(versions, start=1)]
    return History(docs, AlignOptions(**options))


def _strand_of(history: History, version: int, index: int):
    return next(
        s for s in history.strands()
        if s.first_version <= version <= s.last_version
        and index in [ref.index for ref in s.passages[version - s.first_version]]
    )


# The power cut paragraph moves far down (v2), is reworded (v3), then removed (v4).
POWER = STORM[2]
V1 = STORM[:]
V2 = [p for p in STORM if p != POWER]
V2.insert(8, POWER)
V3 = [POWER.replace("about 14,000 homes", "more than 20,000 homes") if p == POWER else p for p in V2]
V4 = [p for p in V2 if p != POWER]


def test_a_passage_is_followed_through_a_move_a_change_and_its_removal() -> None:
    history = _history(V1, V2, V3, V4)
    found = history.passage_history(1, 2)
    assert (found.first_version, found.last_version, found.removed_in) == (1, 3, 4)
    assert [found.passages_in(v) for v in (1, 2, 3, 4)] == [(2,), (8,), (8,), ()]
    assert [(s.step, s.changes) for s in found.steps] == [
        (1, ("moved",)), (2, ("changed",)), (3, ("removed",)),
    ]
    assert found.changed_in == (2, 3)
    # Asked from a later version, the same lineage.
    later = history.passage_history(3, 8)
    assert (later.first_version, later.removed_in, later.passages) == (1, 4, found.passages)
    strand = _strand_of(history, 1, 2)
    assert [(e.step, e.change, e.moved) for e in strand.events] == [
        (1, "moved", True), (2, "changed", False), (3, "removed", False),
    ]
    assert (strand.first_version, strand.last_version, strand.removed_in) == (1, 3, 4)
    moved = history.blame(3)[8]  # blame of an older version: the steps before it only
    assert (moved.introduced, moved.changed, moved.moved) == (1, 3, 2)
    assert history.blame(2)[8].changed == 1


def test_a_passage_left_alone_has_no_events_and_reaches_the_newest_version() -> None:
    history = _history(V1, V2, V3, V4)
    found = history.passage_history(1, 0)
    assert (found.first_version, found.last_version, found.removed_in) == (1, 4, None)
    assert found.changed_in == ()
    assert _strand_of(history, 1, 0).events == ()
    blame = history.blame()[0]
    assert (blame.introduced, blame.changed, blame.moved) == (1, 1, None)


def test_a_split_branches_the_lineage_and_counts_as_a_change() -> None:
    joined = f"{STORM[1]} {STORM[3]}"
    reworded = STORM[1].replace("two fishing boats", "three fishing boats")
    history = _history(
        [STORM[0], joined, STORM[4]],
        [STORM[0], STORM[1], STORM[3], STORM[4]],
        [STORM[0], reworded, STORM[3], STORM[4]],
    )
    whole = history.passage_history(1, 1)
    assert whole.passages_in(2) == (1, 2) and whole.passages_in(3) == (1, 2)
    assert whole.steps[0].changes == ("split",)
    half = history.passage_history(3, 2)  # STORM[3], the second half
    assert half.first_version == 1 and half.passages_in(1) == (1,)
    assert [ref.index for ref in _strand_of(history, 1, 1).passages[1]] == [1, 2]
    blame = {b.passage.index: b for b in history.blame()}
    assert (blame[1].introduced, blame[1].changed) == (1, 3)
    assert (blame[2].introduced, blame[2].changed) == (1, 2)


def test_blame_of_the_three_version_case_names_the_version_of_each_change() -> None:
    history = History(documents(three_versions()))
    blame = {b.passage.start_line: b for b in history.blame()}
    # "Meanwhile, at least eight people were killed ...": the first seed's line 7, whose "nine"
    # became "eight" in v2, then reworded and joined by a sentence in v3.
    eight = next(b for b in blame.values() if "at least eight people" in b.passage.text)
    assert (eight.introduced, eight.changed, eight.moved) == (1, 3, None)

    def version_of(word: str) -> int:
        at = eight.passage.text.index(word)
        return next(v for start, end, v in eight.words if start <= at < end)

    assert version_of("eight") == 2
    assert version_of("Meanwhile") == 3
    assert version_of("rubble") == 3
    assert version_of("killed") == 1
    # The paragraph added in v2 is still there in v3, unchanged; the second seed's own news is v3's.
    added = blame[NEW_IN_SECOND_SEED]
    assert (added.introduced, added.changed) == (2, 2)
    assert {v for _, _, v in added.words} == {2}
    starmer = next(b for b in blame.values() if b.passage.text.startswith("Starmer urges Putin"))
    assert (starmer.introduced, starmer.changed) == (3, 3)


def test_passage_history_of_the_three_version_case() -> None:
    history = History(documents(three_versions()))
    newest = next(p for p in history.units(3) if "at least eight people" in p.text)
    found = history.passage_history(3, newest.index)
    first = history.units(1)[found.passages_in(1)[0]]
    assert first.start_line == NINE_LINE and "at least nine people" in first.text
    assert found.changed_in == (2, 3)
    assert history.step(1).blocks[found.steps[0].blocks[0]].kind == "changed"
    peskov = next(p for p in history.units(1) if p.text.startswith("Mr Peskov added"))
    gone = history.passage_history(1, peskov.index)
    assert (gone.last_version, gone.removed_in) == (2, 3)


def test_typography_is_a_change_only_when_counted() -> None:
    straight = 'The minister said "we will act" before the vote, and the chamber fell silent.'
    curly = straight.replace('"we will act"', "“we will act”")
    versions = ([STORM[0], straight], [STORM[0], curly], [STORM[0], curly])
    normalised = _history(*versions).blame()[1]
    assert (normalised.changed, {v for _, _, v in normalised.words}) == (1, {1})
    counted = _history(*versions, normalize=False).blame()[1]
    assert counted.changed == 2
    assert {v for _, _, v in counted.words} == {1, 2}
