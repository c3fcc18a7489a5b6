"""The JSON of `diptych --json V1 … VN` (schema "diptych.history/1"), streamed.

    {"schema": "diptych.history/1",
     "versions": [{"path", "line_count", "encoding", "note"?}, ...],     # oldest first
     "skipped": [{"path", "reason"}, ...],         # entries of a folder not taken
     "options": {"unit", "threshold", "normalize"},
     "steps": [<versions 1→2 exactly as diptych.alignment/1 prints it>, <2→3>, ...],
     "lineage": [<strand>, ...],
     "blame": [<passage of the newest version>, ...]}

A strand (tui.engine.lineage) is one passage followed through the versions:
    {"id": int, "first_version": int, "last_version": int, "removed_in": int | null,
     "passages": [[[index, start_line, end_line], ...], ...],   # per version first..last
     "events": [{"step": int, "block": int, "change": str, "moved": bool, "numeric": bool}, ...]}
and a blame entry:
    {"index", "start_line", "end_line", "start_offset", "end_offset", "text", "strand": int,
     "introduced": int, "changed": int, "moved": int | null, "words": [[start, end, version], ...]}
(README.md, "Many versions", explains every field.)

Each step is aligned once, written, reduced to what lineage needs and dropped; only two versions'
text is held at a time (each is read again: `gather_versions` read them once to check them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from tui.engine.alignment_run import AlignmentRun
from tui.engine.lineage import Blame, LineageBuilder, Strand
from tui.engine.model import AlignOptions, Document
from tui.engine.reading import read_document
from tui.engine.segment import segment
from tui.engine.versions import Version, VersionList, read_versions

SCHEMA = "diptych.history/1"


def version_to_dict(version: Version) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": version.path, "line_count": version.line_count, "encoding": version.encoding
    }
    if version.note:
        out["note"] = version.note
    out.update(version.details)
    return out


def strand_to_dict(strand: Strand) -> dict[str, Any]:
    return {
        "id": strand.id,
        "first_version": strand.first_version,
        "last_version": strand.last_version,
        "removed_in": strand.removed_in,
        "passages": [[list(ref) for ref in refs] for refs in strand.passages],
        "events": [
            {"step": e.step, "block": e.block, "change": e.change, "moved": e.moved, "numeric": e.numeric}
            for e in strand.events
        ],
    }


def blame_to_dict(blame: Blame) -> dict[str, Any]:
    p = blame.passage
    return {
        "index": p.index,
        "start_line": p.start_line,
        "end_line": p.end_line,
        "start_offset": p.start_offset,
        "end_offset": p.end_offset,
        "text": p.text,
        "strand": blame.strand,
        "introduced": blame.introduced,
        "changed": blame.changed,
        "moved": blame.moved,
        "words": [list(run) for run in blame.words],
    }


def _entries(key: str, lines: Iterator[str]) -> Iterator[str]:
    """`, "key": [` then one entry per line."""
    yield f",\n {json.dumps(key)}: ["
    separator = "\n  "
    for line in lines:
        yield separator + line
        separator = ",\n  "
    yield "]" if separator == "\n  " else "\n ]"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class HistoryJson:
    """`pieces()` yields the JSON text (no final line end); then `identical` says whether every
    version is equal to the one before (after the active normalisation)."""

    def __init__(
        self, versions: VersionList, options: AlignOptions, read: Callable[[str], Document] = read_document
    ):
        if len(versions.versions) < 2:
            raise ValueError("a history needs at least two versions")
        self.versions = versions
        self.options = options
        self._read = read
        self.identical = True

    def pieces(self) -> Iterator[str]:
        yield "{\n" + f' "schema": {_dumps(SCHEMA)}'
        yield from _entries("versions", (_dumps(version_to_dict(v)) for v in self.versions.versions))
        yield from _entries("skipped", (_dumps({"path": p, "reason": r}) for p, r in self.versions.skipped))
        yield f',\n "options": {_dumps(asdict(self.options))}'
        yield ',\n "steps": ['
        documents = read_versions(self.versions, self._read)
        older = next(documents)
        older_units = segment(older, self.options.unit, self.options.markup)
        lineage = LineageBuilder(older_units)
        for newer in documents:
            newer_units = segment(newer, self.options.unit, self.options.markup)
            yield "\n  " if lineage.versions == 1 else ",\n  "
            with AlignmentRun(older, newer, self.options, (older_units, newer_units)) as run:
                yield from run.json_pieces()
            self.identical = self.identical and run.alignment.identical
            lineage.add_step(run.alignment)
            older, older_units = newer, newer_units
        yield "\n ]"
        yield from _entries("lineage", (_dumps(strand_to_dict(s)) for s in lineage.strands()))
        yield from _entries("blame", (_dumps(blame_to_dict(b)) for b in lineage.blame()))
        yield "\n}"
