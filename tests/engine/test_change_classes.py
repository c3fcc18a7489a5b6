"""Change classes on real sentences: what a reviewer must see flagged, and — as much — what must
not be flagged (a number rewritten in another style, one that merely moved within the pair)."""

from __future__ import annotations

import pytest

from tui.engine.classes import ChangeClass, PairClassifier, in_order, passage_classes
from tui.engine.worddiff import diff_words


def pair_classes(left: str, right: str, normalize: bool = True) -> set[str]:
    """The classes of every changed run of the pair, together (a block's classes)."""
    classifier = PairClassifier(left, right, normalize)
    return {
        str(cls)
        for op in diff_words(left, right, normalize)
        if op.tag != "equal" or op.typographic
        for cls in classifier.classes(op)
    }


# Seeds and corpus sentences first, then the forms the issue lists.
FLAGGED = [
    # the seeds: the death toll revised
    (
        "It comes after at least nine people were killed in a massive Russian missile and drone attack on "
        "Kyiv overnight, which also injured 70 people including six children.",
        "Meanwhile, at least eight people were killed in a massive Russian missile and drone attack on "
        "Kyiv overnight, which also injured 70 people including six children.",
        "number",
    ),
    ("Around 10 people were still missing.", "Around 12 people were still missing.", "number"),
    ("Russia launched 215 drones.", "Russia launched two hundred drones.", "number"),
    ("See section 3.2 of the report.", "See section 3.4 of the report.", "number"),
    # dates in several styles
    ("The meeting is on 22 May 2017.", "The meeting is on 23 May 2017.", "date"),
    ("The meeting is on May 22, 2017.", "The meeting is on 2017-05-23.", "date"),
    ("Mr Trump said on Truth Social on Wednesday.", "Mr Trump said on Truth Social on Thursday.", "date"),
    ("The talks in London yesterday were not easy.", "The talks in London today were not easy.", "date"),
    ("It was absorbed into the Russian Empire in 1783.", "It was absorbed into the Empire in 1784.", "date"),
    ("The sirens sounded at 10:00 am.", "The sirens sounded at 11am.", "date"),
    # money and percentages, symbols and codes
    ("The fee is $5 million.", "The fee is $6 million.", "money"),
    ("The fee is €300.", "The fee is £300.", "money"),
    ("Aid worth USD 300m was pledged.", "Aid worth USD 350m was pledged.", "money"),
    ("Inflation rose 5 per cent.", "Inflation rose 6%.", "money"),
    ("The rate rose 2 percentage points.", "The rate rose 2%.", "money"),
    # modal and obligation words
    ("The tenant shall pay the rent monthly.", "The tenant may pay the rent monthly.", "modal"),
    ("The licensee must keep a copy.", "The licensee should keep a copy.", "modal"),
    ("Russia will ensure its interests are heard.", "Russia can ensure its interests are heard.", "modal"),
    # negation, words and prefixes
    ("The tenant shall pay the rent.", "The tenant shall not pay the rent.", "negation"),
    ("He has never been serious about peace.", "He has been serious about peace.", "negation"),
    ("You may sell it without a permit.", "You may sell it with a permit.", "negation"),
    ("There is no risk to the public.", "There is a risk to the public.", "negation"),
    ("I can go to the meeting.", "I can't go to the meeting.", "negation"),
    ("The annexation was lawful.", "The annexation was unlawful.", "negation"),
    ("A ceasefire is possible.", "A ceasefire is impossible.", "negation"),
    ("The supplier is compliant.", "The supplier is non-compliant.", "negation"),
    # quotations and speakers
    ("“We are absolutely open,” Zelensky said.", "“We are absolutely closed,” Zelensky said.", "quote"),
    ("\"There's nothing to hide,\" Zelensky said.", "\"There's nothing to hide,\" Peskov said.", "quote"),
    ("Mr Peskov said the talks had failed.", "Mr Lavrov said the talks had failed.", "quote"),
    # names
    ("The Bank of England raised rates.", "The Federal Reserve raised rates.", "entity"),
    ("The talks were held with Mr Shoigu present.", "The talks were held with Mr Vance present.", "entity"),
    # form only
    ("It was “constructive”.", "It was \"constructive\".", "typographic"),
    ("The Kremlin would respond, he added.", "The Kremlin would respond; he added.", "punctuation"),
]


