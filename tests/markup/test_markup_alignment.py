"""What structure changes for the alignment: a list item edited in place pairs with its
counterpart, and code-fence lines are part of their code block, not short units that pair with
any other fence in the document."""

from __future__ import annotations

from tui.engine.compare import compare_documents
from tui.engine.model import Alignment, AlignOptions, BlockKind
from tui.engine.reading import make_document

INTRO = "# Installing\n\nThe installer checks signatures before it unpacks anything.\n\n"
ITEMS = [
    "- Download the archive for your platform from the release page,\n  and keep the checksum file.",
    "- Run the installer as an ordinary user; it asks before it\n  writes outside your home directory.",
    "- Restart your shell so that the new commands are found.",
]


def _align(left: str, right: str, markup: bool = True) -> Alignment:
    return compare_documents(make_document("left.md", left), make_document("right.md", right),
                             AlignOptions(markup=markup))


def test_a_list_item_changed_in_place_pairs_with_its_counterpart() -> None:
    edited = [ITEMS[0], ITEMS[1].replace("ordinary user", "administrator"), ITEMS[2]]
    alignment = _align(INTRO + "\n".join(ITEMS) + "\n", INTRO + "\n".join(edited) + "\n")
    changed = [b for b in alignment.blocks if b.kind is not BlockKind.EQUAL]
    assert len(changed) == 1
    (block,) = changed
    assert [p.text for p in block.left] == [ITEMS[1]] and [p.text for p in block.right] == [edited[1]]
    assert not block.moved


def test_code_fences_belong_to_their_blocks_and_never_pair_across_the_document() -> None:
    left = (
        "Build the project first.\n\n```sh\nmake all\n```\n\n"
        "Then read the guide, which explains every option in detail.\n"
    )
    right = (
        "Then read the guide, which explains every option in detail.\n\n"
        "A new closing section describes the configuration file.\n\n```toml\n[server]\nport = 8080\n```\n"
    )
    fences = ("```", "```sh", "```toml")
    structured = _align(left, right)
    assert all(p.text not in fences for p in structured.left_units + structured.right_units)
    for block in structured.blocks:
        if block.left and block.right:
            assert not any("```" in p.text for p in block.left + block.right), block
    # Cut as plain text, the lone closing fences are units of their own (which the aligner's
    # refusal of tiny far moves keeps from pairing across the document).
    plain = _align(left, right, markup=False)
    assert "```" in [p.text for p in plain.left_units] and "```" in [p.text for p in plain.right_units]
