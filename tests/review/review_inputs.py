"""Inputs for the review tests: one story in three versions.

v1 -> v2: the budget figure changes (63 -> 70), a paragraph about residents is reworded, one
paragraph is removed and one is added. v2 -> v3 (the newer side edited again): the residents
paragraph is reworded once more, the added paragraph is dropped, the rest stays.
"""

from __future__ import annotations

from pathlib import Path

from tui.engine.compare import compare_files
from tui.engine.model import Alignment

TITLE = "City budget passes after long debate"
BUDGET_OLD = "The council approved a budget of 63 million on Tuesday after a debate that lasted nine hours."
BUDGET_NEW = "The council approved a budget of 70 million on Tuesday after a debate that lasted nine hours."
_RESIDENTS = "Residents of the northern district complained {} from {}road works near the school."
RESIDENTS_OLD = _RESIDENTS.format("about noise", "the new ")
RESIDENTS_V2 = _RESIDENTS.format("loudly about noise", "the ")
RESIDENTS_V3 = _RESIDENTS.format("loudly about dust and noise", "the ")
MAYOR = "The mayor said the plan would be reviewed next spring by an independent panel of engineers."
REMOVED = "An opposition member walked out of the chamber in protest before the final vote was taken."
ADDED = "Critics <script>alert('x')</script> say the *cuts* to [libraries] & parks go too far."
CLOSING = "The next council meeting is scheduled for the first week of December."


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


V1 = story(TITLE, BUDGET_OLD, RESIDENTS_OLD, MAYOR, REMOVED, CLOSING)
V2 = story(TITLE, BUDGET_NEW, RESIDENTS_V2, MAYOR, ADDED, CLOSING)
V3 = story(TITLE, BUDGET_NEW, RESIDENTS_V3, MAYOR, CLOSING)


def align(left: Path, right: Path) -> Alignment:
    return compare_files(str(left), str(right))


def find_block(alignment: Alignment, needle: str) -> int:
    """Index of the only difference whose text (either side) contains `needle`."""
    hits = [
        i for i, b in enumerate(alignment.blocks)
        if b.is_difference and any(needle in p.text for p in b.left + b.right)
    ]
    assert len(hits) == 1, (needle, hits)
    return hits[0]
