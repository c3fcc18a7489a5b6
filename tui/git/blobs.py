"""Reading objects out of git with `git cat-file --batch`: one process for any number of
objects, each refused before it is read when it is larger than the bound."""

from __future__ import annotations

import contextlib
import subprocess
from types import TracebackType

from tui.git.command import GitError, git_environment


class BlobReader:
    """`with BlobReader(max_bytes) as blobs: blobs.read(object_id)` gives a blob's bytes."""

    def __init__(self, max_bytes: int, cwd: str | None = None) -> None:
        self.max_bytes = max_bytes
        try:
            self._proc = subprocess.Popen(
                ["git", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, cwd=cwd, env=git_environment(),
            )
        except FileNotFoundError:
            raise GitError("git is not installed (no `git` command on the PATH)") from None

    def read(self, object_id: str) -> bytes:
        """The blob's content. GitError when it is missing, not a blob or over the bound (the
        process is then ended: what it was about to print is never read)."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        if not object_id or any(ch.isspace() for ch in object_id):
            raise GitError(f"not an object name: {object_id!r}")
        try:
            self._proc.stdin.write(object_id.encode() + b"\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise GitError("git cat-file ended unexpectedly") from None
        header = self._proc.stdout.readline().decode("utf-8", errors="replace").split()
        if len(header) != 3:
            self.close()
            raise GitError("not in the repository" if header[-1:] == ["missing"] else
                           f"git cat-file answered {' '.join(header)!r}")
        _, kind, size_text = header
        size = int(size_text)
        if kind != "blob":
            self.close()
            what = "a directory (a tree in git)" if kind == "tree" else f"a {kind}"
            raise GitError(f"{what}, not a file")
        if size > self.max_bytes:
            self.close()
            raise GitError(f"larger than the {self.max_bytes // (1024 * 1024)} MiB limit")
        data = self._proc.stdout.read(size)
        self._proc.stdout.read(1)  # the newline after each object
        if len(data) != size:
            self.close()
            raise GitError("git cat-file ended in the middle of an object")
        return data

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
