"""Every redline format, on the seeds and three corpus pairs: accepting every change gives the newer
version's passages and rejecting every change the older version's (see views.py for exactly what
is compared). The accept/reject readers are written from each format's definition, in views.py."""

from __future__ import annotations

import pytest

from tests.redline.views import (
    CORPUS,
    CORPUS_PAIRS,
    aligned,
    critic_passages,
    critic_views,
    docx_views,
    html_redline,
    passages,
)
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions
from tui.redline import redline_of
from tui.redline.build import build_redline
from tui.redline.docx import render_docx
from tui.redline.html import render_html
from tui.redline.markdown import render_markdown

PAIRS = ["seeds", *CORPUS_PAIRS]


def _pair(name: str):
    if name != "seeds" and not (CORPUS / name).is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS / name})")
    return aligned(name)


@pytest.mark.parametrize("name", PAIRS)
def test_every_format_accepts_to_the_newer_and_rejects_to_the_older_version(name: str) -> None:
    alignment = _pair(name)
    redline = build_redline(alignment, generated=0)
    expected = (passages(alignment.right), passages(alignment.left))
    assert expected[0] != expected[1]  # there are changes to accept or reject
    assert docx_views(render_docx(redline)) == expected
    critic_expected = (critic_passages(alignment.right), critic_passages(alignment.left))
    assert critic_views(render_markdown(redline)) == critic_expected
    assert html_redline(render_html(redline)).views() == expected


@pytest.mark.parametrize("name", ["seeds", "small-progit-ch1-ed1-vs-ed2"])
def test_without_typographic_normalisation_too(name: str) -> None:
    """--no-normalize aligns differently (quotes count); the redline is exact either way."""
    normalised = _pair(name)
    alignment = compare_documents(normalised.left, normalised.right, AlignOptions(normalize=False))
    expected = (passages(alignment.right), passages(alignment.left))
    assert docx_views(redline_of(alignment, "docx")) == expected
    critic_expected = (critic_passages(alignment.right), critic_passages(alignment.left))
    assert critic_views(redline_of(alignment, "markdown").decode()) == critic_expected


def test_the_corpus_pairs_have_what_the_test_is_about() -> None:
    """The three pairs hold moves, splits or merges, headings and preformatted text."""
    if not (CORPUS / CORPUS_PAIRS[0]).is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    from tui.engine.model import UnitKind

    moved = split = heading = preformatted = 0
    for name in CORPUS_PAIRS:
        alignment = aligned(name)
        moved += sum(block.moved for block in alignment.blocks)
        split += sum(len(block.left) > 1 or len(block.right) > 1 for block in alignment.blocks)
        kinds = {p.kind for p in alignment.right_units}
        heading += UnitKind.HEADING in kinds
        preformatted += UnitKind.PREFORMATTED in kinds
    assert moved >= 3 and split >= 3 and heading >= 2 and preformatted >= 2
