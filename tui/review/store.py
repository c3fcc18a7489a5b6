"""Review state in SQLite: which differences a reviewer has reviewed, flagged or annotated.

One database holds every review (by default `reviews.sqlite3` in the user's state directory, or the
file given with `--review FILE`), so that opening a newer version of a document can find the
earlier review and carry its marks over.

- A review is keyed by the two documents' contents (`identity.document_hash`), not their paths.
- A mark is keyed by the difference's content (`identity.DifferenceId`), not its position.
- Every change is one statement in autocommit mode, in WAL mode with `synchronous=FULL`: a
  `kill -9` or a dropped SSH connection loses at most the change being written, and the
  database is never left half-written. `busy_timeout` lets two diptych processes on the same
  review take turns instead of failing; each write sets only the field that changed, so one
  process does not overwrite another's flag when it marks a difference reviewed.

Carry-over (the first time a pair of documents is opened): the most relevant earlier review
(one that shares a document, or was made on the same paths, and has marks) is looked up and each
of its marks is matched to a difference of the new alignment:
1. exactly, by content (same kind, same normalised text on both sides): all of it is carried;
2. fuzzily, by one side's content (the other side was edited), or failing that by similar text
   (same kind, rapidfuzz ratio >= 85 on both sides' text: an added paragraph with a typo fixed):
   the flag and note are carried but not "reviewed", since the reviewer has not seen the new text
   (`MarkState.carried` says "fuzzy", so the app can say why);
3. marks that match nothing are recorded as lost (`ReviewSession.lost`), with excerpts of their
   texts and their notes, so a report can show what did not survive.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from tui.engine.model import Alignment, Block, Document
from tui.review import correction_store, similar_text
from tui.review.correction_carry import carry
from tui.review.corrections import Corrected, Correction, correct
from tui.review.identity import DifferenceId, difference_ids, document_hash
from tui.review.similar_text import comparable

SCHEMA_VERSION = 1
DEFAULT_FILENAME = "reviews.sqlite3"
BUSY_TIMEOUT_MS = 10_000
EXCERPT_CHARS = 400  # of each side, kept with a mark so a lost mark can still be shown

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    left_hash TEXT NOT NULL,
    right_hash TEXT NOT NULL,
    left_path TEXT,
    right_path TEXT,
    created REAL NOT NULL,
    carried_from INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    carried_exact INTEGER NOT NULL DEFAULT 0,
    carried_fuzzy INTEGER NOT NULL DEFAULT 0,
    UNIQUE (left_hash, right_hash)
);
CREATE INDEX IF NOT EXISTS reviews_by_left ON reviews(left_hash);
CREATE INDEX IF NOT EXISTS reviews_by_right ON reviews(right_hash);
CREATE INDEX IF NOT EXISTS reviews_by_paths ON reviews(left_path, right_path);
CREATE TABLE IF NOT EXISTS marks (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    content_key TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    kind TEXT NOT NULL,
    left_key TEXT,
    right_key TEXT,
    left_excerpt TEXT NOT NULL DEFAULT '',
    right_excerpt TEXT NOT NULL DEFAULT '',
    reviewed INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL,
    carried TEXT,
    PRIMARY KEY (review_id, content_key, occurrence)
);
CREATE TABLE IF NOT EXISTS lost (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    left_excerpt TEXT NOT NULL,
    right_excerpt TEXT NOT NULL,
    reviewed INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    note TEXT NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS lost_by_review ON lost(review_id);
"""
_OUR_TABLES = {"reviews", "marks", "lost", correction_store.TABLE}
_HAS_STATE = "(reviewed != 0 OR flagged != 0 OR note != '')"


class ReviewStoreError(Exception):
    """The review store cannot be opened or written; the message is one line for the user."""


