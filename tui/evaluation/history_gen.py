"""A generated history with known lineage: a story revised version after version, for tests and
`make bench`.

Version 1 is paragraphs drawn from the sources of perturb.py (the seeds, Debian's licences when
installed), each reworded so that no two are the same. Each next version applies a few edits to
the one before, cumulatively, the way a live story grows: light rewording, a changed number,
an inserted paragraph, a deletion, a far move, a split, a merge. Every paragraph carries the ids
of the paragraphs it descends from, so the gold lineage, introduction and last change of every
paragraph are known. Seeded: the same arguments give the same texts on every machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from tui.evaluation.perturb import Editor, sources, split_sentences

_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
_NUMBER = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\b")


@dataclass(slots=True)
class Paragraph:
    ids: frozenset[int]  # the lineage: ids of the original paragraphs it descends from
    text: str
    changed: int  # the version of its last text change (its introduction if none)
    moved: int | None = None  # the version it last moved in


@dataclass(slots=True)
class GeneratedHistory:
    versions: list[list[Paragraph]]  # V1..VN, each a list of one-line paragraphs
    born: dict[int, int] = field(default_factory=dict)  # id -> the version that introduced it

    def text(self, version: int) -> str:
        """Version `version` (from 1): paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.versions[version - 1]) + "\n"

    def introduced(self, paragraph: Paragraph) -> int:
        return min(self.born[i] for i in paragraph.ids)


def _change_number(text: str, editor: Editor) -> str | None:
    """One number of `text` changed (digits moved by 1..9, a number word swapped), or None."""
    found = list(_NUMBER.finditer(text))
    if not found:
        return None
    match = editor.rng.choice(found)
    old = match.group()
    if old.isdigit():
        new = str(int(old) + editor.rng.randint(1, 9))
    else:
        new = editor.rng.choice([w for w in _NUMBER_WORDS if w != old])
    return text[: match.start()] + new + text[match.end() :]


def _pick(rng: random.Random, story: list[Paragraph], run: int = 1) -> int:
    """Where a run of `run` paragraphs of the story starts, at random."""
    return rng.randrange(len(story) - run + 1)


def generate_history(
    versions: int = 50, target_bytes: int = 100_000, seed: str = "history"
) -> GeneratedHistory:
    pool = [p for paras in sources().values() for p in paras if len(p.split()) >= 6]
    vocabulary = sorted({w.strip(".,;:!?\"'()").lower() for p in pool for w in p.split()} - {""})
    editor = Editor(seed, vocabulary)
    rng = editor.rng
    history = GeneratedHistory([])
    next_id = 0

    def fresh(version: int) -> Paragraph:
        nonlocal next_id
        next_id += 1
        history.born[next_id] = version
        return Paragraph(frozenset({next_id}), editor.reword(rng.choice(pool), 0.3), version)

    story: list[Paragraph] = []
    while sum(len(p.text) + 2 for p in story) < target_bytes:
        story.append(fresh(1))
    history.versions.append(story)
    for version in range(2, versions + 1):
        story = [Paragraph(p.ids, p.text, p.changed, p.moved) for p in story]
        for _ in range(rng.randint(1, 3)):  # light rewording
            para = story[_pick(rng, story)]
            para.text, para.changed = editor.reword(para.text, 0.1), version
        if rng.random() < 0.5:  # a changed number
            para = story[_pick(rng, story)]
            changed = _change_number(para.text, editor)
            if changed is not None:
                para.text, para.changed = changed, version
        if rng.random() < 0.4:
            story.insert(rng.randrange(len(story) + 1), fresh(version))
        if rng.random() < 0.3 and len(story) > 4:
            del story[_pick(rng, story)]
        if rng.random() < 0.15 and len(story) > 9:  # a far move, a third of the story away at least
            k = _pick(rng, story)
            para = story.pop(k)
            far = [m for m in range(len(story) + 1) if abs(m - k) >= len(story) // 3]
            para.moved = version
            story.insert(rng.choice(far), para)
        if rng.random() < 0.08:  # a split between two sentences
            k = _pick(rng, story)
            sentences = split_sentences(story[k].text)
            if len(sentences) >= 2:
                cut = rng.randrange(1, len(sentences))
                old = story[k]
                story[k : k + 1] = [
                    Paragraph(old.ids, " ".join(sentences[:cut]), version, old.moved),
                    Paragraph(old.ids, " ".join(sentences[cut:]), version, old.moved),
                ]
        if rng.random() < 0.08 and len(story) > 1:  # two neighbours merged
            k = _pick(rng, story, 2)
            a, b = story[k], story[k + 1]
            moved = max((m for m in (a.moved, b.moved) if m is not None), default=None)
            story[k : k + 2] = [Paragraph(a.ids | b.ids, f"{a.text} {b.text}", version, moved)]
        history.versions.append(story)
    return history
