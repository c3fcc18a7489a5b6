"""What the app will call: steps aligned once (also from several threads at a time), any pair
on request, errors for versions that do not exist."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tui.engine import history as history_module
from tui.engine.compare import compare_documents
from tui.engine.history import History
from tui.engine.reading import make_document
from tui.engine.versions import gather_versions

from .cases import STORM, documents, paragraphs, three_versions, write_versions


def _shapes(alignment) -> list[tuple]:
    return [(str(b.kind), [p.index for p in b.left], [p.index for p in b.right]) for b in alignment.blocks]


def test_each_step_is_aligned_once_however_many_threads_ask(monkeypatch) -> None:
    calls: list[int] = []
    real = history_module.align_documents

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(history_module, "align_documents", counting)
    history = History(documents(three_versions()))
    assert history.aligned(2) is None  # nothing is aligned before it is asked for
    start = threading.Barrier(4)
    results = []

    def ask() -> None:
        start.wait()
        results.append(history.step(2))

    workers = [threading.Thread(target=ask) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(calls) == 1
    assert all(result is results[0] for result in results)
    assert history.aligned(2) is results[0] and history.aligned(1) is None
    history.blame()  # needs step 1 too; step 2 is not aligned again
    assert len(calls) == 2


def test_any_pair_is_aligned_on_request_like_two_files() -> None:
    texts = three_versions()
    history = History(documents(texts))
    first_last = history.pair(1, 3)
    assert _shapes(first_last) == _shapes(compare_documents(history.document(1), history.document(3)))
    assert first_last.sentence_links  # the seeds have a sentence that moved between paragraphs
    assert history.pair(1, 3) is first_last
    assert history.pair(2, 3) is history.step(2)
    backwards = history.pair(3, 1)  # newer on the left: allowed, and not the same alignment
    assert backwards.left is history.document(3)


def test_a_history_is_read_from_the_versions_found_in_a_folder(tmp_path) -> None:
    write_versions(tmp_path, [paragraphs(*STORM[:k]) for k in (3, 4, 5)], names=["b.txt", "a.txt", "c.txt"])
    history = History.read(gather_versions([str(tmp_path)]))
    assert [Path(history.document(v).path).name for v in (1, 2, 3)] == ["a.txt", "b.txt", "c.txt"]
    assert [len(history.units(v)) for v in (1, 2, 3)] == [4, 3, 5]


def test_versions_and_passages_out_of_range_are_refused() -> None:
    history = History([make_document(f"v{k}", paragraphs(*STORM[:k])) for k in (3, 4, 5)])
    with pytest.raises(IndexError):
        history.step(3)  # three versions: steps 1 and 2
    with pytest.raises(IndexError):
        history.pair(0, 2)
    with pytest.raises(IndexError):
        history.passage_history(2, 4)  # version 2 has passages 0..3
    with pytest.raises(ValueError):
        History([make_document("only", "one version\n")])
