"""The one way the program aligns a pair, with a second process where that pays (the rule and
its figures: tui.engine.helper_process, ARCHITECTURE.md "The processes"): `diptych --json` and
each step of a history (tui.engine.history_json) write its JSON, the app
(tui.app.runner.align_for_app) shows its alignment. One entry point, so that the sentence
links, the helper's hand-over and its clean-up are written once and every caller gets exactly
what one process would compute."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType

from tui.engine.alignment_json import block_lines, iter_alignment_json, link_json
from tui.engine.compare import align_documents
from tui.engine.helper_process import HelperProcess
from tui.engine.model import Alignment, AlignOptions, Document, Passage, SentenceLink
from tui.engine.segment import segment


class AlignmentRun:
    """Aligns on creation; then `sentence_links` (the app) or `json_pieces` (the JSON writers)
    finishes the work. Use it as a context manager (or call `close`) so that the helper process
    is ended whatever happens to the output.

    With a helper, a second process segments and prepares the right document while this one does
    the left, then the sentence links while this one aligns, and links them while this one writes
    the blocks. `units`: the two documents' segmentation when it is known already (a history
    segments each version once). `fork` False: never a helper (the app).
    """

    def __init__(
        self,
        left: Document,
        right: Document,
        options: AlignOptions,
        units: tuple[list[Passage], list[Passage]] | None = None,
        fork: bool = True,
    ):
        self._helper = helper = HelperProcess(left, right, units, options, fork=fork)
        try:
            if units is None:
                left_units = segment(left, options.unit, options.markup)
                helper.send_left_units(left_units)
                right_units = helper.right_units(right)
                if right_units is None:  # no helper (or it failed): segmented here then
                    right_units = segment(right, options.unit, options.markup)
                units = (left_units, right_units)
            self.alignment: Alignment = align_documents(left, right, options, units, right_source=helper)
            helper.hand_over(self.alignment)
        except BaseException:
            helper.close()
            raise

    def sentence_links(self) -> list[SentenceLink]:
        """The sentence links (the helper's, or found here), also set on the alignment."""
        return self._helper.links(self.alignment)

    def json_pieces(self) -> Iterator[str]:
        """The JSON text in pieces (no final line end); afterwards the alignment holds its
        sentence links. Without a helper, the links are found here while a child of
        `block_lines` (if the blocks are worth one) writes blocks."""
        alignment, helper = self.alignment, self._helper
        if helper.running:
            return iter_alignment_json(alignment, link_lines=helper.link_lines(alignment))
        found: list[list[SentenceLink]] = []

        def find_links() -> None:
            found.append(helper.links(alignment))

        def link_lines() -> Iterator[str]:
            for link in found[0] if found else helper.links(alignment):
                yield link_json(link, alignment.left, alignment.right)

        return iter_alignment_json(
            alignment, blocks=block_lines(alignment, meanwhile=find_links), link_lines=link_lines()
        )

    def close(self) -> None:
        self._helper.close()

    def __enter__(self) -> AlignmentRun:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
