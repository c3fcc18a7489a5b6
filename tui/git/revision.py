"""`REV:PATH` arguments, in git's own syntax (`HEAD~3:chapter.md`, `v1.0:README.md`,
`:chapter.md` for the staged version): read through git when no file of that name exists and the
current directory is inside a git work tree.

The document's path stays the argument as given, so the app's header and the JSON show
`REV:PATH`; its bytes go through the same format detection as a file's (a Word file at a revision
is read as Word).
"""

from __future__ import annotations

import os

from tui.engine.model import Document, ReadOptions
from tui.engine.reading import MAX_INPUT_BYTES, STDIN, InputError, document_from_bytes, read_document
from tui.git.blobs import BlobReader
from tui.git.command import GitError, git_available, inside_work_tree, run_git


def may_be_revision(argument: str) -> bool:
    """Could `argument` be git's REV:PATH? (An option-like argument never goes to git.)"""
    return ":" in argument and not argument.startswith("-")


def read_argument(argument: str, options: ReadOptions) -> Document:
    """A command-line document: a file (or "-"), or else a REV:PATH read through git."""
    if argument == STDIN or os.path.lexists(argument) or not may_be_revision(argument):
        return read_document(argument, options=options)
    if not git_available():
        raise InputError(f"{argument}: no such file (git is not installed to read it as REV:PATH)")
    if not inside_work_tree():
        raise InputError(f"{argument}: no such file (and not read as git's REV:PATH: "
                         "the current directory is not in a git work tree)")
    return read_revision(argument, options)


def read_revision(spec: str, options: ReadOptions, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """The blob named by `spec` (anything git's rev-parse accepts) as a Document named `spec`.
    InputError with git's reason on one line when git cannot find it."""
    try:
        object_id = resolve(spec)
        with BlobReader(max_bytes) as blobs:
            raw = blobs.read(object_id)
    except GitError as exc:
        raise InputError(f"{spec}: {exc}") from None
    return document_from_bytes(spec, raw, options)


def resolve(spec: str) -> str:
    """The object id `spec` names. Without --verify, rev-parse explains a bad path best ("path
    'sub/a.md' exists, but not 'a.md'; hint: Did you mean 'HEAD:sub/a.md' aka 'HEAD:./a.md'?")."""
    out = run_git(["rev-parse", spec]).decode("ascii", errors="replace").split()
    if len(out) != 1:
        raise GitError("not one object")
    return out[0]
