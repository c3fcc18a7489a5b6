"""A generated 50-version history (tui/evaluation/history_gen.py: rewording, changed numbers,
insertions, deletions, far moves, splits and merges, applied cumulatively) against its known
lineage."""

from __future__ import annotations

import pytest

from tui.engine.history import History
from tui.engine.reading import make_document
from tui.evaluation.history_gen import GeneratedHistory, generate_history

VERSIONS = 50


@pytest.fixture(scope="module")
def generated() -> tuple[GeneratedHistory, History]:
    story = generate_history(VERSIONS, 20_000, seed="tests")
    docs = [make_document(f"v{v}.txt", story.text(v)) for v in range(1, VERSIONS + 1)]
    return story, History(docs)


def test_the_generated_history_has_every_kind_of_edit(generated) -> None:
    _, history = generated
    changes = {change for step in range(1, VERSIONS) for change in history.links(step).changes}
    assert {"added", "removed", "changed", "moved", "split", "merged"} <= changes


def test_blame_of_the_newest_version_agrees_with_the_known_lineage(generated) -> None:
    story, history = generated
    newest = story.versions[-1]
    blame = history.blame()
    assert len(blame) == len(newest)  # one passage per generated paragraph
    wrong = [
        (b.passage.text[:60], (b.introduced, b.changed, b.moved), (story.introduced(p), p.changed, p.moved))
        for b, p in zip(blame, newest, strict=True)
        if (b.introduced, b.changed, b.moved) != (story.introduced(p), p.changed, p.moved)
    ]
    assert len(wrong) <= 0.05 * len(newest), wrong
    # The words of a passage are never older than the passage, nor newer than its last change.
    for b in blame:
        assert all(b.introduced <= v <= b.changed for _, _, v in b.words), b


def test_strands_hold_every_passage_once_and_events_point_at_their_blocks(generated) -> None:
    _, history = generated
    seen = set()
    for strand in history.strands():
        for version, refs in enumerate(strand.passages, start=strand.first_version):
            assert refs, "a strand exists in every version from its first to its last"
            for ref in refs:
                assert (version, ref.index) not in seen
                seen.add((version, ref.index))
                unit = history.units(version)[ref.index]
                assert (ref.start_line, ref.end_line) == (unit.start_line, unit.end_line)
        for event in strand.events:
            links = history.links(event.step)
            mine = {ref.index for ref in strand.passages[event.step - strand.first_version]} if (
                event.step >= strand.first_version) else set()
            assert event.change == links.changes[event.block] != "equal"
            assert mine & set(links.left[event.block]) or event.change == "added"
    assert seen == {(v, i) for v in range(1, VERSIONS + 1) for i in range(len(history.units(v)))}


def test_a_passage_history_lies_inside_its_strand(generated) -> None:
    _, history = generated
    middle = VERSIONS // 2
    strands = history.strands()
    for index in range(0, len(history.units(middle)), 7):
        found = history.passage_history(middle, index)
        strand = next(
            s for s in strands if s.first_version <= middle <= s.last_version
            and index in {r.index for r in s.passages[middle - s.first_version]}
        )
        assert strand.first_version <= found.first_version
        assert found.last_version <= strand.last_version
        for version in range(found.first_version, found.last_version + 1):
            inside = {r.index for r in strand.passages[version - strand.first_version]}
            assert set(found.passages_in(version)) <= inside
