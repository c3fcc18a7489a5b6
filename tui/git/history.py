"""A file's history in git: its newest K versions, oldest first, following renames, each a
Document with the commit, author and date it comes from (`diptych --git-history PATH`).

The commits come from one `git log --follow` (the object id of the file in each commit is in its
raw diff, so renames need no second look-up); the blobs from one `git cat-file --batch`, each
refused over the size limit before it is read, and all of them together bounded too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from tui.engine.model import Document, ReadOptions
from tui.engine.reading import MAX_INPUT_BYTES, InputError, document_from_bytes
from tui.git.blobs import BlobReader
from tui.git.command import GitError, git_available, inside_work_tree, run_git

DEFAULT_MAX_VERSIONS = 20
# Versions are read up front (the alignment needs them all): a long history of a large file
# is refused rather than filling memory.
MAX_HISTORY_BYTES = 4 * MAX_INPUT_BYTES
_FIELDS = ("%H", "%h", "%an", "%ae", "%aI", "%s")
_HEADER, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that changed the file, and the file as it was after it."""

    id: str  # full hex
    short: str  # git's abbreviation, unique in this repository
    author: str
    email: str
    date: str  # the author date, ISO 8601 with its time zone ("2024-03-01T10:00:01+01:00")
    subject: str
    path: str  # the file's path from the top of the work tree, in that commit (renames change it)
    blob: str  # the file's object id in that commit (abbreviated as git abbreviates: unique)

    @property
    def revision_path(self) -> str:
        """`a1b2c3d:docs/report.md`: git's own name for this version (diptych A B accepts it)."""
        return f"{self.short}:{self.path}"

    def details(self) -> tuple[tuple[str, str], ...]:
        """What a history's JSON adds to the version's entry."""
        return (("commit", self.id), ("author", self.author), ("email", self.email), ("date", self.date),
                ("subject", self.subject))


@dataclass(frozen=True, slots=True)
class Version:
    commit: Commit
    document: Document  # named commit.revision_path


def history_commits(path: str, max_versions: int = DEFAULT_MAX_VERSIONS) -> list[Commit]:
    """The newest `max_versions` commits that changed `path` (relative to the current directory),
    oldest first, through renames. Commits that deleted it are left out; a merge counts when its
    result differs from its first parent (a resolved conflict is a version). InputError with a
    line for the user when there is no such history."""
    if max_versions < 1:
        raise InputError("--max-versions must be at least 1")
    if not git_available():
        raise InputError("--git-history needs git, and there is no `git` command on the PATH")
    if not inside_work_tree():
        raise InputError("--git-history needs a git work tree, and the current directory is not in one")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory; --git-history follows one file")
    args = [
        "log", "--follow", "--diff-filter=d", "--diff-merges=first-parent", "--raw", "-z",
        f"--max-count={max_versions}", "--format=" + _HEADER + _FIELD.join(_FIELDS), "--", path,
    ]
    try:
        out = run_git(args)
    except GitError as exc:
        raise InputError(f"{path}: {exc}") from None
    commits = parse_log(out.decode("utf-8", errors="surrogateescape"))
    if not commits:
        raise InputError(f"{path}: no history in git (not a tracked file, or no commit changed it)")
    return commits[::-1]


def parse_log(text: str) -> list[Commit]:
    """`git log --raw -z` with our format: each commit's header, then its raw diff entries
    (":mode mode old new status", the path, and a second path for a rename or copy)."""
    commits: list[Commit] = []
    tokens = text.split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if not token.startswith(_HEADER):
            continue
        fields = token[1:].split(_FIELD, len(_FIELDS) - 1)
        if len(fields) != len(_FIELDS):
            continue
        blob = file_path = None
        while i < len(tokens) and tokens[i].lstrip("\n").startswith(":"):
            meta = tokens[i].lstrip("\n").split()
            paths = 2 if meta[-1][:1] in ("R", "C") else 1
            if i + paths < len(tokens):
                blob, file_path = meta[3], tokens[i + paths]  # the new object and the new path
            i += 1 + paths
        if blob is None or file_path is None or not blob.strip("0"):
            continue  # no diff shown (a merge equal to its first parent), or a deletion
        full, short, author, email, date, subject = fields
        commits.append(Commit(full, short, author, email, date, subject, file_path, blob))
    return commits


def file_history(
    path: str, max_versions: int = DEFAULT_MAX_VERSIONS, options: ReadOptions | None = None,
) -> Iterator[Version]:
    """The versions of `path`, oldest first, each read as a file of its format would be."""
    options = options or ReadOptions()
    commits = history_commits(path, max_versions)
    total = 0
    with BlobReader(MAX_INPUT_BYTES) as blobs:
        for commit in commits:
            name = commit.revision_path
            try:
                raw = blobs.read(commit.blob)
            except GitError as exc:
                raise InputError(f"{name}: {exc}") from None
            total += len(raw)
            if total > MAX_HISTORY_BYTES:
                raise InputError(f"{path}: its {len(commits)} versions are larger than "
                                 f"{MAX_HISTORY_BYTES // (1024 * 1024)} MiB together; "
                                 "ask for fewer with --max-versions")
            yield Version(commit, document_from_bytes(name, raw, options))
