"""Cited links merged or split in place: a list of links that became one sentence citing them
pairs with it (and back), between unchanged paragraphs — and what must not pair: a sentence that
shares a topic with a nearby list, one item citing one link, a name that several links share,
bracketed words that are no links."""

from __future__ import annotations

from pathlib import Path

from tui.engine.citations import link_names
from tui.engine.compare import compare_documents, compare_files
from tui.engine.model import Alignment, AlignOptions, Block, BlockKind
from tui.engine.reading import make_document

BEFORE = (
    "# Release notes\n\n"
    "The scheduler now runs jobs in the order they were submitted, and a failed job is retried "
    "twice before it is reported to its owner.\n\n"
    "## Where to read more\n\n"
)
AFTER = (
    "\n\n## Thanks\n\nMany people tested the release candidates and reported problems before the "
    "release.\n"
)
ITEMS = [
    "- For the design, see [RFC 41](https://example.org/rfcs/41).",
    "- For measurements, see [issue 977](https://example.org/issues/977).",
    "- For migrating, see [upgrading](https://example.org/upgrade).",
]
# The three links cited by the names the items gave them (as the label of a reference, or as
# the text of an inline link), in words of its own.
CITING = (
    "You can read [the proposal][RFC 41] and [the numbers that motivated it][issue 977]. Moving "
    "older setups is covered under [upgrading](https://example.org/upgrade)."
)
# The same with the last link written as a bracketed word, which is no link.
CITING_TWO = (
    "You can read [the proposal][RFC 41] and [the numbers that motivated it][issue 977]. Moving "
    "older setups is covered under [upgrading]."
)


def _align(left: str, right: str, **options) -> Alignment:
    return compare_documents(
        make_document("left.md", left), make_document("right.md", right), AlignOptions(**options)
    )


def _paired(alignment: Alignment) -> list[Block]:
    """The blocks with passages on both sides that are not equal."""
    return [b for b in alignment.blocks if b.left and b.right and b.kind is not BlockKind.EQUAL]


def test_a_list_of_links_rewritten_as_one_sentence_citing_them_pairs_with_it() -> None:
    alignment = _align(BEFORE + "\n".join(ITEMS) + AFTER, BEFORE + CITING + AFTER)
    (block,) = _paired(alignment)
    assert [p.text for p in block.left] == ITEMS
    assert [p.text for p in block.right] == [CITING]
    assert block.score < 0.5  # far below the threshold: paired by the citations in place
    assert not block.moved


def test_a_sentence_citing_links_split_into_a_list_pairs_with_the_items() -> None:
    alignment = _align(BEFORE + CITING + AFTER, BEFORE + "\n".join(ITEMS) + AFTER)
    (block,) = _paired(alignment)
    assert [p.text for p in block.left] == [CITING]
    assert [p.text for p in block.right] == ITEMS


def test_the_items_pair_only_with_those_whose_links_the_sentence_cites() -> None:
    # The sentence cites the first two items' links (the third one's only by a bracketed name,
    # which is no link): the third item stays one-sided.
    alignment = _align(BEFORE + "\n".join(ITEMS) + AFTER, BEFORE + CITING_TWO + AFTER)
    (block,) = _paired(alignment)
    assert [p.text for p in block.left] == ITEMS[:2]
    assert any(b.kind is BlockKind.LEFT_ONLY and b.left[0].text == ITEMS[2] for b in alignment.blocks)


def test_a_sentence_sharing_only_a_topic_with_a_nearby_list_stays_apart() -> None:
    # It cites a link too, but not one of theirs.
    topical = (
        "The design and its measurements are summarised in [the manual](https://example.org/manual), "
        "with advice on migrating."
    )
    alignment = _align(BEFORE + "\n".join(ITEMS) + AFTER, BEFORE + topical + AFTER)
    assert _paired(alignment) == []


def test_one_item_citing_one_link_of_a_sentence_is_not_a_merge() -> None:
    one_link = "You can read [the proposal][RFC 41], which has its history."
    items = [ITEMS[0], "- Jobs are now retried twice.", "- Old job files still work."]
    alignment = _align(BEFORE + "\n".join(items) + AFTER, BEFORE + one_link + AFTER)
    assert _paired(alignment) == []


def test_a_name_that_several_links_share_is_no_evidence() -> None:
    items = [
        "- For the design, see [here](https://example.org/rfcs/41).",
        "- For measurements, see [here](https://example.org/issues/977).",
    ]
    citing = "You can read all that was written about it [here](https://example.org/all)."
    alignment = _align(BEFORE + "\n".join(items) + AFTER, BEFORE + citing + AFTER)
    assert _paired(alignment) == []


def test_bracketed_numbers_are_no_citations() -> None:
    references = ["- For the design, see [1].", "- For measurements, see [2]."]
    citing = "You can read the proposal [1] and the numbers that motivated it [2]."
    alignment = _align(BEFORE + "\n".join(references) + AFTER, BEFORE + citing + AFTER)
    assert _paired(alignment) == []


def test_a_stricter_threshold_does_not_pair_citations() -> None:
    alignment = _align(BEFORE + "\n".join(ITEMS) + AFTER, BEFORE + CITING + AFTER, threshold=0.6)
    assert _paired(alignment) == []


def test_the_docs_rs_posts_learn_more_items_pair_with_the_sentence_citing_them() -> None:
    texts = Path(__file__).parents[2] / "tui/evaluation/data/texts/rust-blog-docsrs-targets"
    alignment = compare_files(str(texts / "draft-2020-03-15.md"), str(texts / "published-2020-03-17.md"))
    merged = [b for b in alignment.blocks if len(b.left) > 1]
    assert [([p.start_line for p in b.left], [p.start_line for p in b.right]) for b in merged] == [
        ([65, 66, 67], [65])
    ]
    # The first item became the section's last paragraph: the merge crosses it, shown as moved.
    assert merged[0].moved
    # The link definitions that the sentence's references use are new text all the same.
    definitions = [b for b in alignment.blocks if b.right and b.right[0].start_line in (74, 75, 76)]
    assert [b.kind for b in definitions] == [BlockKind.RIGHT_ONLY] * 3


def test_link_names_are_the_texts_and_labels_of_links() -> None:
    text = (
        "See [RFC 41](https://example.org/rfcs/41 \"RFC\"), [the  Benchmark thread][Issue 977], "
        "[the guide][], `m[i][j]` and [sic]."
    )
    assert link_names(text) == {"rfc 41", "the benchmark thread", "issue 977", "the guide"}
    assert link_names("[docs.rs#632]: https://github.com/rust-lang/docs.rs/pull/632") == set()
