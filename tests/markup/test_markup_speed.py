"""Segmenting by structure stays within a small factor of the plain segmentation on the largest
marked-up documents of the shared corpus (the factors measured: Markdown 2.5-3 since plain
paragraphs skip the parser, 4-6.5 before; AsciiDoc 1-1.7)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.conftest import SHARED_CORPUS
from tui.engine.markup import structured_paragraphs
from tui.engine.reading import read_document
from tui.engine.segment import paragraphs

LARGEST = {
    "large-rust-book-2020-vs-2026/right.txt": 6.0,  # Markdown: markdown-it-py's block parser
    "large-git-manpages-2018-vs-2026/right.txt": 3.0,  # AsciiDoc: a line scanner
    "medium-pep0622-split-into-634-635-636/right.txt": 3.0,  # reStructuredText: a line scanner
}


def _best_of_three(work: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize("name", LARGEST)
def test_structure_costs_a_bounded_factor_of_plain_segmentation(name: str) -> None:
    path = SHARED_CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is not here (corpus text)")
    doc = read_document(str(path))
    assert structured_paragraphs(doc) is not None  # recognised, and the parser imported
    plain = _best_of_three(lambda: paragraphs(doc))
    structured = _best_of_three(lambda: structured_paragraphs(doc))
    assert structured <= LARGEST[name] * plain, f"{structured:.3f} s against {plain:.3f} s plain"
