"""The change log's "Changed numbers" come from the change classes (number, money, date), as
`--json` writes them: numbers in words, amounts and dates are listed; a date or a number that only
changed its style, and a code that merely has digits, are not."""

from __future__ import annotations

from tui.engine.compare import compare_documents
from tui.engine.model import Alignment
from tui.engine.reading import make_document
from tui.review.changelog_model import changed_quantities, section_of
from tui.review.report_model import Item, build_report

CONTEXT = "The regional council met again this week to discuss the reconstruction of the old harbour."


def difference(old: str, new: str) -> tuple[Item, Alignment]:
    """The one difference between two versions that share a first paragraph and differ in `old` → `new`."""
    left = make_document("v1.txt", f"{CONTEXT}\n\n{old}\n" if old else f"{CONTEXT}\n")
    right = make_document("v2.txt", f"{CONTEXT}\n\n{new}\n" if new else f"{CONTEXT}\n")
    alignment = compare_documents(left, right)
    [item] = build_report(alignment).items
    return item, alignment


def listed(old: str, new: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    item, alignment = difference(old, new)
    return section_of(item), changed_quantities(item, alignment)


def test_a_number_in_words_is_a_changed_number() -> None:
    sentence = "It comes after at least {} people were killed in a massive Russian missile and drone attack."
    assert listed(sentence.format("nine"), sentence.format("eight")) == ("numbers", (("nine", "eight"),))


def test_an_amount_and_a_date_without_digits_are_changed_numbers() -> None:
    assert listed(
        "The council approved a budget of $5 million for the harbour works after a long debate.",
        "The council approved a budget of $6 million for the harbour works after a long debate.",
    ) == ("numbers", (("5", "6"),))
    assert listed(
        "The harbour works will start on Tuesday, once the last fishing boats have been moved out.",
        "The harbour works will start on Wednesday, once the last fishing boats have been moved out.",
    ) == ("numbers", (("Tuesday", "Wednesday"),))


def test_a_date_written_another_way_is_no_changed_number() -> None:
    section, numbers = listed(
        "The contract for the harbour works was signed on 22 May 2017 by the mayor and the contractor.",
        "The contract for the harbour works was signed on May 22, 2017 by the mayor and the contractor.",
    )
    assert (section, numbers) == ("changed", ())


def test_a_long_run_is_named_by_its_numbers_amounts_and_dates() -> None:
    section, numbers = listed(
        "Engineers said the pier would reopen soon.",
        "Engineers said the pier would reopen soon. About 1,200 people signed a petition on Friday asking "
        "for a new ferry, which would cost €3 million.",
    )
    assert section == "numbers"
    assert numbers == (("", "1,200, Friday, €3 million"),)


def test_a_removed_passage_lists_its_numbers_but_not_a_models_name() -> None:
    assert listed(
        "Officials said the attack used KN-23 missiles and dozens of drones, and that nine people died.", "",
    ) == ("numbers", (("dozens", ""), ("nine", "")))
    assert listed("The KN-23 is a North Korean short-range ballistic missile design.", "") == ("removed", ())