@pytest.mark.parametrize(("left", "right", "expected"), FLAGGED)
def test_a_change_of_its_class_is_flagged(left: str, right: str, expected: str) -> None:
    assert expected in pair_classes(left, right)


# Rewritten in another style, reordered, or an ordinary edit: nothing to flag.
NOT_FLAGGED = [
    ("At least nine people were killed.", "At least 9 people were killed."),
    ("It cost nine hundred pounds.", "It cost 900 pounds."),
    ("There were twenty-one seats.", "There were 21 seats."),
    ("A hundred people came.", "100 people came."),
    ("It cost $5m.", "It cost $5 million."),
    ("It cost $5,000,000.", "It cost US$5 million."),
    ("Inflation rose 5 per cent.", "Inflation rose 5%."),
    ("The meeting is on 22 May 2017.", "The meeting is on May 22, 2017."),
    ("The meeting is on 22 May 2017.", "The meeting is on 2017-05-22."),
    ("It was held on 5/22/17.", "It was held on 22/5/2017."),
    ("The sirens sounded at 10:00 am.", "The sirens sounded at 10am."),
    ("I don't know.", "I do not know."),
    ("I can't go.", "I cannot go."),
    # a number, a quantity that merely moved within the pair
    ("Six children and 70 adults were hurt.", "70 adults and six children were hurt."),
    ("Yesterday, the board met.", "The board met yesterday."),
    # ordinary rewording around the things of each class
    ("The tenant shall pay the rent.", "The tenant shall promptly pay the rent."),
    ("They will inform us.", "They will import us."),  # in-: not a negation of "form"
    ("Ms Zakharova accuse the president.", "Ms Zakharova accused the president."),
    ("The cat sat on the mat.", "The dog sat on the mat."),
    (
        "The Kremlin has echoed Donald Trump’s criticism of Ukrainian president Volodymyr Zelensky "
        "after he refused to cede Crimean territory to Russia.",
        "The Kremlin has echoed Donald Trump’s criticism of Ukrainian president Volodymyr Zelensky "
        "after he refused to cede the territory of Crimea to Russia.",
    ),
]


@pytest.mark.parametrize(("left", "right"), NOT_FLAGGED)
def test_a_change_of_style_or_order_is_not_flagged(left: str, right: str) -> None:
    meaning = pair_classes(left, right) - {"typographic", "punctuation"}
    assert not meaning


def test_typographic_counts_when_typography_is_not_normalised() -> None:
    classes = pair_classes("Crimea was lost years ago...", "Crimea was lost years ago…", normalize=False)
    assert classes == {"typographic"}


def test_one_sided_passages_carry_their_facts() -> None:
    removed = (
        "A large-scale Russian missile and drone attack hit Kyiv overnight, killing nine people and "
        "injuring another 63, including six children, Ukrainian authorities said Thursday."
    )
    assert {"number", "date"} <= set(passage_classes(removed))
    assert "money" in passage_classes("The aid package is worth $1.2bn.")
    assert passage_classes("Mr Zelensky did add that the London talks were “constructive”.") == (
        ChangeClass.QUOTE,
    )
    # names, modals and negations are in nearly every passage: they say nothing about this one
    assert passage_classes("The Ukrainian president did not attend the talks.") == ()


def test_classes_are_listed_most_significant_first() -> None:
    assert in_order([ChangeClass.PUNCTUATION, ChangeClass.DATE, ChangeClass.NUMBER]) == (
        ChangeClass.NUMBER,
        ChangeClass.DATE,
        ChangeClass.PUNCTUATION,
    )
