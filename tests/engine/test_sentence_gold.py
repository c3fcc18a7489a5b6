"""Sentence-level gold of hand-labelled cases: sentences found in hard-wrapped text, equal
sentences of linked paragraphs linked without entries, every other sentence of a linked paragraph
asked for, and a window that limits the sentence scoring as it limits the paragraph scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.evaluation.checks import problems
from tui.evaluation.gold import UnitCover, score_sentences
from tui.evaluation.labelled import Labelled, load
from tui.evaluation.sentence_gold import find_sentence, sentence_units

LEFT = """\
The next day opened a new scene. Mr. Collins made his
declaration in form. "May I hope, Madam?" he asked. Mrs.
Bennet answered at once.

A paragraph that stays as it was. It has two sentences.

A last paragraph, outside any window.
"""
RIGHT = (
    "The next day opened a new scene. Mr.\u00a0Collins made his declaration in form. "
    "“May I hope, Madam?” he asked. Mrs.\u00a0Bennet answered instantly.\n"
) + """
A paragraph that stays as it was. It has two sentences.

Something new at the end.
"""


# The changed sentence, linked (add a note).
BENNET = "[[sentence]]\nleft = 'Mrs. Bennet answered'\nright = 'Mrs.\u00a0Bennet answered'\n"
NOTE = "note = 'reworded end'\n"


def _case(tmp_path: Path, body: str, head: str = "") -> Labelled:
    (tmp_path / "a.txt").write_text(LEFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RIGHT, encoding="utf-8")
    path = tmp_path / "case.toml"
    path.write_text(
        f'left = "{tmp_path}/a.txt"\nright = "{tmp_path}/b.txt"\nunits = "blocks"\n{head}'
        "[[paragraph]]\nleft = 1\nright = 1\nnote = 'answered at once → instantly'\n"
        "[[paragraph]]\nleft = 5\nright = 3\n" + body,
        encoding="utf-8",
    )
    case = load(path)
    assert isinstance(case, Labelled)
    return case


def _sentence_texts(text: str) -> list[str]:
    units = [(0, text.index("\n\n"))]
    return [text[a:b] for a, b in sentence_units(text, units).spans]


def test_a_title_before_a_name_does_not_end_a_sentence_and_quotes_stay_with_theirs() -> None:
    assert _sentence_texts(LEFT) == [
        "The next day opened a new scene.",
        "Mr. Collins made his\ndeclaration in form.",
        '"May I hope, Madam?" he asked.',
        "Mrs.\nBennet answered at once.",
    ]
    assert _sentence_texts('He told Mrs. Bennet "Go." Then he went.\n\n') == [
        'He told Mrs. Bennet "Go."',
        "Then he went.",
    ]


def test_an_opening_is_found_across_a_line_break(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BENNET + NOTE,
    )
    assert case.sentences is not None
    assert (3, 3) in case.sentences.links.strong


def test_an_opening_is_whole_words() -> None:
    text = "XX\n\nXXI\n"
    cover = UnitCover(text, sentence_units(text, [(0, 2), (4, 7)]).spans)
    assert (find_sentence(text, cover, "XX"), find_sentence(text, cover, "XXI")) == (0, 1)


def test_equal_sentences_of_linked_paragraphs_are_linked_without_entries(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BENNET + NOTE,
    )
    assert case.sentences is not None
    # Typography, rewrapping and a no-break space are not changes; the paragraph that stayed gives
    # its two sentences.
    assert case.sentences.derived == {(0, 0), (1, 1), (2, 2), (4, 4), (5, 5)}
    assert problems(case) == []


def test_a_changed_sentence_of_a_linked_paragraph_needs_an_entry(tmp_path: Path) -> None:
    case = _case(tmp_path, "[[sentence_weak]]\nleft = 'The next day'\nright = 'The next day'\nnote = 'x'\n")
    assert problems(case) == [
        "left sentence at line 1 ('Mrs. Bennet answered at once.') lies in a linked unit: no entry",
        "right sentence at line 1 ('Mrs. Bennet answered instantly.') lies in a linked unit: no entry",
    ]


def test_a_sentence_judgement_needs_a_note(tmp_path: Path) -> None:
    case = _case(tmp_path, BENNET)
    assert problems(case) == [
        "sentence at left line 1 ('Mrs. Bennet answered at once.'), "
        "right line 1 ('Mrs. Bennet answered instantly.'): a judgement without a note"
    ]


def test_a_window_limits_the_sentences_scored(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BENNET + NOTE,
        head="left_window = [1, 5]\nright_window = [1, 3]\n",
    )
    gold = case.gold
    assert gold.sentence_windows == ({0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5})
    inside = [([gold.left_sentences[k]], [gold.right_sentences[k]]) for k in range(6)]
    # The last paragraph is outside the window: pairing it (or not) is not scored.
    last = ([gold.left_sentences[6]], [gold.right_sentences[6]])
    for groups in (inside, [*inside, last]):
        score = score_sentences(gold, groups)
        assert score is not None and (score.precision, score.recall) == (1.0, 1.0)
    wrong = ([gold.left_sentences[6]], [gold.right_sentences[0]])  # touches the window: scored
    score = score_sentences(gold, [*inside, wrong])
    assert score is not None and score.wrong == 1


@pytest.mark.parametrize("opening", ["a new scene. Mr. Collins", "no such words"])
def test_an_opening_must_name_one_sentence_once(tmp_path: Path, opening: str) -> None:
    with pytest.raises(ValueError, match="sentence opening"):
        _case(tmp_path, f"[[sentence]]\nleft = '{opening}'\nright = 'The next day'\nnote = 'x'\n")