class Mark(StrEnum):
    """A field of a difference's marks (its column in the store)."""

    REVIEWED = "reviewed"
    FLAGGED = "flagged"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class MarkState:
    """A reviewer's marks on one difference."""

    reviewed: bool = False
    flagged: bool = False
    note: str = ""
    updated: float | None = None  # seconds since the epoch of the last change, None if never
    carried: str | None = None  # "exact" or "fuzzy" when carried over from an earlier version

    @property
    def blank(self) -> bool:
        return not (self.reviewed or self.flagged or self.note)

    def has(self, mark: Mark) -> bool:
        return bool({Mark.REVIEWED: self.reviewed, Mark.FLAGGED: self.flagged, Mark.NOTE: self.note}[mark])


BLANK = MarkState()


@dataclass(frozen=True, slots=True)
class LostMark:
    """A mark of an earlier version that matches no difference of this one."""

    kind: str
    left_excerpt: str
    right_excerpt: str
    reviewed: bool
    flagged: bool
    note: str
    updated: float


@dataclass(frozen=True, slots=True)
class CarryOver:
    """What happened to the marks of the earlier review this one was started from."""

    source_left_path: str | None = None  # None when nothing was carried from anywhere
    source_right_path: str | None = None
    exact: int = 0
    fuzzy: int = 0
    lost: tuple[LostMark, ...] = ()

    @property
    def happened(self) -> bool:
        return bool(self.exact or self.fuzzy or self.lost)


class ReviewCounts(NamedTuple):
    reviewed: int
    flagged: int
    total: int


