"""export_redline: the redline of a review session (what the app's export will call), with the
session's notes, named after the two documents, never over an input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.redline.views import SEEDS, critic_passages, critic_views
from tui.engine.compare import compare_files
from tui.redline import RedlineError, export_redline
from tui.review import ReviewStore


def test_a_session_exports_its_redline_with_its_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with ReviewStore.open(tmp_path / "review.sqlite3") as store:
        session = store.session(compare_files(str(SEEDS[0]), str(SEEDS[1])))
        session.set_note(session.differences[0], "First thing to check.")
        session.set_flagged(session.differences[1], True)
        path = export_redline(session, "markdown")
        assert path == tmp_path / f"{SEEDS[0].stem}--{SEEDS[1].stem}.redline.md"
        text = path.read_text(encoding="utf-8")
        assert "{>>Reviewer: First thing to check.<<}" in text
        assert "{>>Reviewer: ⚑ Flagged. (no note)<<}" in text
        alignment = session.alignment
        assert critic_views(text) == (critic_passages(alignment.right), critic_passages(alignment.left))
        assert export_redline(session, "docx").name.endswith(".redline.docx")
        with pytest.raises(RedlineError, match="unknown redline format 'pdf'"):
            export_redline(session, "pdf")
        with pytest.raises(RedlineError, match="refusing to overwrite an input"):
            export_redline(session, "html", tmp_path / "review.sqlite3")
