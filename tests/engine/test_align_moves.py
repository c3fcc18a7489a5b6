"""Moved passages: found wherever they went, edited or not, and marked as moved."""

from __future__ import annotations

from tui.engine.compare import compare_documents, compare_files
from tui.engine.model import AlignOptions, BlockKind
from tui.engine.reading import make_document

from .helpers import PARAS, align_paragraphs, block_with, shape


def test_far_move_is_paired_and_marked_moved() -> None:
    right = PARAS[1:] + PARAS[:1]  # the first paragraph became the last
    result = align_paragraphs(PARAS, right)
    moved = [b for b in result.blocks if b.moved]
    assert [shape(b) for b in moved] == [("equal", (0,), (9,), True)]
    # Everything else is equal and in order; nothing is one-sided.
    assert all(b.kind is BlockKind.EQUAL for b in result.blocks)
    assert len(result.blocks) == 10


def test_moved_and_edited_passage_is_found() -> None:
    edited = PARAS[7].replace("Police are asking", "Officers have appealed").replace("a van", "a white van")
    right = [PARAS[0], edited, *PARAS[1:7], *PARAS[8:]]
    result = align_paragraphs(PARAS, right)
    block = block_with(result, 7)
    assert block.kind is BlockKind.CHANGED and block.moved
    assert block.right[0].text == edited


def test_moved_block_sits_at_its_left_position() -> None:
    right = [*PARAS[:2], *PARAS[3:], PARAS[2]]
    result = align_paragraphs(PARAS, right)
    left_order = [b.left[0].index for b in result.blocks if b.left]
    assert left_order == sorted(left_order)  # blocks come in left reading order
    assert block_with(result, 2).moved


def test_difference_between_reordered_lines_is_not_invented() -> None:
    # A swap of two neighbours: one of them moved, the other is equal in place; no one-sided blocks.
    right = [PARAS[1], PARAS[0], *PARAS[2:]]
    result = align_paragraphs(PARAS, right)
    assert sum(b.moved for b in result.blocks) == 1
    assert not any(b.kind in (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY) for b in result.blocks)


QUOTE = "“Crimea was lost years ago and is not even a point of discussion,” the US president wrote."


def _sentence_blocks(left: list[str], right: list[str]) -> list[tuple[str, str, bool]]:
    result = compare_documents(
        make_document("left", "\n".join(left) + "\n"),
        make_document("right", "\n".join(right) + "\n"),
        AlignOptions(unit="sentence"),
    )
    return [(b.left[0].text[:20], b.right[0].text[:20], b.moved) for b in result.blocks if b.left and b.right]


def test_an_equal_passage_that_moved_is_the_move_not_the_edited_ones_around_it() -> None:
    # A news summary revised in place, and a quote brought from the end to the top: the only
    # equal sentence must not hold the order against the three edited ones around it.
    left = [
        "The Kremlin has echoed the US president’s criticism of Ukraine’s leader after he refused to"
        " cede it.",
        "Speaking to reporters, the US president claimed that Washington had a deal with Moscow,"
        " blaming Kyiv.",
        "It comes after at least nine people were killed in a massive Russian missile and drone"
        " attack on Kyiv.",
        QUOTE,
    ]
    right = [
        QUOTE,
        "The Kremlin has echoed the US president’s criticism of the Ukrainian leader after he"
        " refused to give it up.",
        "The US president also claimed that Washington had a deal with Moscow and accused Kyiv of"
        " the delay.",
        "Meanwhile, at least eight people were killed in a massive Russian missile and drone attack"
        " on Kyiv.",
    ]
    assert _sentence_blocks(left, right) == [
        ("The Kremlin has echo", "The Kremlin has echo", False),
        ("Speaking to reporter", "The US president als", False),
        ("It comes after at le", "Meanwhile, at least ", False),
        (QUOTE[:20], QUOTE[:20], True),
    ]


def test_seeds_in_sentence_mode_mark_the_quote_moved_and_the_summary_in_place(seed_paths) -> None:
    result = compare_files(str(seed_paths[0]), str(seed_paths[1]), AlignOptions(unit="sentence"))
    paired = [b for b in result.blocks if b.left and b.right]
    pairs = {(b.left[0].start_line, b.right[0].start_line): b.moved for b in paired}
    # The summary revised in place (left 5 → right 3; left 7 → right 5, nine → eight).
    assert pairs[5, 3] is False and pairs[7, 5] is False
    # The Crimea quote opens right 2; paired with left 12 (its exact copy, after the summary) it
    # moved, paired with left 4 (in the summary) it did not.
    quote = [(left, moved) for (left, right), moved in pairs.items() if right == 2]
    assert quote in ([(12, True)], [(4, False)])


# Passages of a terms-of-service text, for documents where short lines sit far apart.
TERMS = [
    "We may change these terms at any time. We will notify you of material changes by email at "
    "least thirty days before they take effect.",
    "You are responsible for keeping your password secure and for all activity on your account, "
    "whether or not you authorised it.",
    "We do not sell your personal data. We share it only with the processors listed on our site, "
    "each bound by a written agreement.",
    "Paid plans renew automatically each month until you cancel them from the billing page of "
    "your account settings.",
    "If you break these terms we may suspend or close your account, after telling you why, "
    "unless the law forbids us to.",
    "These terms are governed by the laws of the State of California, without regard to its "
    "conflict of law provisions.",
]


