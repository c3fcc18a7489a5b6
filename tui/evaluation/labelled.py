"""Hand-labelled gold pairings (the seeds, samples of real pairs) read from TOML files in data/.

Paragraph links name line numbers (a gold paragraph is a non-blank line, or a blank-line
separated block for files that wrap); sentence links name a sentence by its opening words.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.evaluation.gold import Gold, Link, Links, Span, UnitMap
from tui.evaluation.perturb import REPO, split_sentences

DATA = Path(__file__).resolve().parent / "data"


def line_units(text: str) -> tuple[list[Span], dict[int, int]]:
    """One unit per non-blank line: spans, and line number -> unit index."""
    spans: list[Span] = []
    of_line: dict[int, int] = {}
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            of_line[number] = len(spans)
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans, of_line


def block_units(text: str) -> tuple[list[Span], dict[int, int]]:
    """One unit per block of lines between blank lines (a line of spaces or a form feed is
    blank too): spans, and each line number -> unit index."""
    spans: list[Span] = []
    of_line: dict[int, int] = {}
    start = end = None
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if start is None:
                start = pos + len(line) - len(line.lstrip())
            end = pos + len(line.rstrip())
            of_line[number] = len(spans)
        elif start is not None:
            spans.append((start, end))
            start = None
        pos += len(line) + 1
    if start is not None:
        spans.append((start, end))
    return spans, of_line


def sentence_units(text: str, units: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for start, end in units:
        para = text[start:end]
        cursor = 0
        for sentence in split_sentences(" ".join(para.split("\n"))):
            k = para.find(sentence[:20], cursor)
            k = cursor if k < 0 else k
            spans.append((start + k, start + k + len(sentence)))
            cursor = k + len(sentence)
    return spans


def _sentence_index(text: str, spans: UnitMap, opening: str) -> int:
    k = text.find(opening)
    if k < 0 or text.find(opening, k + 1) >= 0:
        raise ValueError(f"sentence opening not found exactly once: {opening[:60]!r}")
    index = spans.unit_at(k, k + len(opening))
    assert index is not None
    return index


def _as_list(value: str | int | list) -> list:
    return value if isinstance(value, list) else [value]


def load(path: Path, name: str, kind: str, base: Path = REPO) -> Gold:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    left = (base / spec["left"]).read_text(encoding="utf-8")  # an absolute path ignores base
    right = (base / spec["right"]).read_text(encoding="utf-8")
    splitter = block_units if spec.get("units") == "blocks" else line_units
    lspans, lline = splitter(left)
    rspans, rline = splitter(right)

    def para_group(entry: dict) -> set[Link]:
        return {(lline[a], rline[b]) for a in _as_list(entry["left"]) for b in _as_list(entry["right"])}

    links = Links()
    for entry in spec.get("paragraph", []):
        # An entry with a list on one side is a split or merge: every combination is a link.
        links.required |= para_group(entry)
    for entry in spec.get("paragraph_optional", []):
        links.optional |= para_group(entry)

    lsent = sentence_units(left, lspans)
    rsent = sentence_units(right, rspans)
    lmap, rmap = UnitMap(lsent), UnitMap(rsent)

    def sent_group(entry: dict) -> set[Link]:
        return {
            (_sentence_index(left, lmap, a), _sentence_index(right, rmap, b))
            for a in _as_list(entry["left"])
            for b in _as_list(entry["right"])
        }

    sentences = Links()
    for entry in spec.get("sentence", []):
        group = sent_group(entry)
        if len(group) == 1:
            sentences.required |= group
        else:
            sentences.groups.append(group)
    for entry in spec.get("sentence_optional", []):
        sentences.optional |= sent_group(entry)
    has_sentences = bool(spec.get("sentence"))
    gold = Gold(
        name, left, right, lspans, rspans, links, lsent, rsent, sentences if has_sentences else None, kind
    )
    if "left_window" in spec:
        first_l, last_l = spec["left_window"]
        first_r, last_r = spec["right_window"]
        gold.windows = (
            {u for n, u in lline.items() if first_l <= n <= last_l},
            {u for n, u in rline.items() if first_r <= n <= last_r},
        )
    return gold


def seeds_gold() -> Gold | None:
    path = DATA / "seeds_gold.toml"
    try:
        return load(path, "seeds", "seeds")
    except FileNotFoundError:
        return None


# Hand-labelled samples of real pairs: (TOML file, corpus directory). Skipped when absent.
CORPUS = REPO.parent / "shared" / "corpus"
REAL_SAMPLES: list[tuple[str, Path]] = [("lgpl_preamble_gold.toml", Path("/usr/share/common-licenses"))]


def real_samples() -> list[Gold]:
    out: list[Gold] = []
    for toml_name, base in REAL_SAMPLES:
        path = DATA / toml_name
        if path.is_file() and base.is_dir():
            out.append(load(path, toml_name.removesuffix(".toml"), "real", base))
    return out
