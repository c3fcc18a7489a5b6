"""git's call of an external diff (GIT_EXTERNAL_DIFF, diff.external): which arguments are git's
and what they say.

git appends to the command, after any options of the user's:
- 7 arguments: path old-file old-hex old-mode new-file new-hex new-mode; an added file's old side
  and a deleted file's new side are `/dev/null . .`;
- 9 arguments for a rename or copy: the same, then the new path and git's extended header
  ("similarity index 92%\\nrename from a.md\\nrename to b.md\\n");
- 1 argument: the path of an unmerged file.
The count is told from the arguments' shape (object names and modes in their places), so a path
that looks like an option or holds spaces is still read right.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}|\.")
_MODE = re.compile(r"[0-7]{6}|\.")
# git sets this (and GIT_DIFF_PATH_TOTAL) for every external-diff call.
CALLED_BY_GIT = "GIT_DIFF_PATH_COUNTER"
EXTERNAL_DIFF_FLAG = "--git-external-diff"


@dataclass(frozen=True, slots=True)
class Side:
    """One version of the file as git hands it over."""

    path: str  # the path in the repository
    file: str  # where git put its content (a temporary file, the work-tree file), or /dev/null
    object_id: str  # its blob's hex, "." when there is none, all zeros for an unhashed work-tree file
    mode: str  # "100644", "100755", "120000" (a symlink)..., "." when there is none

    @property
    def exists(self) -> bool:
        return self.object_id != "." and self.file != os.devnull

    @property
    def version(self) -> str:
        """"a1b2c3d", or "working tree" for a work-tree file git did not hash."""
        if self.object_id.strip("0") == "":
            return "working tree"
        return self.object_id[:7]


@dataclass(frozen=True, slots=True)
class ExternalDiffCall:
    path: str
    old: Side | None  # None: the one-argument call for an unmerged path
    new: Side | None
    header: str = ""  # git's extended header of a rename or copy

    @property
    def unmerged(self) -> bool:
        return self.old is None

    def describe(self) -> str:
        """What git says about the file beyond its text: added, deleted, renamed, mode change."""
        if self.old is None or self.new is None:
            return "unmerged: resolve the conflict, then compare"
        if not self.old.exists:
            return "new file"
        if not self.new.exists:
            return "deleted"
        notes = []
        if self.old.path != self.new.path:
            how = "copied" if "copy from" in self.header else "renamed"
            similarity = re.search(r"^similarity index (\d+%)", self.header, re.MULTILINE)
            similar = f" ({similarity.group(1)} similar)" if similarity else ""
            notes.append(f"{how} from {self.old.path}{similar}")
        if self.old.mode != self.new.mode:
            notes.append(f"mode {self.old.mode} → {self.new.mode}")
        return "; ".join(notes)


def _looks_like_sides(args: Sequence[str]) -> bool:
    """old-file old-hex old-mode new-file new-hex new-mode, by the hexes' and modes' shape."""
    return (len(args) == 6 and _HEX.fullmatch(args[1]) is not None and _MODE.fullmatch(args[2]) is not None
            and _HEX.fullmatch(args[4]) is not None and _MODE.fullmatch(args[5]) is not None)


def git_argument_count(args: Sequence[str]) -> int:
    """How many of the trailing `args` are git's: 9, 7 or 1 (0 when there are none)."""
    if len(args) >= 9 and _looks_like_sides(args[-8:-2]):
        return 9
    if len(args) >= 7 and _looks_like_sides(args[-6:]):
        return 7
    return 1 if args else 0


def wants_external_diff(args: Sequence[str], env: Mapping[str, str]) -> bool:
    """Called as git's external diff: with --git-external-diff, or as `diptych` alone
    (GIT_EXTERNAL_DIFF=diptych) with git's 7 or 9 arguments while git says it is calling one."""
    if EXTERNAL_DIFF_FLAG in args:
        return True
    return CALLED_BY_GIT in env and len(args) in (7, 9) and git_argument_count(args) == len(args)


def parse_call(args: Sequence[str]) -> ExternalDiffCall:
    """git's arguments (the last 1, 7 or 9) as a call; ValueError for any other count."""
    if len(args) == 1:
        return ExternalDiffCall(args[0], None, None)
    if len(args) not in (7, 9) or git_argument_count(args) != len(args):
        raise ValueError("expected git's arguments: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX "
                         "NEW-MODE [NEW-PATH HEADER], or PATH alone")
    path, old_file, old_hex, old_mode, new_file, new_hex, new_mode = args[:7]
    new_path, header = (args[7], args[8]) if len(args) == 9 else (path, "")
    return ExternalDiffCall(
        new_path,
        Side(path, old_file, old_hex, old_mode),
        Side(new_path, new_file, new_hex, new_mode),
        header,
    )
