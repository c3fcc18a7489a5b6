"""Property-based tests of lineage on random histories: every passage of every version is in one
strand, blame stays within its passage and its versions, a passage's history lies in its strand,
and nothing raises. (DIPTYCH_FUZZ_EXAMPLES=2000 for a longer run, as in tests/robustness.)"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.history import History
from tui.engine.model import AlignOptions
from tui.engine.reading import make_document

EXAMPLES = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCABULARY = "storm coast power homes nine eight 14,000 ferry “quoted” don't — the a of said was café".split()
words = st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=12)
sentence = words.map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def history_texts(draw: st.DrawFn) -> list[list[str]]:
    """3 to 5 versions, each the one before with a few edits: insert, delete, reword, move, split,
    merge, typography."""
    versions = [draw(st.lists(paragraph, min_size=0, max_size=8))]
    for _ in range(draw(st.integers(2, 4))):
        story = list(versions[-1])
        for _ in range(draw(st.integers(0, 4))):
            edit = draw(st.sampled_from(("insert", "delete", "reword", "move", "split", "merge", "quotes")))
            if edit == "insert" or not story:
                story.insert(draw(st.integers(0, len(story))), draw(paragraph))
                continue
            k = draw(st.integers(0, len(story) - 1))
            if edit == "delete":
                del story[k]
            elif edit == "reword":
                story[k] = story[k] + " " + draw(sentence)
            elif edit == "move":
                story.insert(draw(st.integers(0, len(story) - 1)), story.pop(k))
            elif edit == "split" and ". " in story[k]:
                head, tail = story[k].split(". ", 1)
                story[k : k + 1] = [head + ".", tail]
            elif edit == "merge" and k + 1 < len(story):
                story[k : k + 2] = [story[k] + " " + story[k + 1]]
            else:
                story[k] = story[k].replace("“", '"').replace("”", '"')
        versions.append(story)
    return versions


@FUZZ
@given(history_texts(), st.booleans())
def test_lineage_holds_whatever_the_edits(versions: list[list[str]], normalize: bool) -> None:
    docs = [make_document(f"v{k}", "\n\n".join(paras) + "\n") for k, paras in enumerate(versions, start=1)]
    history = History(docs, AlignOptions(normalize=normalize))
    count = history.count
    seen = {}
    for strand in history.strands():
        assert 1 <= strand.first_version <= strand.last_version <= count
        assert strand.removed_in == (None if strand.last_version == count else strand.last_version + 1)
        for version, refs in enumerate(strand.passages, start=strand.first_version):
            assert refs
            for ref in refs:
                assert (version, ref.index) not in seen
                seen[(version, ref.index)] = strand.id
    assert set(seen) == {(v, i) for v in range(1, count + 1) for i in range(len(history.units(v)))}
    for step in range(1, count):  # the passages of a pair are in one strand
        links = history.links(step)
        for lefts, rights in zip(links.left, links.right, strict=True):
            if lefts and rights:
                assert len({seen[(step, i)] for i in lefts} | {seen[(step + 1, i)] for i in rights}) == 1
    for blame in history.blame():
        text = blame.passage.text
        assert 1 <= blame.introduced <= blame.changed <= count
        assert blame.moved is None or blame.introduced < blame.moved <= count
        assert blame.strand == seen[(count, blame.passage.index)]
        end = 0
        for start, stop, version in blame.words:
            assert end <= start < stop <= len(text)
            assert blame.introduced <= version <= blame.changed
            end = stop
    for version in range(1, count + 1):
        for index in range(len(history.units(version))):
            found = history.passage_history(version, index)
            assert found.first_version <= version <= found.last_version
            assert index in found.passages_in(version)
            for v in range(found.first_version, found.last_version + 1):
                assert all(seen[(v, i)] == seen[(version, index)] for i in found.passages_in(v))
