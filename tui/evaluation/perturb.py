"""A perturbation generator with known ground truth.

A source document (paragraphs of sentences) is edited the way real revisions edit prose —
rewording at several strengths, typographic changes, moves (some also edited), splits, merges,
insertions of foreign paragraphs, deletions, sentences moved between paragraphs, rewrapping — and
every edit keeps track of where each right-hand paragraph and sentence came from. The result is
a `Gold` whose links are exactly the lineage. Everything is seeded: the same case name gives the
same texts on every machine.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from tui.evaluation.gold import Gold, Links

REPO = Path(__file__).resolve().parent.parent.parent
LICENSES = Path("/usr/share/common-licenses")

# A small thesaurus so that rewording looks like an editor's, not like noise; other words are
# replaced by a word from the same document.
_SYNONYMS = {
    "said": "stated",
    "says": "states",
    "big": "large",
    "large": "huge",
    "huge": "massive",
    "attack": "strike",
    "strike": "attack",
    "people": "persons",
    "killed": "left dead",
    "also": "additionally",
    "after": "following",
    "before": "prior to",
    "must": "shall",
    "may": "can",
    "can": "may",
    "any": "every",
    "all": "each",
    "program": "software",
    "work": "material",
    "terms": "conditions",
    "license": "licence",
    "you": "the recipient",
    "however": "but",
    "because": "since",
    "shows": "demonstrates",
    "use": "employ",
    "make": "create",
    "give": "grant",
    "copy": "duplicate",
    "modify": "alter",
    "nine": "eight",
    "two": "three",
    "first": "initial",
    "new": "novel",
    "end": "finish",
}
_NUMBER = re.compile(r"^\d[\d,.]*$")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(slots=True)
class Sentence:
    sid: int | None  # id of the left sentence it came from; None for inserted text
    text: str


@dataclass(slots=True)
class Para:
    origins: set[int]  # left paragraph indices this paragraph descends from
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


# -- sources -------------------------------------------------------------------------------------


def _paragraphs_of(text: str) -> list[str]:
    """Blank-line or line-per-paragraph text into one-line paragraphs, exact duplicates dropped
    (a duplicate makes the lineage ambiguous: either copy is a correct partner)."""
    blocks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    seen: set[str] = set()
    out: list[str] = []
    for block in blocks:
        para = " ".join(block.split())
        key = para.casefold()
        if len(para) < 3 or key in seen:
            continue
        seen.add(key)
        out.append(para)
    return out


def sources() -> dict[str, list[str]]:
    """Source documents available on this machine: the seeds always, Debian's licences when
    installed. Each is a list of one-line paragraphs."""
    out: dict[str, list[str]] = {}
    seed = sorted((REPO / "seeds").glob("*.txt"))
    if seed:
        out["seeds"] = _paragraphs_of(seed[0].read_text(encoding="utf-8"))
    for name in ("GPL-3", "GFDL-1.3", "Apache-2.0"):
        path = LICENSES / name
        if path.is_file():
            out[name] = _paragraphs_of(path.read_text(encoding="utf-8"))
    return out


def split_sentences(paragraph: str) -> list[str]:
    pieces = [s for s in _SENTENCE.split(paragraph) if s.strip()] or [paragraph]
    # A section label ("0.", "A.", "iv.") starts the sentence after it, it is not one itself.
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) <= 4:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


# -- edits ---------------------------------------------------------------------------------------


class Editor:
    def __init__(self, seed: str, vocabulary: list[str]):
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary or ["text"]

    def reword(self, text: str, strength: float) -> str:
        """Replace, drop or add about `strength` of the words (at least one)."""
        words = text.split(" ")
        rng = self.rng
        n_ops = max(1, round(len(words) * strength))
        # Short lines get one edit: a reader still sees the same heading.
        if len(words) < 6:
            n_ops = 1
        for _ in range(n_ops):
            # The first word stays: it keeps the sentence boundary where the gold says it is.
            k = rng.randrange(1, len(words)) if len(words) > 1 else 0
            word = words[k]
            roll = rng.random()
            bare = word.strip(".,;:!?\"'“”‘’()").lower()
            if roll < 0.6 or len(words) < 3:
                if _NUMBER.match(bare):
                    replacement = str(int(re.sub(r"\D", "", bare)[:6] or 0) + rng.randint(1, 9))
                else:
                    replacement = _SYNONYMS.get(bare) or rng.choice(self.vocabulary)
                    if word[:1].isupper():
                        replacement = replacement.capitalize()
                core = word.strip(".,;:!?\"'“”‘’()")
                words[k] = word.replace(core, replacement) if core else replacement
            elif roll < 0.8 and k < len(words) - 1:
                del words[k]  # never the last word: its full stop is the sentence boundary
            else:
                words.insert(k, rng.choice(self.vocabulary))
        return " ".join(w for w in words if w) or text

    @staticmethod
    def typography(text: str) -> str:
        text = re.sub(r'"([^"]*)"', "“\\1”", text)
        text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
        text = text.replace("...", "…").replace(" - ", " – ").replace("--", "—")
        return text.replace(", ", ",\u00a0", 1)


# -- the generator -------------------------------------------------------------------------------


@dataclass(slots=True)
class Recipe:
    """How much of each edit a case applies (shares of the paragraphs, or counts)."""

    reword: float = 0.0  # share of paragraphs reworded
    strength: float = 0.2  # share of words touched in a reworded sentence
    typography: float = 0.0
    moves: int = 0  # runs of 1-3 paragraphs moved far
    moved_edited: bool = False  # moved runs are also reworded
    splits: int = 0
    merges: int = 0
    insertions: int = 0  # foreign paragraphs inserted
    deletions: int = 0
    sentence_moves: int = 0  # sentences moved into a distant paragraph
    replacements: int = 0  # paragraphs replaced in place by a foreign one (must not pair)
    rewrap: bool = False  # right side hard-wrapped at 72 columns


RECIPES: dict[str, Recipe] = {
    "identical": Recipe(),
    "reword-light": Recipe(reword=0.5, strength=0.08),
    "reword-medium": Recipe(reword=0.5, strength=0.2),
    "reword-strong": Recipe(reword=0.5, strength=0.35),
    "typography": Recipe(typography=0.6),
    "moves": Recipe(moves=4),
    "moves-edited": Recipe(moves=4, moved_edited=True, strength=0.2),
    "splits": Recipe(splits=5),
    "merges": Recipe(merges=5),
    "insertions": Recipe(insertions=6),
    "deletions": Recipe(deletions=6),
    "sentence-moves": Recipe(sentence_moves=3),
    "reword-heavy": Recipe(reword=0.8, strength=0.45),
    "replacements": Recipe(replacements=6),
    "rewrap": Recipe(rewrap=True),
    "mixed": Recipe(
        reword=0.25,
        strength=0.15,
        typography=0.2,
        moves=2,
        moved_edited=True,
        splits=2,
        merges=2,
        insertions=3,
        deletions=3,
        sentence_moves=1,
        replacements=2,
        rewrap=True,
    ),
    "mixed-heavy": Recipe(
        reword=0.6,
        strength=0.3,
        typography=0.4,
        moves=4,
        moved_edited=True,
        splits=4,
        merges=4,
        insertions=5,
        deletions=5,
        sentence_moves=3,
        replacements=4,
    ),
}


def generate(source_name: str, paragraphs: list[str], recipe_name: str, foreign: list[str]) -> Gold:
    recipe = RECIPES[recipe_name]
    name = f"{source_name}/{recipe_name}"
    vocabulary = sorted({w.strip(".,;:!?\"'()").lower() for p in paragraphs for w in p.split()} - {""})
    ed = Editor(name, vocabulary)
    rng = ed.rng
    left: list[Para] = []
    sid = 0
    for i, text in enumerate(paragraphs):
        sents = []
        for s in split_sentences(text):
            sents.append(Sentence(sid, s))
            sid += 1
        left.append(Para({i}, sents))
    right = [Para(set(p.origins), [Sentence(s.sid, s.text) for s in p.sentences]) for p in left]

    def pick(pred=lambda p: True) -> int | None:
        choices = [k for k, p in enumerate(right) if pred(p)]
        return rng.choice(choices) if choices else None

    # Content edits first, then structure, so that a moved paragraph may also be edited.
    for para in right:
        # A one- or two-word heading reworded is a new heading: nothing is left to recognise.
        if rng.random() < recipe.reword and len(para.text.split()) >= 3:
            for s in para.sentences:
                s.text = ed.reword(s.text, recipe.strength)
        if rng.random() < recipe.typography:
            for s in para.sentences:
                s.text = ed.typography(s.text)
    for _ in range(recipe.deletions):
        k = pick(lambda p: len(p.origins) == 1)
        if k is not None and len(right) > 4:
            del right[k]
    for _ in range(recipe.splits):
        k = pick(lambda p: len(p.sentences) >= 2 and len(p.origins) == 1)
        if k is None:
            break
        para = right[k]
        cut = rng.randrange(1, len(para.sentences))
        right[k : k + 1] = [
            Para(set(para.origins), para.sentences[:cut]),
            Para(set(para.origins), para.sentences[cut:]),
        ]
    for _ in range(recipe.merges):
        # Writers merge paragraphs, not a heading into the paragraph under it.
        k = pick(lambda p: len(p.origins) == 1 and p.text.rstrip('"”’)').endswith((".", "!", "?")))
        if (
            k is None
            or k + 1 >= len(right)
            or len(right[k + 1].origins) != 1
            or right[k].origins == right[k + 1].origins
            or not right[k + 1].text.endswith((".", "!", "?"))
        ):
            continue
        right[k : k + 2] = [
            Para(right[k].origins | right[k + 1].origins, right[k].sentences + right[k + 1].sentences)
        ]
    for _ in range(recipe.sentence_moves):
        # A sentence moves out of a paragraph that keeps most of its text, into one that stays
        # mostly itself: both paragraphs keep their identity, one sentence changed place.
        k = pick(lambda p: len(p.sentences) >= 3)
        if k is None:
            break
        source = right[k]
        movable = [n for n, s in enumerate(source.sentences) if len(s.text) <= 0.4 * len(source.text)]
        if not movable:
            continue
        sentence = source.sentences[rng.choice(movable)]
        far = [
            m for m in range(len(right)) if abs(m - k) >= 3 and len(right[m].text) >= 2 * len(sentence.text)
        ]
        if not far:
            continue
        source.sentences.remove(sentence)
        target = right[rng.choice(far)]
        target.sentences.insert(rng.randrange(len(target.sentences) + 1), sentence)
    for _ in range(recipe.moves):
        n = len(right)
        run = rng.randint(1, 3)
        if n < 3 * run + 3:
            break
        start = rng.randrange(0, n - run)
        block = right[start : start + run]
        del right[start : start + run]
        # Far: at least a third of the document away.
        far = [m for m in range(len(right) + 1) if abs(m - start) >= max(3, n // 3)]
        dest = rng.choice(far) if far else len(right)
        if recipe.moved_edited:
            for para in block:
                for s in para.sentences:
                    s.text = ed.reword(s.text, recipe.strength)
        right[dest:dest] = block
    for _ in range(recipe.replacements):
        k = pick(lambda p: len(p.origins) == 1)
        if k is None or not foreign:
            break
        right[k] = Para(set(), [Sentence(None, s) for s in split_sentences(rng.choice(foreign))])
    for _ in range(recipe.insertions):
        if not foreign:
            break
        text = rng.choice(foreign)
        right.insert(
            rng.randrange(len(right) + 1), Para(set(), [Sentence(None, s) for s in split_sentences(text)])
        )
    return render(name, left, right, recipe.rewrap)


def _render(
    paras: list[Para], wrap: bool
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[int | None]]:
    """Text, paragraph spans, sentence spans and sentence ids. Paragraphs are separated by a
    blank line, so the gold paragraph boundaries are unambiguous on both sides."""
    parts: list[str] = []
    para_spans: list[tuple[int, int]] = []
    sent_spans: list[tuple[int, int]] = []
    sids: list[int | None] = []
    pos = 0
    for para in paras:
        text = para.text
        if wrap:
            text = textwrap.fill(text, width=72, break_long_words=False, break_on_hyphens=False)
        # Sentence spans: sentences appear in order; wrapping only turns spaces into line ends.
        cursor = 0
        flat = text.replace("\n", " ")
        for s in para.sentences:
            k = flat.find(s.text, cursor)
            if k < 0:  # wrapping folded a double space; fall back to the rest of the paragraph
                k = cursor
            sent_spans.append((pos + k, pos + k + len(s.text)))
            sids.append(s.sid)
            cursor = k + len(s.text)
        para_spans.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
    return "\n\n".join(parts) + "\n", para_spans, sent_spans, sids


def render(name: str, left: list[Para], right: list[Para], wrap_right: bool) -> Gold:
    ltext, lspans, lsents, lsids = _render(left, False)
    rtext, rspans, rsents, rsids = _render(right, wrap_right)
    links = {(i, j) for j, para in enumerate(right) for i in para.origins}
    left_of_sid = {sid: k for k, sid in enumerate(lsids)}
    sentence_links = {(left_of_sid[sid], k) for k, sid in enumerate(rsids) if sid is not None}
    return Gold(
        name, ltext, rtext, lspans, rspans, Links(links), lsents, rsents, Links(sentence_links), "generated"
    )


def generated_cases() -> list[Gold]:
    """Every recipe on every available source; foreign insertions come from another source."""
    srcs = sources()
    names = sorted(srcs)
    cases: list[Gold] = []
    for k, source_name in enumerate(names):
        foreign = srcs[names[(k + 1) % len(names)]] if len(names) > 1 else []
        for recipe_name in RECIPES:
            cases.append(generate(source_name, srcs[source_name], recipe_name, foreign))
    return cases


def big_pair(target_bytes: int, seed: str = "bench") -> tuple[str, str]:
    """A large realistic pair for benchmarks: source paragraphs repeated with variations (each
    copy reworded differently so it is not an exact duplicate), then the mixed recipe's edits."""
    srcs = sources()
    pool = [p for paras in srcs.values() for p in paras]
    vocabulary = sorted({w.strip(".,;:!?\"'()").lower() for p in pool for w in p.split()} - {""})
    ed = Editor(seed, vocabulary)
    rng = ed.rng
    left: list[str] = []
    right: list[str] = []
    size = 0
    while size < target_bytes:
        text = ed.reword(rng.choice(pool), 0.3)
        left.append(text)
        size += len(text) + 2
        roll = rng.random()
        if roll < 0.6:
            right.append(text)
        elif roll < 0.8:
            right.append(ed.reword(text, 0.15))
        elif roll < 0.85:
            sents = split_sentences(text)
            if len(sents) >= 2:
                cut = len(sents) // 2
                right.extend([" ".join(sents[:cut]), " ".join(sents[cut:])])
            else:
                right.append(text)
        elif roll < 0.9:
            pass  # deleted
        elif roll < 0.95:
            right.append(text)
            right.append(ed.reword(rng.choice(pool), 0.5))  # inserted
        else:
            right.append(Editor.typography(text))
    # A few far moves.
    for _ in range(max(1, len(right) // 500)):
        k = rng.randrange(len(right))
        para = right.pop(k)
        right.insert(rng.randrange(len(right) + 1), para)
    return "\n\n".join(left) + "\n", "\n\n".join(right) + "\n"
