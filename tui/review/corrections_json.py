"""`diptych --json --review FILE`: the alignment with the reviewer's corrections applied, as
`diptych.alignment/1`, each block a correction made carrying `"corrected"` (an additive field)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from tui.engine.alignment_json import block_to_dict, iter_alignment_json
from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, Document
from tui.review.corrections import Corrected
from tui.review.store import ReviewStore


def corrected_json_pieces(corrected: Corrected) -> Iterator[str]:
    """The JSON text of `corrected.alignment` in pieces (see iter_alignment_json)."""
    alignment, marks = corrected.alignment, corrected.marks

    def lines() -> Iterator[str]:
        for index, block in enumerate(alignment.blocks):
            entry = block_to_dict(block, alignment)
            if index in marks:
                entry["corrected"] = str(marks[index].kind)
            yield json.dumps(entry, ensure_ascii=False)

    return iter_alignment_json(alignment, blocks=lines())


def corrected_alignment(left: Document, right: Document, options: AlignOptions, review: str) -> Corrected:
    """The two documents aligned and corrected with the review file `review` (which must exist).
    Raises ReviewStoreError with a one-line message."""
    alignment: Alignment = compare_documents(left, right, options)
    with ReviewStore.open(review, create=False) as store:
        return store.session(alignment).corrected
