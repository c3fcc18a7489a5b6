"""A document pairs the same passages as its plain text: Word, OpenDocument, HTML and PDF versions
of the seeds and of the council report align exactly as the text files do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.formats.documents import as_docx, as_html, as_odt, as_pdf, units_of
from tui.engine.compare import compare_documents
from tui.engine.model import Alignment
from tui.engine.reading import make_document, read_document

COUNCIL = Path(__file__).resolve().parents[1] / "app" / "data"
PAIRS = {
    "seeds": (SEEDS[0], SEEDS[1]),
    "council": (COUNCIL / "council-v1.txt", COUNCIL / "council-v2.txt"),
}
WRITERS: dict[str, Callable[[list[str]], bytes]] = {
    "docx": as_docx, "odt": as_odt, "html": as_html, "pdf": as_pdf,
}


def pairing(alignment: Alignment) -> list[tuple[str, bool, tuple[str, ...], tuple[str, ...]]]:
    """What the alignment paired, by the passages' words (places and offsets aside)."""
    return [
        (str(block.kind), block.moved, tuple(" ".join(p.text.split()) for p in block.left),
         tuple(" ".join(p.text.split()) for p in block.right))
        for block in alignment.blocks
    ]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_document_pairs_like_its_text(tmp_path: Path, fmt: str, pair: str) -> None:
    left_units, right_units = (units_of(path.read_text(encoding="utf-8")) for path in PAIRS[pair])
    text_alignment = compare_documents(
        make_document("l.txt", "\n\n".join(left_units)), make_document("r.txt", "\n\n".join(right_units))
    )
    paths = []
    for name, units in (("left", left_units), ("right", right_units)):
        path = tmp_path / f"{name}.{fmt}"
        path.write_bytes(WRITERS[fmt](units))
        paths.append(path)
    left, right = (read_document(str(path)) for path in paths)
    assert left.source is not None and left.source.format == fmt
    document_alignment = compare_documents(left, right)
    assert pairing(document_alignment) == pairing(text_alignment)
    assert any(block.kind != "equal" for block in document_alignment.blocks)  # there was something to pair
