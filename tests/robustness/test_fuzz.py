"""Property-based tests of the engine: random documents and random edits between two versions.

What a reviewer relies on, whatever the text: every non-blank line of both documents is shown in
some block, each side reads in order (only blocks marked moved may break the right side's order),
every passage is shown once, pairs of identical text are never left apart, the same input always
gives the same result, and nothing raises.

The example counts are modest so the suite stays fast; for a longer run:
    DIPTYCH_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/robustness/test_fuzz.py
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.alignment_json import alignment_to_dict
from tui.engine.compare import compare_documents, compute_stats
from tui.engine.model import Alignment, AlignOptions, BlockKind
from tui.engine.normalize import equality_key
from tui.engine.reading import make_document
from tui.engine.worddiff import diff_words

EXAMPLES = int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A small vocabulary makes passages share words, so pairing decisions are actually exercised;
# the odd entries bring numbers, typography, markup-like and non-Latin text.
VOCABULARY = (
    "the council voted on plan river stone nine eight 63 70 members said that a of "
    "reported officials Monday — “quoted” don't 16,000 3.5% café 東京 مرحبا [bold] ½ e\u0301".split()
)

words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=18)
sentence = words.map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
heading = words.map(lambda ws: " ".join(ws[:5]).title())
list_item = sentence.map(lambda s: "- " + s)
unit = st.one_of(paragraph, paragraph, paragraph, heading, list_item)
units = st.lists(unit, min_size=0, max_size=14)


@st.composite
def edited(draw: st.DrawFn, base: list[str]) -> list[str]:
    """A later version: deletions, insertions, rewordings, moves, splits and merges."""
    out = list(base)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(("delete", "insert", "reword", "move", "split", "merge", "number")))
        if action == "insert" or not out:
            out.insert(draw(st.integers(0, len(out))), draw(unit))
            continue
        i = draw(st.integers(0, len(out) - 1))
        if action == "delete":
            del out[i]
        elif action == "reword":
            ws = out[i].split()
            ws[draw(st.integers(0, len(ws) - 1))] = draw(st.sampled_from(VOCABULARY))
            out[i] = " ".join(ws)
        elif action == "move":
            out.insert(draw(st.integers(0, len(out) - 1)), out.pop(i))
        elif action == "split" and ". " in out[i]:
            first, rest = out[i].split(". ", 1)
            out[i:i + 1] = [first + ".", rest]
        elif action == "merge" and i + 1 < len(out):
            out[i:i + 2] = [out[i] + " " + out[i + 1]]
        elif action == "number":
            out[i] = out[i].replace("nine", "eight").replace("63", "70")
    return out


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


layouts = st.sampled_from(("one-per-line", "blank-separated", "hard-wrapped", "crlf", "messy"))


def render(parts: list[str], layout: str, rng: random.Random) -> str:
    """The same passages written the ways real documents write them."""
    if layout == "one-per-line":
        return "\n".join(parts) + "\n"
    if layout == "blank-separated":
        return "\n\n".join(parts)
    if layout == "hard-wrapped":
        return "\n\n".join(_wrap(p, 60) for p in parts) + "\n"
    if layout == "crlf":
        return "\r\n\r\n".join(parts) + "\r\n"
    # messy: stray blank lines, trailing spaces, tabs, indentation
    out = []
    for part in parts:
        out.append(" " * rng.choice((0, 0, 2)) + part + rng.choice(("", "  ", "\t")))
        out.append("\n" * rng.choice((1, 2, 3)))
    return "".join(out)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_alignment(alignment: Alignment) -> None:
    blocks = alignment.blocks
    left_doc, right_doc = alignment.left, alignment.right

    # Every non-blank line of each document is inside some block's passages on its side.
    for side, doc in (("left", left_doc), ("right", right_doc)):
        covered: set[int] = set()
        for block in blocks:
            for passage in getattr(block, side):
                covered.update(range(passage.start_line, passage.end_line + 1))
                assert doc.text[passage.start_offset:passage.end_offset] == passage.text
        for number, line in enumerate(_lines(doc.text), start=1):
            if line.strip():
                assert number in covered, f"{side} line {number} {line!r} is in no block"

    # Every passage appears exactly once.
    left_seen = [p.index for b in blocks for p in b.left]
    right_seen = [p.index for b in blocks for p in b.right]
    assert sorted(left_seen) == list(range(len(alignment.left_units)))
    assert sorted(right_seen) == list(range(len(alignment.right_units)))

    # Left side in reading order; right side too, except the blocks marked moved.
    assert left_seen == sorted(left_seen)
    right_in_flow = [p.index for b in blocks if not b.moved for p in b.right]
    assert right_in_flow == sorted(right_in_flow)
    for block in blocks:
        for side in (block.left, block.right):
            assert [p.index for p in side] == list(range(side[0].index, side[0].index + len(side))) \
                if side else True  # a block's passages on one side are consecutive

    # Kinds agree with the text; nothing identical is left unpaired on both sides.
    normalize = alignment.options.normalize
    for block in blocks:
        left_key = " ".join(equality_key(p.text, normalize) for p in block.left)
        right_key = " ".join(equality_key(p.text, normalize) for p in block.right)
        if block.kind is BlockKind.EQUAL:
            assert left_key == right_key
        elif block.kind is BlockKind.CHANGED:
            assert left_key != right_key
            assert block.score is not None and 0.0 <= block.score <= 1.0
        else:
            assert bool(block.left) != bool(block.right)
    left_alone = {equality_key(p.text, normalize) for b in blocks if b.kind is BlockKind.LEFT_ONLY
                  for p in b.left}
    right_alone = {equality_key(p.text, normalize) for b in blocks if b.kind is BlockKind.RIGHT_ONLY
                   for p in b.right}
    # (Except text without a letter — a lone number, a code fence, markup — which does not pair
    # far from its place: equal is not evidence of a move there.)
    unpaired = {key for key in left_alone & right_alone if any(c.isalpha() for c in key)}
    assert not unpaired, f"identical passages left unpaired: {unpaired}"

    # Word differences stay inside their texts and in order.
    for block in blocks:
        if block.kind is BlockKind.CHANGED:
            left_text = " ".join(p.text for p in block.left)
            right_text = " ".join(p.text for p in block.right)
            previous = (0, 0)
            for op in diff_words(left_text, right_text, normalize):
                assert 0 <= op.left_start <= op.left_end <= len(left_text)
                assert 0 <= op.right_start <= op.right_end <= len(right_text)
                assert (op.left_start, op.right_start) >= previous
                previous = (op.left_end, op.right_end)

    stats = compute_stats(alignment)
    assert stats.differences == sum(b.is_difference for b in blocks)
    assert alignment.identical == (stats.differences == 0)


options_strategy = st.builds(
    AlignOptions,
    unit=st.sampled_from(("paragraph", "sentence")),
    threshold=st.sampled_from((0.3, 0.5, 0.8, 1.0)),
    normalize=st.booleans(),
)


@FUZZ
@given(data=st.data(), base=units, options=options_strategy, left_layout=layouts, right_layout=layouts)
def test_random_edits(data: st.DataObject, base: list[str], options: AlignOptions, left_layout: str,
                      right_layout: str) -> None:
    later = data.draw(edited(base))
    rng = random.Random(data.draw(st.integers(0, 2**16)))
    left = make_document("left", render(base, left_layout, rng))
    right = make_document("right", render(later, right_layout, rng))
    alignment = compare_documents(left, right, options)
    check_alignment(alignment)
    # Deterministic: the same input gives the same blocks, words and figures.
    again = compare_documents(make_document("left", left.text), make_document("right", right.text), options)
    assert alignment_to_dict(again) == alignment_to_dict(alignment)


@FUZZ
@given(base=units, layout=layouts, options=options_strategy)
def test_a_document_against_itself_is_identical(base: list[str], layout: str, options: AlignOptions) -> None:
    text = render(base, layout, random.Random(0))
    alignment = compare_documents(make_document("a", text), make_document("b", text), options)
    check_alignment(alignment)
    assert alignment.identical
    assert all(b.kind is BlockKind.EQUAL and not b.moved for b in alignment.blocks)


any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(" \n\n\t.-*#1)"),
    max_size=400,
)


@FUZZ
@given(left=any_text, right=any_text, options=options_strategy)
def test_arbitrary_unicode_never_breaks_the_engine(left: str, right: str, options: AlignOptions) -> None:
    """Control characters, combining marks, lone line separators, anything: still a full view."""
    alignment = compare_documents(make_document("l", left), make_document("r", right), options)
    check_alignment(alignment)
    json.dumps(alignment_to_dict(alignment), ensure_ascii=False)


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Python randomises str hashes per process: set or dict order must never leak into results."""
    rng = random.Random(7)
    base = [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 25))) for _ in range(60)]
    later = list(base)
    for _ in range(25):
        i = rng.randrange(len(later))
        later.insert(rng.randrange(len(later)), later.pop(i))
        later[rng.randrange(len(later))] += " " + rng.choice(VOCABULARY)
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("\n\n".join(base))
    right.write_text("\n\n".join(later))
    outputs = []
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-m", "tui", "--json", str(left), str(right)],
            capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=False,
        )
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_checks_catch_a_lost_or_reordered_passage() -> None:
    """The properties above are not vacuous: a view missing a passage or out of order fails them."""
    left = make_document("l", "Alpha river stone.\n\nBeta nine members.\n\nGamma the plan.\n")
    right = make_document("r", "Alpha river stone.\n\nBeta eight members.\n\nGamma the plan.\n")
    alignment = compare_documents(left, right)
    check_alignment(alignment)
    with pytest.raises(AssertionError, match="in no block"):
        check_alignment(dataclasses.replace(alignment, blocks=alignment.blocks[:-1]))
    with pytest.raises(AssertionError):
        check_alignment(dataclasses.replace(alignment, blocks=alignment.blocks[::-1]))
