"""The versions of a history as named on the command line: files in the order given, or every
text file of one folder in name order.

A folder's *text files* are the entries the engine's reader accepts: regular files (or links to
them) that decode as text — not binary (NUL bytes, an invalid byte-order mark), readable, within
the size limit. Hidden files (a name starting with ".") and subfolders are skipped, and every
skipped entry is listed with its reason. Name order is natural: digits compare as numbers, so
v2 comes before v10.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from tui.engine.model import Document
from tui.engine.reading import InputError, read_document


@dataclass(frozen=True, slots=True)
class Version:
    """What the header of a history says of a version (its text is read again when needed)."""

    path: str
    line_count: int
    encoding: str
    note: str | None = None
    # More that the JSON says of the version, after the keys above: a git commit's id, author,
    # date and subject for `diptych --json --git-history` (tui/git).
    details: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, doc: Document) -> Version:
        return cls(doc.path, doc.line_count, doc.encoding, doc.note)


@dataclass(frozen=True, slots=True)
class VersionList:
    versions: tuple[Version, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason): entries of the folder not taken
    folder: str | None = None  # the folder they were taken from, if any

    @property
    def paths(self) -> list[str]:
        return [v.path for v in self.versions]


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[list[int | str], str]:
    """"v2" before "v10"; names equal but for case keep a fixed order."""
    parts: list[int | str] = [int(p) if p.isdigit() else p.casefold() for p in _DIGITS.split(name)]
    return parts, name


def gather_versions(
    paths: Sequence[str], read: Callable[[str], Document] = read_document
) -> VersionList:
    """The versions named by `paths`: each file (all must be readable text), or, for a single
    folder, its text files. Every version is read once here, so that a missing or binary one is
    reported before any output. Raises InputError with a one-line message."""
    if len(paths) == 1 and os.path.isdir(paths[0]):
        return _folder_versions(paths[0], read)
    if "-" in paths and len(paths) > 2:
        raise InputError("standard input cannot be one of many versions: give the versions as files")
    return VersionList(tuple(Version.of(read(path)) for path in paths))


def read_versions(
    versions: VersionList, read: Callable[[str], Document] = read_document
) -> Iterator[Document]:
    """The versions' documents, oldest first, each read again when it is reached (so that only
    the ones in use are in memory). Raises InputError if one is gone or no longer what it was."""
    for version in versions.versions:
        doc = read(version.path)
        if (doc.line_count, doc.encoding) != (version.line_count, version.encoding):
            raise InputError(f"{version.path}: changed since it was first read; try again")
        yield doc


def _folder_versions(folder: str, read: Callable[[str], Document]) -> VersionList:
    try:
        with os.scandir(folder) as entries:
            names = sorted((entry.name for entry in entries), key=natural_key)
    except OSError as exc:
        raise InputError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None
    taken: list[Version] = []
    skipped: list[tuple[str, str]] = []
    for name in names:
        path = os.path.join(folder, name)
        reason = _reason_to_skip(name, path)
        if reason is None:
            try:
                taken.append(Version.of(read(path)))
                continue
            except InputError as exc:
                reason = str(exc).removeprefix(f"{path}: ")
        skipped.append((path, reason))
    if not taken:
        detail = f" ({len(skipped)} skipped: hidden, not text or unreadable)" if skipped else ""
        raise InputError(f"{folder}: no text file in this folder{detail}")
    if len(taken) == 1:
        raise InputError(f"{folder}: only one text file ({taken[0].path}); a history needs two or more")
    return VersionList(tuple(taken), tuple(skipped), folder)


def _reason_to_skip(name: str, path: str) -> str | None:
    if name.startswith("."):
        return "hidden"
    if os.path.isdir(path):
        return "a folder (folders inside are not searched)"
    if not os.path.isfile(path):
        return "not a regular file" if os.path.exists(path) else "a broken link"
    return None
