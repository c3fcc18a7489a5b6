"""Large documents are aligned in a worker thread, in the app's process alone (a helper process
did not pay there: ARCHITECTURE.md, "The processes"). What the app shows must be exactly what
the engine computes."""

from __future__ import annotations

from tui.app.app import DiptychApp
from tui.app.runner import SYNC_ALIGN_LIMIT
from tui.engine.compare import compare_documents
from tui.engine.model import AlignOptions
from tui.engine.reading import make_document
from tui.evaluation.perturb import big_pair


def _link_facts(alignment) -> list[tuple[int, int, float, int, int]]:
    return [
        (link.left.start_offset, link.right.start_offset, link.score, link.left_block, link.right_block)
        for link in alignment.sentence_links
    ]


async def test_first_alignment_in_a_worker_is_the_one_process_alignment(seed_paths) -> None:
    # The seeds (a sentence moved between paragraphs) followed by enough generated text to be
    # aligned in a worker.
    left_text, right_text = big_pair(SYNC_ALIGN_LIMIT // 2 + 20_000)  # together above the limit
    seeds = [path.read_text(encoding="utf-8") for path in seed_paths]
    left = make_document("l.txt", seeds[0] + "\n\n" + left_text)
    right = make_document("r.txt", seeds[1] + "\n\n" + right_text)
    options = AlignOptions()
    app = DiptychApp(left, right, options)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.alignment
    assert shown is not None
    expected = compare_documents(left, right, options)
    assert shown.blocks == expected.blocks
    assert expected.sentence_links  # the generated pair has sentences moved between paragraphs
    assert _link_facts(shown) == _link_facts(expected)
