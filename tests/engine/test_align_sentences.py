"""Sentence level: a sentence that moved into another paragraph is found, in sentence mode (as a
block) and in paragraph mode (as a sentence link between two blocks, in the model and the JSON)."""

from __future__ import annotations

import json

from tui.engine.alignment_json import alignment_to_json
from tui.engine.compare import compare_files
from tui.engine.model import AlignOptions, BlockKind

from .helpers import PARAS, align_paragraphs

RUBBLE = "At least one person has been pulled alive from under the rubble"


def test_seeds_rubble_sentence_is_a_link_between_two_blocks(seed_paths) -> None:
    result = compare_files(str(seed_paths[0]), str(seed_paths[1]))
    links = [k for k in result.sentence_links if k.left.text.startswith(RUBBLE)]
    assert len(links) == 1
    link = links[0]
    assert link.right.text == RUBBLE + "."
    assert link.left.start_line == 8 and link.right.start_line == 5
    # The left sentence's paragraph (left 8) is one-sided; the right one's (right 5) is paired
    # with left 7, the casualty paragraph: two different blocks.
    left_block, right_block = result.blocks[link.left_block], result.blocks[link.right_block]
    assert link.left_block != link.right_block
    assert left_block.kind is BlockKind.LEFT_ONLY and left_block.left[0].start_line == 8
    assert right_block.kind is BlockKind.CHANGED and right_block.left[0].start_line == 7
    assert 0.6 <= link.score < 1.0


def test_json_reports_sentence_links_with_offsets_and_block_indices(seed_paths) -> None:
    result = compare_files(str(seed_paths[0]), str(seed_paths[1]))
    data = json.loads(alignment_to_json(result))
    links = data["sentence_links"]
    rubble = [k for k in links if k["left"]["text"].startswith(RUBBLE)]
    assert len(rubble) == 1
    link = rubble[0]
    assert set(link) == {"left", "right", "score", "left_block", "right_block"}
    left_text = result.left.text[link["left"]["start_offset"] : link["left"]["end_offset"]]
    assert left_text == link["left"]["text"]
    assert RUBBLE in data["blocks"][link["right_block"]]["right"]["text"]
    assert data["blocks"][link["left_block"]]["kind"] == "left_only"


def test_sentence_mode_pairs_the_moved_sentence_and_marks_the_split(seed_paths) -> None:
    result = compare_files(str(seed_paths[0]), str(seed_paths[1]), AlignOptions(unit="sentence"))
    rubble = [b for b in result.blocks if b.left and b.left[0].text.startswith(RUBBLE)]
    assert len(rubble) == 1 and rubble[0].right and rubble[0].right[0].text == RUBBLE + "."
    assert result.sentence_links == []  # in sentence mode the blocks themselves are sentences


def test_no_links_when_sentences_stay_in_their_block() -> None:
    edited = PARAS[0].replace("Tuesday", "Wednesday")
    result = align_paragraphs(PARAS[:4], [edited, *PARAS[1:4]])
    assert result.sentence_links == []


def test_sentence_moved_between_edited_paragraphs_is_linked() -> None:
    moved = "The contractor said the work would cost nearly three million pounds in total."
    left = [PARAS[0] + " " + moved, *PARAS[1:6]]
    right = [PARAS[0], *PARAS[1:5], PARAS[5] + " " + moved]
    result = align_paragraphs(left, right)
    assert [(k.left.text, k.right.text) for k in result.sentence_links] == [(moved, moved)]


def test_short_common_sentences_are_not_linked() -> None:
    left = [PARAS[0] + " Read more.", PARAS[1]]
    right = [PARAS[0], PARAS[1] + " Read more."]
    result = align_paragraphs(left, right)
    assert result.sentence_links == []