def default_store_path() -> Path:
    """`reviews.sqlite3` in the user's state directory (e.g. ~/.local/state/diptych on Linux,
    which $XDG_STATE_HOME moves)."""
    from platformdirs import user_state_dir  # imported here: only needed when no file is given

    return Path(user_state_dir("diptych", appauthor=False)) / DEFAULT_FILENAME


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class ReviewStore:
    """An open review database. Cheap to keep open for the life of the app; not for sharing
    between processes (each process opens its own, SQLite coordinates them)."""

    def __init__(self, connection: sqlite3.Connection, path: str, clock: Callable[[], float]):
        self._db = connection
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()  # one statement at a time, whichever thread the app uses

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> ReviewStore:
        """Open (creating when `create`) the store at `path`, or the default one when None.

        Raises ReviewStoreError with a one-line message: missing file (create=False), a file that
        is not a diptych review database, one made by a newer diptych, an unwritable location.
        """
        if path is None:
            target = default_store_path()
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReviewStoreError(f"cannot create {target.parent}: {exc.strerror or exc}") from None
        else:
            target = Path(path)
        name = str(target)
        if target.is_dir():
            raise ReviewStoreError(f"{name}: is a directory, not a review file")
        if not target.exists():
            if not create:
                raise ReviewStoreError(f"{name}: no such review file")
            _create_private_file(target)
        try:
            connection = sqlite3.connect(
                name, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ReviewStoreError(f"{name}: cannot open ({_one_line(exc)})") from None
        store = cls(connection, name, clock)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise ReviewStoreError(f"{name}: not a usable review file ({_one_line(exc)})") from None
        except ReviewStoreError:
            connection.close()
            raise
        return store

    @classmethod
    def in_memory(cls, clock: Callable[[], float] = time.time) -> ReviewStore:
        """A store that lasts as long as the process (when the real one cannot be opened)."""
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(connection, ":memory:", clock)
        store._prepare()
        return store

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self.path != ":memory:":
            mode = _retry_busy(lambda: db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            if str(mode).lower() != "wal":  # e.g. a filesystem without shared memory
                _retry_busy(lambda: db.execute("PRAGMA journal_mode = DELETE"))
        # FULL: a committed mark survives a power cut too, not only a killed process.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN IMMEDIATE")  # two processes creating the schema at once take turns
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise ReviewStoreError(f"{self.path}: made by a newer diptych (format {version})")
            if version == 0:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables - _OUR_TABLES:
                    raise ReviewStoreError(f"{self.path}: an SQLite database, but not a diptych review file")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            correction_store.create(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions --------------------------------------------------------------------------------

    def session(self, alignment: Alignment, *, corrected: bool = True) -> ReviewSession:
        """The review of `alignment`'s two documents: restored if it exists, else created (and
        marks and corrections of an earlier version carried over).

        With `corrected` (the default) the reviewer's corrections are applied first, and the
        session is of the corrected alignment: `session.alignment`, which is `alignment` itself
        when there are none; the marks are those of its differences.
        """
        left_hash, right_hash = document_hash(alignment.left), document_hash(alignment.right)
        left_path, right_path = _path_label(alignment.left), _path_label(alignment.right)
        fixes = Corrected(alignment, alignment)
        carried: list[Correction] | None = None  # a new review's corrections, from an earlier one
        if corrected:
            with self._lock:
                try:
                    fixes, carried = self._corrections_for(
                        alignment, left_hash, right_hash, left_path, right_path
                    )
                except sqlite3.Error as exc:
                    message = f"{self.path}: cannot read corrections ({_one_line(exc)})"
                    raise ReviewStoreError(message) from None
        shown = fixes.alignment
        ids = difference_ids(shown.blocks)
        with self._lock:
            try:
                review_id, carry = self._open_review(
                    left_hash, right_hash, left_path, right_path, shown, ids, carried
                )
            except sqlite3.Error as exc:
                raise ReviewStoreError(f"{self.path}: cannot open the review ({_one_line(exc)})") from None
        return ReviewSession(self, review_id, shown, ids, carry, fixes)

    def _corrections_for(
        self, alignment: Alignment, left_hash: str, right_hash: str, left_path: str | None,
        right_path: str | None,
    ) -> tuple[Corrected, list[Correction] | None]:
        """The corrections applied to `alignment`: its review's; for a pair never reviewed, those
        of the earlier review it will be carried over from, to the same passages or to passages
        changed a little (correction_carry.py; also returned, to be saved with the new review:
        each as applied here, those whose passages are not found as lost)."""
        db = self._db
        review_id = correction_store.review_of(db, left_hash, right_hash)
        if review_id is not None:
            return correct(alignment, correction_store.load(db, review_id)), None
        source = correction_store.predecessor(db, left_hash, right_hash, left_path, right_path)
        if source is None:
            return Corrected(alignment, alignment), None
        earlier = [
            Correction(c.kind, c.left_key, c.right_key, c.left_nth, c.right_nth, c.left_excerpt,
                       c.right_excerpt, carried=True)
            for c in correction_store.load(db, source) if not c.lost
        ]
        return carry(alignment, earlier)

    def add_correction(self, review_id: int, correction: Correction) -> None:
        """Save a correction (one saying the opposite about the same passages is removed instead)."""
        self._change_corrections(lambda db: correction_store.add(db, review_id, correction, self._clock()))

    def remove_correction(self, review_id: int, correction: Correction) -> None:
        self._change_corrections(lambda db: correction_store.remove(db, review_id, correction))

    def _change_corrections(self, change: Callable[[sqlite3.Connection], None]) -> None:
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                change(db)
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                message = f"{self.path}: cannot save the correction ({_one_line(exc)})"
                raise ReviewStoreError(message) from None

    def _load_corrections(self, review_id: int) -> list[Correction]:
        with self._lock:
            try:
                return correction_store.load(self._db, review_id)
            except sqlite3.Error as exc:
                raise ReviewStoreError(f"{self.path}: cannot read corrections ({_one_line(exc)})") from None

    def _open_review(
        self, left_hash: str, right_hash: str, left_path: str | None, right_path: str | None,
        alignment: Alignment, ids: dict[int, DifferenceId], corrections: list[Correction] | None = None,
    ) -> tuple[int, CarryOver]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # so two processes opening a new pair carry over only once
        try:
            row = db.execute(
                "SELECT id FROM reviews WHERE left_hash = ? AND right_hash = ?", (left_hash, right_hash)
            ).fetchone()
            if row is not None:
                review_id = int(row[0])
                db.execute(
                    "UPDATE reviews SET left_path = ?, right_path = ? WHERE id = ?",
                    (left_path, right_path, review_id),
                )
            else:
                cursor = db.execute(
                    "INSERT INTO reviews (left_hash, right_hash, left_path, right_path, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (left_hash, right_hash, left_path, right_path, self._clock()),
                )
                review_id = int(cursor.lastrowid)  # type: ignore[arg-type]  # set by an INSERT
                if corrections:
                    correction_store.insert(db, review_id, corrections, self._clock())
                source = self._predecessor(review_id, left_hash, right_hash, left_path, right_path)
                if source is not None:
                    self._carry_over(source, review_id, alignment, ids)
            carry = self._read_carry(review_id)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return review_id, carry

    def _predecessor(
        self, review_id: int, left_hash: str, right_hash: str, left_path: str | None, right_path: str | None
    ) -> int | None:
        """The earlier review most likely to be about the same documents: sharing a document beats
        sharing only the paths; among equals, the most recently marked."""
        row = self._db.execute(
            f"""
            SELECT r.id,
                   (CASE WHEN r.left_hash = :lh OR r.right_hash = :rh THEN 2 ELSE 0 END)
                 + (CASE WHEN r.left_path = :lp AND r.right_path = :rp THEN 1 ELSE 0 END) AS rank,
                   (SELECT MAX(m.updated) FROM marks m WHERE m.review_id = r.id) AS last_mark
            FROM reviews r
            WHERE r.id != :id
              AND (r.left_hash = :lh OR r.right_hash = :rh OR (r.left_path = :lp AND r.right_path = :rp))
              AND EXISTS (SELECT 1 FROM marks m WHERE m.review_id = r.id AND {_HAS_STATE})
            ORDER BY rank DESC, last_mark DESC, r.id DESC
            LIMIT 1
            """,
            {"id": review_id, "lh": left_hash, "rh": right_hash, "lp": left_path, "rp": right_path},
        ).fetchone()
        return None if row is None else int(row[0])

    def _carry_over(
        self, source: int, review_id: int, alignment: Alignment, ids: dict[int, DifferenceId]
    ) -> None:
        db = self._db
        rows = db.execute(
            "SELECT rowid, content_key, occurrence, kind, left_key, right_key, left_excerpt, right_excerpt,"
            f" reviewed, flagged, note, updated FROM marks WHERE review_id = ? AND {_HAS_STATE}"
            " ORDER BY content_key, occurrence",
            (source,),
        ).fetchall()
        old = {r[0]: r for r in rows}
        by_exact = {(r[1], r[2]): r[0] for r in rows}
        by_content: dict[str, list[int]] = defaultdict(list)
        by_left: dict[str, list[int]] = defaultdict(list)
        by_right: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            by_content[r[1]].append(r[0])
            if r[4] is not None:
                by_left[r[4]].append(r[0])
            if r[5] is not None:
                by_right[r[5]].append(r[0])
        used: set[int] = set()
        matches: list[tuple[int, int, str]] = []  # (block index, old rowid, how)
        pending: list[int] = []
        # Exact matches first, for every difference, so a fuzzy match never takes a mark that
        # belongs exactly to a later difference.
        for index, did in ids.items():
            rowid = by_exact.get((did.content, did.occurrence))
            if rowid is None or rowid in used:
                rowid = next((c for c in by_content.get(did.content, ()) if c not in used), None)
            if rowid is None:
                pending.append(index)
            else:
                used.add(rowid)
                matches.append((index, rowid, "exact"))
        unmatched: list[int] = []
        for index in pending:
            did = ids[index]
            candidates = [
                c for key, table in ((did.left, by_left), (did.right, by_right)) if key is not None
                for c in table.get(key, ()) if c not in used
            ]
            if candidates:
                # Prefer a mark on the same kind of difference (a changed pair stays a changed pair).
                rowid = min(candidates, key=lambda c: old[c][3] != did.kind)
                used.add(rowid)
                matches.append((index, rowid, "fuzzy"))
            else:
                unmatched.append(index)
        for index, rowid in _similar_matches(unmatched, ids, alignment, old, used):
            used.add(rowid)
            matches.append((index, rowid, "fuzzy"))
        for index, rowid, how in matches:
            r = old[rowid]
            did = ids[index]
            block = alignment.blocks[index]
            reviewed = bool(r[8]) and how == "exact"
            db.execute(
                "INSERT INTO marks (review_id, content_key, occurrence, kind, left_key, right_key,"
                " left_excerpt, right_excerpt, reviewed, flagged, note, updated, carried)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (review_id, did.content, did.occurrence, did.kind, did.left, did.right,
                 _excerpt(block, alignment, "left"), _excerpt(block, alignment, "right"),
                 reviewed, r[9], r[10], r[11], how),
            )
        for rowid in old.keys() - used:
            r = old[rowid]
            db.execute(
                "INSERT INTO lost (review_id, kind, left_excerpt, right_excerpt, reviewed, flagged, note,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (review_id, r[3], r[6], r[7], r[8], r[9], r[10], r[11]),
            )
        exact = sum(1 for _, _, how in matches if how == "exact")
        db.execute(
            "UPDATE reviews SET carried_from = ?, carried_exact = ?, carried_fuzzy = ? WHERE id = ?",
            (source, exact, len(matches) - exact, review_id),
        )

    def _read_carry(self, review_id: int) -> CarryOver:
        db = self._db
        row = db.execute(
            "SELECT s.left_path, s.right_path, r.carried_exact, r.carried_fuzzy, r.carried_from"
            " FROM reviews r LEFT JOIN reviews s ON s.id = r.carried_from WHERE r.id = ?",
            (review_id,),
        ).fetchone()
        lost = tuple(
            LostMark(kind, le, re_, bool(rv), bool(fl), note, up)
            for kind, le, re_, rv, fl, note, up in db.execute(
                "SELECT kind, left_excerpt, right_excerpt, reviewed, flagged, note, updated"
                " FROM lost WHERE review_id = ? ORDER BY rowid",
                (review_id,),
            )
        )
        if row is None or (row[4] is None and not lost):
            return CarryOver(lost=lost)
        return CarryOver(row[0], row[1], int(row[2]), int(row[3]), lost)

    # -- reading and writing marks (used by ReviewSession) ----------------------------------------

    def _load_marks(self, review_id: int) -> dict[tuple[str, int], MarkState]:
        with self._lock:
            try:
                rows = self._db.execute(
                    "SELECT content_key, occurrence, reviewed, flagged, note, updated, carried"
                    " FROM marks WHERE review_id = ?",
                    (review_id,),
                ).fetchall()
            except sqlite3.Error as exc:
                raise ReviewStoreError(f"{self.path}: cannot read marks ({_one_line(exc)})") from None
        return {
            (c, o): MarkState(bool(rv), bool(fl), note, up, carried)
            for c, o, rv, fl, note, up, carried in rows
        }

    def _write(
        self, review_id: int, targets: list[tuple[DifferenceId, tuple[str, str]]], field: Mark, value: object
    ) -> list[MarkState]:
        """Set one field of the marks of `targets` (identity, excerpts); returns the rows as stored
        (with the other fields as another process may have set them meanwhile).

        One mark is one autocommitted statement; several are one transaction, so a kill leaves
        all of them changed or none.
        """
        field = Mark(field)  # the column's name in the SQL below: never anything else
        # A fresh "reviewed" means the reviewer has now seen this text: it is no longer only carried.
        carried = ", carried = NULL" if field is Mark.REVIEWED else ""
        statement = (
            "INSERT INTO marks (review_id, content_key, occurrence, kind, left_key, right_key,"
            f" left_excerpt, right_excerpt, updated, {field}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (review_id, content_key, occurrence) DO UPDATE SET"
            f" {field} = excluded.{field}, updated = excluded.updated,"
            f" left_excerpt = excluded.left_excerpt, right_excerpt = excluded.right_excerpt{carried}"
            " RETURNING reviewed, flagged, note, updated, carried"
        )
        rows = []
        with self._lock:
            db = self._db
            batch = len(targets) > 1
            try:
                if batch:
                    db.execute("BEGIN IMMEDIATE")
                now = self._clock()
                for did, excerpts in targets:
                    rows.append(db.execute(statement, (
                        review_id, did.content, did.occurrence, did.kind, did.left, did.right,
                        excerpts[0], excerpts[1], now, value,
                    )).fetchone())
                if batch:
                    db.execute("COMMIT")
            except sqlite3.Error as exc:
                if batch and db.in_transaction:
                    db.execute("ROLLBACK")
                raise ReviewStoreError(f"{self.path}: cannot save the mark ({_one_line(exc)})") from None
        return [MarkState(bool(r[0]), bool(r[1]), r[2], r[3], r[4]) for r in rows]


# Last carry-over stage: a difference whose every side was edited (an added paragraph with a typo
# fixed in the next version) still finds its mark when its text is this similar (similar_text's
# ratio, 0-100, on the stored excerpts), is of the same kind, and is long enough for a ratio to
# mean much (similar_text.MIN_CHARS).
SIMILAR_MIN_RATIO = 85.0
SIMILAR_MAX_PAIRS = 2_000_000  # beyond this many comparisons the stage is skipped (a few seconds)


def _similar_matches(
    unmatched: list[int], ids: dict[int, DifferenceId], alignment: Alignment,
    old: dict[int, tuple], used: set[int],
) -> list[tuple[int, int]]:
    """(block index, old rowid) pairs of similar text among what the key stages left unmatched."""
    remaining = [rowid for rowid in old if rowid not in used]
    if not unmatched or not remaining or len(unmatched) * len(remaining) > SIMILAR_MAX_PAIRS:
        return []
    by_kind: dict[str, dict[int, str]] = defaultdict(dict)
    for rowid in remaining:
        text = comparable(old[rowid][6], old[rowid][7])
        if len(text) >= similar_text.MIN_CHARS:
            by_kind[old[rowid][3]][rowid] = text
    out: list[tuple[int, int]] = []
    for index in unmatched:
        choices = by_kind.get(ids[index].kind)
        if not choices:
            continue
        block = alignment.blocks[index]
        text = comparable(_excerpt(block, alignment, "left"), _excerpt(block, alignment, "right"))
        if len(text) < similar_text.MIN_CHARS:
            continue
        rowid = similar_text.best(text, choices, SIMILAR_MIN_RATIO)
        if rowid is not None:
            del choices[rowid]
            out.append((index, rowid))
    return out


def _retry_busy(operation: Callable[[], object]) -> object:
    """Run `operation`, retrying while the database is locked, up to the busy timeout.

    Changing the journal mode is the one step SQLite does not retry itself: two processes creating
    the same review file at once got "database is locked" from it (seen in the two-writer test).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return operation()
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only: it holds excerpts of the documents."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another process created it first
    except OSError as exc:
        raise ReviewStoreError(f"{path}: cannot create ({exc.strerror or exc})") from None


def _path_label(doc: Document) -> str | None:
    """The absolute path of a document read from a file; None for standard input."""
    if doc.path in ("-", "") or doc.path.startswith("<"):
        return None
    return os.path.abspath(doc.path)


def _excerpt(block: Block, alignment: Alignment, side: str) -> str:
    passages = block.left if side == "left" else block.right
    if not passages:
        return ""
    doc = alignment.left if side == "left" else alignment.right
    text = doc.text[passages[0].start_offset:passages[-1].end_offset]
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


class ReviewSession:
    """The marks of one alignment's differences. Blocks are given as `Block` objects of
    `alignment.blocks` or as their indexes in that list.

    Reads come from an in-memory copy (the app asks for every visible line); writes go to the
    database at once and update the copy. `refresh()` picks up another process's changes.
    """

    def __init__(
        self, store: ReviewStore, review_id: int, alignment: Alignment, ids: dict[int, DifferenceId],
        carry: CarryOver, corrected: Corrected | None = None,
    ):
        self._store = store
        # The reviewer's corrections: `alignment` is `corrected.alignment`, made from `corrected.source`.
        self.corrected = corrected if corrected is not None else Corrected(alignment, alignment)
        self.review_id = review_id
        self.alignment = alignment
        self._ids = ids
        self.carry = carry
        self._position = {id(block): index for index, block in enumerate(alignment.blocks)}
        self.differences: list[int] = sorted(ids)  # indexes in alignment.blocks, in order
        self._marks: dict[tuple[str, int], MarkState] = {}
        self._counts: ReviewCounts | None = None  # the status bar asks on every key
        self.refresh()

    @property
    def store_path(self) -> str:
        return self._store.path

    @property
    def ids(self) -> Mapping[int, DifferenceId]:
        """The identity of each difference, by block index (computed once, when the session was
        opened: it hashes every difference's text)."""
        return MappingProxyType(self._ids)

    @property
    def carried_over(self) -> int:
        """How many marks came from an earlier version (exactly or fuzzily)."""
        return self.carry.exact + self.carry.fuzzy

    @property
    def lost(self) -> tuple[LostMark, ...]:
        return self.carry.lost

    def refresh(self) -> None:
        self._marks = self._store._load_marks(self.review_id)
        self._counts = None

    # -- corrections ------------------------------------------------------------------------------

    def corrections(self) -> list[Correction]:
        """Every correction of this review, in the order applied (those not applied too)."""
        return self._store._load_corrections(self.review_id)

    def corrections_not_applied(self) -> list[Correction]:
        """The corrections kept with this review but not applied to its alignment: carried from
        an earlier version in which their passages changed too much, or not found here."""
        applied = {c.target for c in self.corrected.applied}
        return [c for c in self.corrections() if c.lost or c.target not in applied]

    def add_correction(self, correction: Correction) -> ReviewSession:
        """Save `correction` (made on `self.alignment`); returns the session of the alignment
        corrected again, which replaces this one."""
        self._store.add_correction(self.review_id, correction)
        return self._store.session(self.corrected.source)

    def remove_correction(self, correction: Correction) -> ReviewSession:
        """Undo a correction; returns the session that replaces this one (see add_correction)."""
        self._store.remove_correction(self.review_id, correction)
        return self._store.session(self.corrected.source)

    def index_of(self, block: Block | int) -> int:
        if isinstance(block, int):
            if not 0 <= block < len(self.alignment.blocks):
                raise IndexError(f"no block {block}")
            return block
        index = self._position.get(id(block))
        if index is None:  # an equal copy of a block, not the object itself
            index = self.alignment.blocks.index(block)
        return index

    def identity(self, block: Block | int) -> DifferenceId | None:
        """The difference's identity; None for a block that is not a difference."""
        return self._ids.get(self.index_of(block))

    def state(self, block: Block | int) -> MarkState:
        did = self.identity(block)
        if did is None:
            return BLANK
        return self._marks.get((did.content, did.occurrence), BLANK)

    def states(self) -> Iterable[tuple[int, MarkState]]:
        """(block index, state) of every difference, in order."""
        for index in self.differences:
            did = self._ids[index]
            yield index, self._marks.get((did.content, did.occurrence), BLANK)

    def _set(self, blocks: Iterable[Block | int], field: Mark, value: object) -> list[MarkState]:
        targets = []
        for block in blocks:
            index = self.index_of(block)
            did = self._ids.get(index)
            if did is None:
                raise ValueError("only differences can be marked (this block is equal and not moved)")
            target = self.alignment.blocks[index]
            excerpts = (_excerpt(target, self.alignment, "left"), _excerpt(target, self.alignment, "right"))
            targets.append((did, excerpts))
        states = self._store._write(self.review_id, targets, field, value) if targets else []
        for (did, _), state in zip(targets, states, strict=True):
            self._marks[(did.content, did.occurrence)] = state
        self._counts = None
        return states

    def set_reviewed(self, block: Block | int, reviewed: bool = True) -> MarkState:
        return self._set([block], Mark.REVIEWED, int(reviewed))[0]

    def set_flagged(self, block: Block | int, flagged: bool = True) -> MarkState:
        return self._set([block], Mark.FLAGGED, int(flagged))[0]

    def set_note(self, block: Block | int, note: str) -> MarkState:
        """Attach a note ("" removes it). Trailing whitespace is dropped; the text is kept as typed."""
        return self._set([block], Mark.NOTE, note.rstrip())[0]

    def set_reviewed_all(self, blocks: Iterable[Block | int], reviewed: bool = True) -> list[MarkState]:
        """Mark several differences at once (the app's stop covering a run of removed paragraphs):
        one transaction, all or nothing."""
        return self._set(blocks, Mark.REVIEWED, int(reviewed))

    def set_flagged_all(self, blocks: Iterable[Block | int], flagged: bool = True) -> list[MarkState]:
        return self._set(blocks, Mark.FLAGGED, int(flagged))

    def combined_state(self, blocks: Iterable[Block | int]) -> MarkState:
        """One state for several differences shown as one: reviewed when all are, flagged when
        any is, the notes joined, "fuzzy" when any needs a re-check."""
        states = [self.state(block) for block in blocks]
        if not states:
            return BLANK
        updated = [s.updated for s in states if s.updated is not None]
        carried = "fuzzy" if any(s.carried == "fuzzy" for s in states) else None
        return MarkState(
            reviewed=all(s.reviewed for s in states),
            flagged=any(s.flagged for s in states),
            note="\n\n".join(s.note for s in states if s.note),
            updated=max(updated) if updated else None,
            carried=carried,
        )

    def counts(self) -> ReviewCounts:
        if self._counts is None:
            reviewed = flagged = 0
            for _, state in self.states():
                reviewed += state.reviewed
                flagged += state.flagged
            self._counts = ReviewCounts(reviewed, flagged, len(self.differences))
        return self._counts

    def next_unreviewed(
        self, after: Block | int | None = None, wrap: bool = True, among: Container[int] | None = None
    ) -> int | None:
        """Index of the first unreviewed difference after `after` (from the start when None),
        wrapping around once; None when every difference is reviewed. `among`: only these
        differences (the app's filter) are looked at."""
        start = -1 if after is None else self.index_of(after)
        order = [i for i in self.differences if i > start]
        if wrap:
            order += [i for i in self.differences if i <= start]
        for index in order:
            if (among is None or index in among) and not self.state(index).reviewed:
                return index
        return None

    def previous_unreviewed(
        self, before: Block | int | None = None, wrap: bool = True, among: Container[int] | None = None
    ) -> int | None:
        """Index of the last unreviewed difference before `before` (from the end when None),
        wrapping around once; None when every difference is reviewed. `among`: as for
        next_unreviewed."""
        end = len(self.alignment.blocks) if before is None else self.index_of(before)
        order = [i for i in reversed(self.differences) if i < end]
        if wrap:
            order += [i for i in reversed(self.differences) if i >= end]
        for index in order:
            if (among is None or index in among) and not self.state(index).reviewed:
                return index
        return None
