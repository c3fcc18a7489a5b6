"""Random documents and random edits (the engine's fuzz strategies: deletions, insertions,
rewordings, moves, splits, merges, numbers, every layout): every redline format always accepts to
the newer version and rejects to the older one, and never raises."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from tests.redline.views import critic_passages, critic_views, docx_views, html_redline, passages
from tests.robustness.test_fuzz import FUZZ, edited, layouts, render, units
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions
from tui.engine.reading import make_document
from tui.redline.build import build_redline
from tui.redline.docx import render_docx
from tui.redline.html import render_html
from tui.redline.markdown import render_markdown


@FUZZ
@given(st.data(), units, layouts, layouts, st.booleans())
def test_accepting_gives_the_newer_and_rejecting_the_older_version(
    data: st.DataObject, base: list[str], left_layout: str, right_layout: str, normalize: bool
) -> None:
    later = data.draw(edited(base))
    rng = random.Random(len(base))
    left = make_document("old.txt", render(base, left_layout, rng))
    right = make_document("new.txt", render(later, right_layout, rng))
    alignment = compare_documents(left, right, AlignOptions(normalize=normalize))
    redline = build_redline(alignment, generated=0)
    expected = (passages(right), passages(left))
    assert docx_views(render_docx(redline)) == expected
    assert critic_views(render_markdown(redline)) == (critic_passages(right), critic_passages(left))
    assert html_redline(render_html(redline)).views() == expected
