"""The engine's front door: two documents in, an Alignment out."""

from __future__ import annotations

from tui.engine.align import align, link_sentences
from tui.engine.model import Alignment, AlignOptions, BlockKind, Document, Stats
from tui.engine.reading import read_document
from tui.engine.segment import segment, sentences


def compare_documents(left: Document, right: Document, options: AlignOptions | None = None) -> Alignment:
    options = options or AlignOptions()
    left_units = segment(left, options.unit)
    right_units = segment(right, options.unit)
    blocks = align(left_units, right_units, options.threshold, options.normalize)
    links = []
    if options.unit == "paragraph":
        # Sentences of the paragraphs that are not equal: where did a sentence of one go?
        unsettled_l = [p for b in blocks if b.kind is not BlockKind.EQUAL for p in b.left]
        unsettled_r = [p for b in blocks if b.kind is not BlockKind.EQUAL for p in b.right]
        unsettled_l.sort(key=lambda p: p.index)
        unsettled_r.sort(key=lambda p: p.index)
        links = link_sentences(blocks, sentences(left, unsettled_l), sentences(right, unsettled_r),
                               options.threshold, options.normalize)
    return Alignment(left, right, options, left_units, right_units, blocks, links)


def compare_files(left_path: str, right_path: str, options: AlignOptions | None = None) -> Alignment:
    return compare_documents(read_document(left_path), read_document(right_path), options)


def compute_stats(alignment: Alignment) -> Stats:
    stats = Stats()
    matched_l = matched_r = total_l = total_r = 0
    for block in alignment.blocks:
        size_l = sum(len(p.text) for p in block.left)
        size_r = sum(len(p.text) for p in block.right)
        total_l += size_l
        total_r += size_r
        if block.kind is BlockKind.LEFT_ONLY:
            stats.left_only += 1
        elif block.kind is BlockKind.RIGHT_ONLY:
            stats.right_only += 1
        else:
            matched_l += size_l
            matched_r += size_r
            if block.kind is BlockKind.EQUAL:
                stats.equal += 1
                stats.typographic_only += block.typographic_only
            else:
                stats.changed += 1
        stats.moved += block.moved
        stats.differences += block.is_difference
    stats.left_matched = matched_l / total_l if total_l else 1.0
    stats.right_matched = matched_r / total_r if total_r else 1.0
    return stats
