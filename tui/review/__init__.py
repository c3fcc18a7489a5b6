"""Review workflow, engine side: persistent marks and notes on differences, and review reports.

Plain Python (sqlite3, platformdirs): nothing in this package may import Textual, so that
`diptych --report` works without a terminal and stays fast (a test enforces it).
"""

from tui.review.identity import DifferenceId, difference_id, difference_ids, document_hash
from tui.review.store import (
    CarryOver,
    LostMark,
    Mark,
    MarkState,
    ReviewCounts,
    ReviewSession,
    ReviewStore,
    ReviewStoreError,
    default_store_path,
)

__all__ = [
    "CarryOver",
    "DifferenceId",
    "LostMark",
    "Mark",
    "MarkState",
    "ReviewCounts",
    "ReviewSession",
    "ReviewStore",
    "ReviewStoreError",
    "default_store_path",
    "difference_id",
    "difference_ids",
    "document_hash",
]
