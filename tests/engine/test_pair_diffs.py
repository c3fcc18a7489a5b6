"""The alignment's cache of word diffs (tui/engine/pair_diffs.py): the same ops as diff_words,
each pair diffed once whoever asks (panes, strip, change list), and never the diffs of another
alignment."""

from __future__ import annotations

import dataclasses
import glob
import threading
import time

import pytest

import tui.engine.pair_diffs as pair_diffs_module
from tui.engine.alignment_json import block_to_dict
from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, Block
from tui.engine.pair_diffs import pair_diffs, side_text
from tui.engine.reading import read_document
from tui.engine.significance import run_classes
from tui.engine.worddiff import diff_words

from .helpers import PARAS, align_paragraphs


def _seeds(**options) -> Alignment:
    left, right = sorted(glob.glob("seeds/*.txt"))
    return compare_documents(read_document(left), read_document(right), AlignOptions(**options))


def _pairs(alignment: Alignment) -> list[Block]:
    return [block for block in alignment.blocks if block.left and block.right]


@pytest.mark.parametrize("normalize", [True, False])
def test_the_cache_gives_the_ops_and_classes_of_diff_words(normalize: bool) -> None:
    alignment = _seeds(normalize=normalize)
    diffs = pair_diffs(alignment)
    pairs = _pairs(alignment)
    assert any(block.kind == "changed" for block in pairs)
    for block in pairs:
        left, right = side_text(alignment.left, block.left), side_text(alignment.right, block.right)
        assert diffs.texts(block) == (left, right)
        ops = diff_words(left, right, normalize)
        assert list(diffs.ops(block)) == ops
        assert list(diffs.runs(block)) == run_classes(left, right, ops, normalize)


def test_a_differences_classes_are_those_json_writes_and_a_passages_are_found_once(monkeypatch) -> None:
    alignment = _seeds()
    diffs = pair_diffs(alignment)
    for block in alignment.blocks:
        if not block.is_difference:
            continue
        expected = block_to_dict(block, alignment)["classes"]
        assert [str(cls) for cls in diffs.classes(block)] == expected
    one_sided = [block for block in alignment.blocks if bool(block.left) != bool(block.right)]
    assert any(diffs.classes(block) for block in one_sided)  # the seeds' removed casualty figures
    calls: list[str] = []
    monkeypatch.setattr(pair_diffs_module, "passage_classes", lambda text: calls.append(text) or ())
    for block in one_sided:  # asked again (the status bar, the filter, the change list): cached
        diffs.classes(block)
    assert calls == []


def test_each_pair_is_diffed_once_however_often_it_is_asked_for(monkeypatch) -> None:
    calls: list[tuple[str, str]] = []

    def counting(left: str, right: str, normalize: bool = True):
        calls.append((left, right))
        return diff_words(left, right, normalize)

    monkeypatch.setattr(pair_diffs_module, "diff_words", counting)
    alignment = _seeds()
    pairs = _pairs(alignment)
    for _ in range(3):  # as the panes, the strip and the change list would
        for block in pairs:
            pair_diffs(alignment).ops(block)
            pair_diffs(alignment).runs(block)
    assert len(calls) == len(pairs) == len(pair_diffs(alignment))


def test_a_new_alignment_starts_with_no_diffs() -> None:
    old = align_paragraphs(PARAS[:3], [PARAS[0], PARAS[1].replace("twice", "three times"), PARAS[2]])
    block = next(b for b in old.blocks if b.kind == "changed")
    assert pair_diffs(old).ops(block)
    assert len(pair_diffs(old)) == 1
    # Another threshold, the same documents: a new alignment, a new (empty) cache.
    again = compare_documents(old.left, old.right, AlignOptions(threshold=0.6))
    assert pair_diffs(again) is not pair_diffs(old) and len(pair_diffs(again)) == 0
    # An alignment made from this one (as a reviewer's correction makes one) does not share it.
    copied = dataclasses.replace(old, blocks=list(old.blocks))
    assert copied.word_diffs is None and len(pair_diffs(copied)) == 0
    # Nor does the alignment of the other normalisation, whose ops differ.
    typographic = compare_documents(old.left, old.right, AlignOptions(normalize=False))
    assert pair_diffs(typographic).normalize is False


def test_a_reviewers_correction_gets_the_diffs_of_its_own_pairs() -> None:
    from tui.review.corrections import apply_corrections, unpair

    alignment = _seeds()
    index = next(i for i, b in enumerate(alignment.blocks) if b.kind == "changed")
    for block in _pairs(alignment):
        pair_diffs(alignment).ops(block)
    corrected = apply_corrections(alignment, [unpair(alignment, index)])
    assert corrected is not alignment and len(pair_diffs(corrected)) == 0
    for block in _pairs(corrected):
        left, right = side_text(corrected.left, block.left), side_text(corrected.right, block.right)
        assert list(pair_diffs(corrected).ops(block)) == diff_words(left, right)


def test_two_threads_asking_for_the_same_pair_diff_it_once(monkeypatch) -> None:
    calls: list[str] = []

    def slow(left: str, right: str, normalize: bool = True):
        calls.append(left)
        time.sleep(0.05)  # long enough for the other thread to ask meanwhile
        return diff_words(left, right, normalize)

    monkeypatch.setattr(pair_diffs_module, "diff_words", slow)
    alignment = _seeds()
    pairs = _pairs(alignment)[:4]
    results: list[list[tuple]] = []

    def walk() -> None:
        results.append([pair_diffs(alignment).ops(block) for block in pairs])

    threads = [threading.Thread(target=walk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == len(pairs)
    assert results[0] == results[1]


def test_a_failed_diff_is_raised_to_whoever_asks_and_tried_again(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("boom")

    alignment = _seeds()
    block = _pairs(alignment)[0]
    monkeypatch.setattr(pair_diffs_module, "diff_words", broken)
    with pytest.raises(ValueError):
        pair_diffs(alignment).ops(block)
    monkeypatch.setattr(pair_diffs_module, "diff_words", diff_words)
    assert pair_diffs(alignment).ops(block)


def test_a_one_sided_block_has_no_word_diff() -> None:
    alignment = align_paragraphs(PARAS[:2], PARAS[:1])
    removed = next(b for b in alignment.blocks if not b.right)
    with pytest.raises(ValueError):
        pair_diffs(alignment).ops(removed)


def test_the_panes_the_strip_and_the_report_share_one_diff_per_pair(monkeypatch) -> None:
    from tui.app.highlights import HighlightCache
    from tui.app.overview import refine_mark
    from tui.review.report_model import build_report

    calls: list[str] = []

    def counting(left: str, right: str, normalize: bool = True):
        calls.append(left)
        return diff_words(left, right, normalize)

    monkeypatch.setattr(pair_diffs_module, "diff_words", counting)
    alignment = _seeds()
    highlights = HighlightCache(alignment)
    for index in range(len(alignment.blocks)):
        highlights.get(index)
    for block in alignment.blocks:
        refine_mark(block, alignment)
    report = build_report(alignment)
    diffed = [b for b in _pairs(alignment) if b.kind == "changed" or b.moved or b.typographic_only]
    assert len(calls) == len(diffed)
    assert all(item.words is pair_diffs(alignment).ops(alignment.blocks[item.block_index])
               for item in report.items if item.words is not None)
