"""The review report as JSON: schema "diptych.review/1".

A stable contract for scripts (a CI job that fails while flagged differences remain, a tracker that
imports notes). Fields are only ever added within a schema version; a breaking change gets a new
one. The whole schema:

    {
      "schema": "diptych.review/1",
      "generated_at": "2026-11-22T02:30:00Z",       # UTC, when the report was written
      "diptych_version": "0.1.0",
      "left":  {"path": str, "sha256": str, "encoding": str, "line_count": int, "note": str?,
                "format": "docx"|"odt"|"html"|"pdf"?, "view": str?},  # as in diptych --json
      "right": {...same...},                         # sha256 of the decoded text (the review's key)
      "options": {"unit": "paragraph"|"sentence", "threshold": float, "normalize": bool, "markup": bool},
      "stats": {"equal", "changed", "moved", "left_only", "right_only", "typographic_only",
                "differences": int, "left_matched", "right_matched": float in [0, 1]},
      "review": {
        "store": str | null,                         # the SQLite file the marks came from
        "reviewed": int, "flagged": int, "noted": int, "total": int,
        "carried_over": null | {"from_left_path": str|null, "from_right_path": str|null,
                                "exact": int, "fuzzy": int, "lost": int}
      },
      "differences": [                               # every difference, in reading order
        {
          "number": int,                             # 1-based, as shown in the app and reports
          "id": str,                                 # stable across runs for the same content
          "block_index": int,                        # index in `diptych --json`'s "blocks"
          "kind": "changed"|"left_only"|"right_only"|"equal",  # "equal" only when moved
          "label": str,                              # "Changed", "Removed", "Added", "Moved ..."
          "moved": bool, "score": float|null, "typographic_only": bool,
          "left":  null | {"start_line": int, "end_line": int, "text": str,
                           "position": {...}?, "end_position": {...}?},  # as in diptych --json
          "right": null | {...same...},
          "words": null | [                          # changed runs of a pair (equal runs left out)
            {"tag": "replace"|"delete"|"insert"|"equal", "typographic": bool, "numeric": bool,
             "left": [start, end], "right": [start, end]}  # offsets into left.text / right.text
          ],
          "numbers": [[old: str, new: str], ...],    # every change involving a number ("" = none)
          "classes": [str, ...],                     # change classes, as in diptych --json's blocks
          "significance": int,                       # lower = more significant (tui/engine/significance.py)
          "reviewed": bool, "flagged": bool, "note": str,  # "" when no note
          "updated_at": str | null,                  # UTC time of the last change of the marks
          "carried": null | "exact" | "fuzzy",       # marks carried from an earlier version
          "corrected": null | "paired"|"unpaired"|"moved"|"not-moved"  # made by a reviewer's correction
        }
      ],
      "corrections": [                               # the reviewer's corrections, in the order made
        {"kind": "paired"|"unpaired"|"moved"|"not-moved", "applied": bool, "carried": bool,
         "left_excerpt": str, "right_excerpt": str, "differences": [int, ...]}
      ],
      "most_significant_first": [int, ...],          # numbers of the differences that change a thing of
                                                     # meaning (a class other than typographic and
                                                     # punctuation), most significant first
      "lost": [                                      # marks of the earlier version not carried
        {"kind": str, "left_excerpt": str, "right_excerpt": str, "reviewed": bool,
         "flagged": bool, "note": str, "updated_at": str}
      ]
    }
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any

from tui.engine.alignment_json import document_origin
from tui.engine.model import Document
from tui.engine.safe_text import for_json
from tui.review.report_model import Item, ReviewReport, Side

SCHEMA = "diptych.review/1"


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _document(doc: Document, sha256: str) -> dict[str, Any]:
    return {
        "path": doc.path, "sha256": sha256, "encoding": doc.encoding, "line_count": doc.line_count,
        **document_origin(doc),
    }


def _side(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"start_line": side.start_line, "end_line": side.end_line, "text": side.text, **side.position_json}


def _item(item: Item) -> dict[str, Any]:
    words = None
    if item.words is not None:
        words = [
            {"tag": op.tag, "typographic": op.typographic, "numeric": op.numeric,
             "left": [op.left_start, op.left_end], "right": [op.right_start, op.right_end]}
            for op in item.words if op.tag != "equal" or op.typographic
        ]
    return {
        "number": item.number,
        "id": item.id,
        "block_index": item.block_index,
        "kind": item.kind,
        "label": item.label,
        "moved": item.moved,
        "score": item.score,
        "typographic_only": item.typographic_only,
        "left": _side(item.left),
        "right": _side(item.right),
        "words": words,
        "numbers": [list(pair) for pair in item.numbers],
        "classes": list(item.classes),
        "significance": item.significance,
        "reviewed": item.state.reviewed,
        "flagged": item.state.flagged,
        "note": item.state.note,
        "updated_at": _iso(item.state.updated),
        "carried": item.state.carried,
        "corrected": item.corrected,
    }


def report_to_dict(report: ReviewReport) -> dict[str, Any]:
    carry = report.carry
    carried = None
    if carry.happened:
        carried = {
            "from_left_path": carry.source_left_path, "from_right_path": carry.source_right_path,
            "exact": carry.exact, "fuzzy": carry.fuzzy, "lost": len(carry.lost),
        }
    return {
        "schema": SCHEMA,
        "generated_at": _iso(report.generated),
        "diptych_version": report.version,
        "left": _document(report.left, report.left_hash),
        "right": _document(report.right, report.right_hash),
        "options": asdict(report.options),
        "stats": asdict(report.stats),
        "review": {
            "store": report.store_path,
            "reviewed": report.counts.reviewed,
            "flagged": report.counts.flagged,
            "noted": report.notes,
            "total": report.counts.total,
            "carried_over": carried,
        },
        "differences": [_item(item) for item in report.items],
        "most_significant_first": [item.number for item in report.by_significance],
        "corrections": [
            {"kind": c.kind, "applied": c.applied, "carried": c.carried, "left_excerpt": c.left_excerpt,
             "right_excerpt": c.right_excerpt, "differences": list(c.differences)}
            for c in report.corrections
        ],
        "lost": [
            {"kind": lost.kind, "left_excerpt": lost.left_excerpt, "right_excerpt": lost.right_excerpt,
             "reviewed": lost.reviewed, "flagged": lost.flagged, "note": lost.note,
             "updated_at": _iso(lost.updated)}
            for lost in carry.lost
        ],
    }


def render_json(report: ReviewReport) -> str:
    # json.dumps escapes C0 controls but leaves C1 raw: for_json makes them inert on a terminal.
    text = json.dumps(report_to_dict(report), ensure_ascii=False, indent=1)
    return for_json(text) + "\n"
