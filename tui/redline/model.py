"""The redline every format renders: the newer version's paragraphs with each change in place.

A redline is a list of paragraphs of runs. Each run and each paragraph mark has a role: text
both versions share, text only the newer one has (inserted, or moved to here), text only the
older one has (deleted, or moved from here). Accepting every change keeps the roles of the newer
version and rejecting them keeps those of the older one; a paragraph whose mark is dropped joins
the next paragraph. That is Word's model of tracked changes, and build.py keeps it exact: the
accepted paragraphs are the newer version's passages, the rejected ones the older version's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tui.engine.model import AlignOptions, Document, UnitKind
from tui.redline.classes import ORDER, label


class Role(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    MOVE_FROM = "move_from"  # the older place of moved text: gone once accepted
    MOVE_TO = "move_to"  # its newer place: gone once rejected


# What accepting, or rejecting, every change keeps.
ACCEPTED = frozenset((Role.EQUAL, Role.INSERT, Role.MOVE_TO))
REJECTED = frozenset((Role.EQUAL, Role.DELETE, Role.MOVE_FROM))
# What only one version has.
ONLY_NEWER = frozenset((Role.INSERT, Role.MOVE_TO))
ONLY_OLDER = frozenset((Role.DELETE, Role.MOVE_FROM))


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a paragraph's text with one role."""

    text: str
    role: Role
    block: int  # index of the alignment block the text belongs to
    # Change classes of the word change ("number", "modal"...; see classes.py).
    classes: tuple[str, ...] = ()
    # Only typography (quotes, dashes, ellipses) or spacing differs: tracked, so that rejecting
    # every change gives the older text exactly, but not a change of wording.
    typographic: bool = False
    change: int | None = None  # the word change it belongs to: a replacement's two runs share it
    move: int | None = None  # the move it belongs to (moved text, both places), numbered from 1

    @property
    def kind(self) -> tuple[object, ...]:
        """All but the text: two runs of one kind side by side are one run."""
        return (self.role, self.block, self.classes, self.typographic, self.change, self.move)


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]
    kind: UnitKind  # of the passage its mark ends (Word keeps a paragraph's style in its mark)
    mark: Role  # the paragraph mark: EQUAL, or a break only one version has
    level: int = 0  # heading level (1-6) for headings
    number: int = 0  # 1-based position in the redline: "§12"

    def text(self, roles: frozenset[Role]) -> str:
        return "".join(run.text for run in self.runs if run.role in roles)

    def wholly(self, roles: frozenset[Role]) -> bool:
        """Its text and its mark only have `roles` (ONLY_NEWER: a paragraph wholly inserted)."""
        return self.mark in roles and all(run.role in roles for run in self.runs)


def break_shown(paragraphs: list[Paragraph], index: int) -> bool:
    """Whether the mark ending paragraphs[index] needs showing as a change of its own in formats
    whose paragraphs cannot carry one (HTML, Markdown): not when it ends, or comes just before, a
    paragraph that is wholly of its version; that paragraph, empty in the other version, shows it.
    """
    paragraph = paragraphs[index]
    if paragraph.mark is Role.EQUAL:
        return False
    family = ONLY_NEWER if paragraph.mark in ONLY_NEWER else ONLY_OLDER
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return not (all(run.role in family for run in paragraph.runs) or (
        following is not None and all(run.role in family for run in following.runs)
    ))


@dataclass(frozen=True, slots=True)
class Move:
    number: int
    block: int
    from_paragraph: int  # where the moved text was ("§N"), and where it went
    to_paragraph: int


@dataclass(frozen=True, slots=True)
class Note:
    """A reviewer's note (or flag) on a difference, anchored on the difference's text in the
    newer place (the deleted text for a removed passage)."""

    block: int
    text: str
    flagged: bool
    start: tuple[int, int]  # (paragraph, run) of the first anchored run
    end: tuple[int, int]  # ... and of the last


@dataclass(slots=True)
class Summary:
    """Counts of the differences by kind, and of word changes by class."""

    changed: int = 0  # paired passages with changed words (moved ones too)
    inserted: int = 0  # passages only the newer version has
    removed: int = 0  # passages only the older version has
    moved: int = 0
    typographic: int = 0  # passages that differ only in typography or spacing
    unchanged: int = 0
    words_inserted: int = 0  # word runs inserted, deleted or replaced inside changed passages
    words_deleted: int = 0
    words_replaced: int = 0
    # Word changes, and whole inserted or removed passages, by change class ("number": 3).
    classes: dict[str, int] = field(default_factory=dict)
    notes: int = 0

    def count_change(self, tag: str, classes: tuple[str, ...]) -> None:
        """A word change ("replace", "insert", "delete"; "passage" for a whole passage)."""
        self.words_replaced += tag == "replace"
        self.words_inserted += tag == "insert"
        self.words_deleted += tag == "delete"
        for name in classes:
            self.classes[name] = self.classes.get(name, 0) + 1

    def rows(self) -> list[tuple[str, int]]:
        rows = [
            ("Changed passages", self.changed),
            ("Inserted passages", self.inserted),
            ("Removed passages", self.removed),
            ("Moved passages", self.moved),
            ("Passages changed only in typography or spacing", self.typographic),
            ("Unchanged passages", self.unchanged),
            ("Word changes: replaced", self.words_replaced),
            ("Word changes: inserted", self.words_inserted),
            ("Word changes: deleted", self.words_deleted),
        ]
        rows += [(label(name), self.classes[name]) for name in ORDER if name in self.classes]
        rows.append(("Reviewer's notes", self.notes))
        return rows


@dataclass(slots=True)
class Redline:
    left: Document
    right: Document
    options: AlignOptions
    paragraphs: list[Paragraph]
    moves: list[Move]
    notes: list[Note]
    summary: Summary
    generated: float  # seconds since the epoch: the date of every revision
