"""Helpers shared by the snapshot tests (key lists computed from the alignment, so a test keeps
showing the screen it is about even when the engine pairs passages differently)."""

from __future__ import annotations

from tui.app.navigation import build_stops
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions, Block, Document

SIZES = {"wide": (120, 40), "narrow": (80, 24)}


def presses_to(left: Document, right: Document, wanted, options: AlignOptions | None = None) -> list[str]:
    """The `n` presses that select the first difference whose first block satisfies `wanted`."""
    alignment = compare_documents(left, right, options or AlignOptions())
    for k, stop in enumerate(build_stops(alignment.blocks)):
        if wanted(alignment.blocks[stop.first]):
            return ["n"] * (k + 1)
    raise AssertionError("no such difference")


def is_nine_to_eight(block: Block) -> bool:
    return bool(block.left and block.right) and "nine people" in block.left[0].text


def is_moved(block: Block) -> bool:
    return block.moved
