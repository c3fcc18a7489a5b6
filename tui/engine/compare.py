"""The engine's front door: two documents in, an Alignment out."""

from __future__ import annotations

from tui.engine.align import RightSource, SentenceSides, align, link_sentences
from tui.engine.model import Alignment, AlignOptions, BlockKind, Document, Passage, SentenceLink, Stats
from tui.engine.reading import read_document
from tui.engine.segment import segment, sentences


def compare_documents(left: Document, right: Document, options: AlignOptions | None = None) -> Alignment:
    alignment = align_documents(left, right, options)
    alignment.sentence_links = find_sentence_links(alignment)
    return alignment


def align_documents(
    left: Document,
    right: Document,
    options: AlignOptions | None = None,
    units: tuple[list[Passage], list[Passage]] | None = None,
    right_source: RightSource | None = None,
) -> Alignment:
    """The alignment without its sentence links (compare_documents = this + find_sentence_links;
    `--json` has a second process find them: tui.engine.helper_process). `units`: the two
    documents' segmentation when it was done already (`segment(doc, options.unit, options.markup)`);
    `right_source`: the right document's keys and word strings computed elsewhere."""
    options = options or AlignOptions()
    left_units, right_units = units or (
        segment(left, options.unit, options.markup), segment(right, options.unit, options.markup)
    )
    blocks = align(left_units, right_units, options.threshold, options.normalize, right_source)
    return Alignment(left, right, options, left_units, right_units, blocks, [])


def find_sentence_links(alignment: Alignment) -> list[SentenceLink]:
    """Sentences of the paragraphs that are not equal: where did a sentence of one go?
    (Paragraph mode only; none in sentence mode.)"""
    options, blocks = alignment.options, alignment.blocks
    if options.unit != "paragraph":
        return []
    unsettled_l = [p for b in blocks if b.kind is not BlockKind.EQUAL for p in b.left]
    unsettled_r = [p for b in blocks if b.kind is not BlockKind.EQUAL for p in b.right]
    unsettled_l.sort(key=lambda p: p.index)
    unsettled_r.sort(key=lambda p: p.index)
    sides = SentenceSides(
        sentences(alignment.left, unsettled_l), sentences(alignment.right, unsettled_r), options.normalize
    )
    kinds, block_of_l, block_of_r = block_map(alignment)
    return link_sentences(kinds, block_of_l, block_of_r, sides, options.threshold)


def block_map(alignment: Alignment) -> tuple[list[BlockKind], list[int], list[int]]:
    """Each block's kind, and the block of each left and right paragraph."""
    block_of_l = [0] * len(alignment.left_units)
    block_of_r = [0] * len(alignment.right_units)
    for b, block in enumerate(alignment.blocks):
        for p in block.left:
            block_of_l[p.index] = b
        for p in block.right:
            block_of_r[p.index] = b
    return [block.kind for block in alignment.blocks], block_of_l, block_of_r


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