def test_a_short_heading_does_not_pair_far_away_by_a_shared_word() -> None:
    # GitHub's terms 2017 → 2020: "#### 2. GitHub Repositories" (advertising rules) and, far
    # from it, "#### 2. Confidentiality of Private Repositories" share a number and one word.
    left = ["#### 2. GitHub Repositories", *TERMS]
    right = [*TERMS, "#### 2. Confidentiality of Private Repositories"]
    result = align_paragraphs(left, right)
    assert block_with(result, 0).kind is BlockKind.LEFT_ONLY


def test_a_title_does_not_pair_with_a_far_clause_by_the_documents_name() -> None:
    # GPL-2 → GPL-3: the heading "GNU GENERAL PUBLIC LICENSE" and GPL-3's clause "13. Use with
    # the GNU Affero General Public License." share four words — the licence's name, which
    # half the document repeats.
    named = [
        f"{text[:-1]} under the GNU General Public License." for text in TERMS
    ]
    left = ["GNU GENERAL PUBLIC LICENSE", *named]
    right = [*named, "13. Use with the GNU Affero General Public License."]
    result = align_paragraphs(left, right)
    assert block_with(result, 0).kind is BlockKind.LEFT_ONLY


def test_code_fences_and_lone_numbers_do_not_pair_far_away() -> None:
    left = ["~~~", "42", *TERMS]
    right = [*TERMS, "42", "~~~"]
    result = align_paragraphs(left, right)
    assert [block_with(result, k).kind for k in (0, 1)] == [BlockKind.LEFT_ONLY] * 2
    assert not any(b.moved for b in result.blocks)


def test_a_heading_moved_with_its_section_is_still_a_move() -> None:
    # GitHub's privacy statement 2017 → 2018: "### Resolving Complaints" moved with its text.
    section = ["### Resolving Complaints", TERMS[4]]
    left = [*section, *TERMS[:4], TERMS[5]]
    right = [*TERMS[:4], TERMS[5], "### Resolving complaints", TERMS[4]]
    result = align_paragraphs(left, right)
    assert [shape(block_with(result, k))[2:] for k in (0, 1)] == [((5,), True), ((6,), True)]


def test_a_link_definition_does_not_pair_with_a_list_item_by_its_address_alone() -> None:
    """The docs.rs post: a list item citing an issue inline became a sentence citing it by
    reference, with the address in a link definition at the end. The list item and the
    definition share only the address (and its label): they are not counterparts."""
    address = "https://github.com/rust-lang/docs.rs/issues/563#issuecomment-573321498"
    intro = "## How can I learn more?\n\n"
    left = make_document(
        "draft.md",
        intro + f"- For future changes that this enables, see [docs.rs#563]({address}).\n",
    )
    right = make_document(
        "published.md",
        intro + "Details on building other targets are available [in the issue][docs.rs#563].\n\n"
        f"[docs.rs#563]: {address}\n",
    )
    result = compare_documents(left, right)
    definition = next(b for b in result.blocks if any(p.text.startswith("[docs.rs#563]:") for p in b.right))
    assert definition.kind is BlockKind.RIGHT_ONLY


def test_a_link_definition_still_pairs_with_the_same_definition_revised() -> None:
    intro = "## Links\n\nThe release notes list every change in this version.\n\n"
    left = make_document("a.md", intro + "[notes]: https://example.org/releases/1.2-notes.html\n")
    right = make_document("b.md", intro + "[notes]: https://example.org/releases/1.3-notes.html\n")
    (changed,) = [b for b in compare_documents(left, right).blocks if b.kind is not BlockKind.EQUAL]
    assert changed.kind is BlockKind.CHANGED


def _release_notes(html_line: str, moved_first: bool) -> str:
    """A small Markdown post whose "Thanks" section moves up in its published version."""
    targets = (
        "## Build targets\n\n"
        f"{html_line}\n\n"
        "The new builder runs in a fresh container for every crate, so a failed build no longer "
        "affects the next one.\n\n"
        "Crates that need network access during the build should vendor their dependencies.\n\n"
    )
    thanks = (
        "## Thanks\n\nWe thank everyone who tested the new builder during the beta and reported problems.\n\n"
    )
    return "# Release notes\n\n" + (thanks + targets if moved_first else targets + thanks)


def test_a_move_is_not_earned_by_an_address_and_html_tags_alone() -> None:
    """Two HTML links far apart that share their tag, attribute and address ("a", "href", the
    URL) but not a word of their visible text are not one passage moved."""
    address = "https://github.com/rust-lang/docs.rs/pull/1234"
    left = make_document("draft.md", _release_notes(f'<a href="{address}">Pull request</a>', False))
    right_text = _release_notes("", True).replace(
        "problems.\n\n", f'problems.\n\n<a href="{address}">Source code</a>\n\n', 1
    )
    result = compare_documents(left, make_document("published.md", right_text))
    links = [b for b in result.blocks if any("href" in p.text for p in [*b.left, *b.right])]
    assert sorted(b.kind.name for b in links) == ["LEFT_ONLY", "RIGHT_ONLY"]


def test_a_link_whose_visible_text_moved_with_it_is_still_a_move() -> None:
    """The same link item, its words kept and its address changed, moved to the end: its
    visible words earn the move."""
    item = "- Read the [builder's design notes]({}) before changing the container image."
    left = make_document("draft.md", _release_notes(item.format("https://example.org/v1/builder"), False))
    right_text = _release_notes("", False) + item.format("https://example.org/v2/builder") + "\n"
    result = compare_documents(left, make_document("published.md", right_text))
    (block,) = [b for b in result.blocks if any("design notes" in p.text for p in b.left)]
    assert block.kind is BlockKind.CHANGED and block.moved
