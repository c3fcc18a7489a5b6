"""One pair aligned and written as `diptych.alignment/1` JSON, the way `diptych --json` does it:
shared by the two-file command and by each step of a history (tui.engine.history_json), so
that a step prints exactly what the two-file command prints for the same pair."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType

from tui.engine.alignment_json import iter_alignment_json
from tui.engine.compare import align_documents
from tui.engine.helper_process import HelperProcess
from tui.engine.model import Alignment, AlignOptions, Document, Passage
from tui.engine.segment import segment


class AlignmentRun:
    """Aligns on creation; `json_pieces` then yields the JSON text; use it as a context manager
    (or call `close`) so that the helper process is ended whatever happens to the output.

    On large inputs a second process segments and prepares the right document while this one
    does the left, then the sentence links while this one aligns, and links them while this one
    writes the blocks (tui.engine.helper_process). `units`: the two documents' segmentation when
    it is known already (a history segments each version once).
    """

    def __init__(
        self,
        left: Document,
        right: Document,
        options: AlignOptions,
        units: tuple[list[Passage], list[Passage]] | None = None,
    ):
        self._helper = HelperProcess(left, right, units, options, segment_right=units is None)
        try:
            if units is None:
                left_units = segment(left, options.unit, options.markup)
                self._helper.send_left_units(left_units)
                right_units = self._helper.right_units(right)
                if right_units is None:  # no helper (small documents), or it failed
                    right_units = segment(right, options.unit, options.markup)
                units = (left_units, right_units)
            self.alignment: Alignment = align_documents(
                left, right, options, units, right_source=self._helper
            )
            self._helper.hand_over(self.alignment)
        except BaseException:
            self._helper.close()
            raise

    def json_pieces(self) -> Iterator[str]:
        """The JSON text in pieces (no final line end); afterwards the alignment holds its
        sentence links."""
        return iter_alignment_json(self.alignment, link_lines=self._helper.link_lines(self.alignment))

    def close(self) -> None:
        self._helper.close()

    def __enter__(self) -> AlignmentRun:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
