"""The change log of a history as JSON: schema "diptych.changelog/1".

    {
      "schema": "diptych.changelog/1",
      "generated_at": "2026-11-22T02:30:00Z", "diptych_version": str,
      "versions": [{"path", "line_count", "encoding", "note"?}, ...],   # oldest first
      "skipped": [{"path": str, "reason": str}, ...],   # entries of a folder not taken
      "options": {"unit", "threshold", "normalize"},
      "steps": [
        {"step": int,                                    # k: versions k → k+1 (from 1)
         "stats": {...as in diptych.alignment/1...},
         "numbers": [difference, ...],                    # every difference with a changed number
         "changed": [...], "added": [...], "removed": [...], "moved": [...]}   # the others
                                                          # (each most significant first)
      ]
    }

A difference is one of the review report's (diptych.review/1, tui/review/report_json.py) without
the review's marks: number, id, block_index, kind, label, moved, score, typographic_only, left,
right, words, numbers, classes, significance. Each section lists its differences most
significant first (tui/engine/significance.py), ties in reading order.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any

from tui.engine.history_json import version_to_dict
from tui.engine.safe_text import for_json
from tui.review.changelog_model import SECTIONS, ChangeLog, StepLog
from tui.review.report_json import _item as difference_to_dict

SCHEMA = "diptych.changelog/1"
DIFFERENCE_KEYS = (
    "number", "id", "block_index", "kind", "label", "moved", "score", "typographic_only", "left", "right",
    "words", "numbers", "classes", "significance",
)


def _step(step: StepLog) -> dict[str, Any]:
    out: dict[str, Any] = {"step": step.step, "stats": asdict(step.stats)}
    found = dict(step.sections)
    for key in SECTIONS:
        out[key] = [
            {name: value for name, value in difference_to_dict(item).items() if name in DIFFERENCE_KEYS}
            for item in found.get(key, ())
        ]
    return out


def changelog_to_dict(log: ChangeLog) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(log.generated)),
        "diptych_version": log.version,
        "versions": [version_to_dict(v) for v in log.versions],
        "skipped": [{"path": path, "reason": reason} for path, reason in log.skipped],
        "options": asdict(log.options),
        "steps": [_step(step) for step in log.steps],
    }


def render_json(log: ChangeLog) -> str:
    text = json.dumps(changelog_to_dict(log), ensure_ascii=False, indent=1)
    return for_json(text) + "\n"
