"""The reviewer's corrections (tui/review/corrections.py) in the review database: the SQL only.

ReviewStore (store.py) calls these with its connection, under its lock and inside its
transactions. A review's corrections are kept in the order they were made (rowid): that is the
order they are applied in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tui.review.corrections import Correction, CorrectionKind

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    left_key TEXT NOT NULL,
    right_key TEXT NOT NULL,
    left_nth INTEGER NOT NULL DEFAULT 0,
    right_nth INTEGER NOT NULL DEFAULT 0,
    left_excerpt TEXT NOT NULL DEFAULT '',
    right_excerpt TEXT NOT NULL DEFAULT '',
    carried INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL,
    left_text TEXT NOT NULL DEFAULT '',
    right_text TEXT NOT NULL DEFAULT '',
    UNIQUE (review_id, kind, left_key, right_key, left_nth, right_nth)
);
CREATE INDEX IF NOT EXISTS corrections_by_review ON corrections(review_id)
"""
TABLE = "corrections"

_COLUMNS = (
    "kind, left_key, right_key, left_nth, right_nth, left_excerpt, right_excerpt, carried, lost,"
    " left_text, right_text"
)
# Added after the table was first released: a file made then gets them in place (an older
# diptych names its columns, so it still reads and writes the file).
_ADDED_COLUMNS = ("left_text", "right_text")


def create(db: sqlite3.Connection) -> None:
    """Create the table if it is not there (a review file of an earlier diptych has none: added
    in place, an older diptych still opens the file and ignores it)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    present = {row[1] for row in db.execute("PRAGMA table_info(corrections)")}
    for column in _ADDED_COLUMNS:
        if column not in present:
            db.execute(f"ALTER TABLE corrections ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


def _row(row: tuple) -> Correction:
    kind, left_key, right_key, left_nth, right_nth, left_excerpt, right_excerpt, carried, lost, *texts = row
    return Correction(CorrectionKind(kind), left_key, right_key, int(left_nth), int(right_nth),
                      left_excerpt, right_excerpt, bool(carried), bool(lost), *texts)


def load(db: sqlite3.Connection, review_id: int) -> list[Correction]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM corrections WHERE review_id = ? ORDER BY rowid", (review_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def review_of(db: sqlite3.Connection, left_hash: str, right_hash: str) -> int | None:
    row = db.execute(
        "SELECT id FROM reviews WHERE left_hash = ? AND right_hash = ?", (left_hash, right_hash)
    ).fetchone()
    return None if row is None else int(row[0])


def predecessor(
    db: sqlite3.Connection, left_hash: str, right_hash: str, left_path: str | None, right_path: str | None
) -> int | None:
    """The earlier review whose corrections a new pair of documents takes over: as for marks
    (store.ReviewStore._predecessor), one sharing a document beats one on the same paths; among
    equals, the one corrected last."""
    row = db.execute(
        """
        SELECT r.id,
               (CASE WHEN r.left_hash = :lh OR r.right_hash = :rh THEN 2 ELSE 0 END)
             + (CASE WHEN r.left_path = :lp AND r.right_path = :rp THEN 1 ELSE 0 END) AS rank,
               (SELECT MAX(c.updated) FROM corrections c WHERE c.review_id = r.id) AS last
        FROM reviews r
        WHERE (r.left_hash = :lh OR r.right_hash = :rh OR (r.left_path = :lp AND r.right_path = :rp))
          AND EXISTS (SELECT 1 FROM corrections c WHERE c.review_id = r.id AND c.lost = 0)
        ORDER BY rank DESC, last DESC, r.id DESC
        LIMIT 1
        """,
        {"lh": left_hash, "rh": right_hash, "lp": left_path, "rp": right_path},
    ).fetchone()
    return None if row is None else int(row[0])


def insert(db: sqlite3.Connection, review_id: int, corrections: Iterable[Correction], now: float) -> None:
    db.executemany(
        f"INSERT OR IGNORE INTO corrections (review_id, {_COLUMNS}, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(review_id, str(c.kind), c.left_key, c.right_key, c.left_nth, c.right_nth, c.left_excerpt,
          c.right_excerpt, int(c.carried), int(c.lost), c.left_text, c.right_text, now)
         for c in corrections],
    )


def add(db: sqlite3.Connection, review_id: int, correction: Correction, now: float) -> None:
    """Record `correction`; one that says the opposite about the same passages (unpairing a pair
    the reviewer had paired, "moved" after "not moved") cancels it instead: back to the aligner's
    word."""
    gone = db.execute(
        "DELETE FROM corrections WHERE review_id = ? AND kind = ? AND left_key = ? AND right_key = ?",
        (review_id, str(correction.kind.opposite), correction.left_key, correction.right_key),
    ).rowcount
    if not gone:
        insert(db, review_id, [correction], now)


def remove(db: sqlite3.Connection, review_id: int, correction: Correction) -> None:
    db.execute(
        "DELETE FROM corrections WHERE review_id = ? AND kind = ? AND left_key = ? AND right_key = ?"
        " AND left_nth = ? AND right_nth = ?",
        (review_id, *correction.target),
    )
