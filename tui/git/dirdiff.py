"""Two directories as a list of changed files: what `git difftool -d` hands its tool (a temporary
directory per side holding only the files that changed; the work tree's side as symbolic links to
the work-tree files). Works on any two directories.
"""

from __future__ import annotations

import filecmp
import os
from dataclasses import dataclass
from enum import StrEnum

# A directory tree with more files than this is not what difftool hands over; stop listing.
MAX_FILES = 10_000


class Change(StrEnum):
    MODIFIED = "modified"
    ADDED = "added"  # only in the right directory
    DELETED = "deleted"  # only in the left directory


@dataclass(frozen=True, slots=True)
class ChangedFile:
    path: str  # relative to both directories, with "/" separators
    change: Change
    left: str  # the file in the left directory, or os.devnull when it is not there
    right: str


class DirectoryError(Exception):
    """The directories cannot be listed; the message is one line for the user."""


def _files(top: str) -> set[str]:
    """Relative paths of the files under `top` (symbolic links to files count as files)."""
    found: set[str] = set()
    for directory, subdirectories, names in os.walk(top, onerror=_raise):
        subdirectories[:] = sorted(d for d in subdirectories if d != ".git")
        for name in names:
            full = os.path.join(directory, name)
            if os.path.isfile(full):
                found.add(os.path.relpath(full, top).replace(os.sep, "/"))
        if len(found) > MAX_FILES:
            raise DirectoryError(f"{top}: more than {MAX_FILES} files; compare fewer at a time")
    return found


def _raise(error: OSError) -> None:
    raise DirectoryError(f"{error.filename}: cannot list ({error.strerror or error})")


def changed_files(left: str, right: str) -> list[ChangedFile]:
    """The files that differ between the two directories, by path; identical files left out."""
    left_files, right_files = _files(left), _files(right)
    changes: list[ChangedFile] = []
    for path in sorted(left_files | right_files):
        left_file, right_file = os.path.join(left, path), os.path.join(right, path)
        if path not in right_files:
            changes.append(ChangedFile(path, Change.DELETED, left_file, os.devnull))
        elif path not in left_files:
            changes.append(ChangedFile(path, Change.ADDED, os.devnull, right_file))
        elif not _same_content(left_file, right_file):
            changes.append(ChangedFile(path, Change.MODIFIED, left_file, right_file))
    return changes


def _same_content(a: str, b: str) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False  # unreadable: listed, and opening it will say why
