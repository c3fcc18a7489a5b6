"""Build alignments from lists of paragraphs (blank-line separated, as most documents are)."""

from __future__ import annotations

from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, Block
from tui.engine.reading import make_document


def align_paragraphs(left: list[str], right: list[str], **options) -> Alignment:
    return compare_documents(
        make_document("left", "\n\n".join(left) + "\n"),
        make_document("right", "\n\n".join(right) + "\n"),
        AlignOptions(**options),
    )


def shape(block: Block) -> tuple[str, tuple[int, ...], tuple[int, ...], bool]:
    return (
        str(block.kind),
        tuple(p.index for p in block.left),
        tuple(p.index for p in block.right),
        block.moved,
    )


def block_with(alignment: Alignment, left_index: int) -> Block:
    return next(b for b in alignment.blocks if any(p.index == left_index for p in b.left))


# Ten distinct paragraphs of ordinary prose (a town's news), for building documents.
PARAS = [
    "The council approved the new budget on Tuesday after a long debate about school funding and roads.",
    "Residents of the northern district complained that the bus service had been cut twice this year.",
    "The mayor promised a review of the library opening hours before the end of the summer season.",
    "A new bridge over the river will open in spring, the transport department said in a statement.",
    "Fishermen reported an unusual number of seals in the harbour during the early weeks of October.",
    "The hospital trust warned that waiting times for routine operations would rise again this winter.",
    "Volunteers planted four hundred trees along the old railway line, which is now a cycle path.",
    "Police are asking for witnesses after a van was driven into the front of a bakery on Mill Street.",
    "The football club confirmed that its manager will stay for two more seasons despite the poor start.",
    "Plans for a solar farm on the edge of the village were rejected by the planning committee.",
]
