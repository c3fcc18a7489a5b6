"""Pilot tests of the review keys: r reviewed, R reviewed-and-next, x flag, c note, u/U unreviewed,
e export; marks kept across two runs of the app on the same review file, and carried over to a
newer version of a document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_documents import seed_documents

from tui.app.app import DiptychApp
from tui.app.note import NoteScreen
from tui.engine.model import AlignOptions, Document
from tui.engine.reading import make_document
from tui.review import ReviewStore


def status(app: DiptychApp) -> str:
    return str(app.query_one("#status").render())


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


def first_row(app: DiptychApp, block: int) -> str:
    layout = app.view.diff_layout
    assert layout is not None
    rows = layout.block_rows(block)
    assert rows is not None
    return "".join(text for text, _ in layout.row(rows[0]).frags)


def gutter(app: DiptychApp, block: int) -> str:
    """The three gutter cells between the panes on the block's first row (side by side)."""
    layout = app.view.diff_layout
    assert layout is not None and not layout.stacked
    geo = layout.geometry
    start = 1 + geo.number_width + 1 + geo.left_text
    return first_row(app, block)[start:start + 3]


def current_stop(app: DiptychApp):
    assert app.current is not None
    return app.stops[app.current]


async def test_r_marks_reviewed_in_gutter_and_status_and_r_again_undoes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        total = app.review.counts().total
        assert f"reviewed 0/{total}, flagged 0" in status(app)
        await pilot.press("n", "r")
        stop = current_stop(app)
        assert f"reviewed {stop.count}/{total}" in status(app)
        for block in range(stop.first, stop.last + 1):
            assert gutter(app, block).startswith("✓"), gutter(app, block)
        await pilot.press("r")
        assert f"reviewed 0/{total}" in status(app)
        assert not gutter(app, stop.first).startswith("✓")


async def test_x_flags_and_the_status_says_so_in_words(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "x")
        stop = current_stop(app)
        assert gutter(app, stop.first).endswith("!")
        assert "flagged 1" in status(app) or f"flagged {stop.count}" in status(app)
        assert "not reviewed, flagged" in status(app)
        await pilot.press("x")
        assert gutter(app, stop.first).endswith(" ") or gutter(app, stop.first)[2] != "!"
        assert "flagged 0" in status(app)


async def test_r_without_a_selection_marks_the_first_difference_on_screen(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.current is None
        await pilot.press("r")
        assert app.current == 0
        assert app.review.state(app.stops[0].first).reviewed


async def test_u_jumps_over_reviewed_differences_and_U_goes_back(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "r")  # stop 1 reviewed
        await pilot.press("p", "r")  # stop 0 reviewed
        assert app.current == 0
        await pilot.press("u")
        assert app.current == 2, "u must skip the reviewed stop 1"
        assert "Wrapped" not in hints(app)
        await pilot.press("U")
        assert app.current == len(app.stops) - 1, "U wraps past the reviewed stops 0 and 1"
        assert "Wrapped around to the last unreviewed difference." in hints(app)  # not silently
        await pilot.press("u")
        assert app.current == 2
        assert "Wrapped around to the first unreviewed difference." in hints(app)


async def test_R_marks_reviewed_and_moves_to_the_next_unreviewed(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "r", "p", "R")
        assert app.review.state(app.stops[0].first).reviewed
        assert app.current == 2


async def test_u_when_everything_is_reviewed_says_so(council_app) -> None:
    app = council_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in app.stops:
            await pilot.press("n", "r")
        await pilot.press("u")
        total = app.review.counts().total
        assert f"All {total} differences are reviewed." in hints(app)


async def test_c_writes_a_note_kept_verbatim_and_shown_in_gutter_and_status(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "c")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Checked [sic] with the desk [/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        stop = current_stop(app)
        assert app.review.state(stop.first).note == "Checked [sic] with the desk [/]"
        assert gutter(app, stop.first).endswith("✎")
        assert "note: Checked [sic] with the desk [/]" in status(app)
        # Editing starts from the saved text; Esc leaves it unchanged.
        await pilot.press("c")
        assert app.screen.query_one("TextArea").text == "Checked [sic] with the desk [/]"
        await pilot.press("x", "escape")
        assert app.review.state(stop.first).note == "Checked [sic] with the desk [/]"


async def test_esc_on_a_changed_note_asks_before_throwing_the_text_away(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "c", *"Two sources confirm", "escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)  # still open, with the text
        assert app.screen.query_one("TextArea").text == "Two sources confirm"
        assert "Esc again discards" in str(app.screen.query_one("#note-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert app.review.state(current_stop(app).first).note == ""
        # Unchanged, Esc closes at once.
        await pilot.press("c", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)


async def test_the_note_editor_leaves_the_passage_visible_at_80x24(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # A difference at the top of the view, then one scrolled to the lower half.
        for keys, above in ((["n"], False), (["n"] * 5 + ["k"] * 12, True)):
            await pilot.press(*keys, "c")
            await pilot.pause()
            assert app.screen.at_top is above
            editor = app.screen.query_one("NoteScreen > Vertical").region
            layout = app.view.diff_layout
            first, _ = layout.block_rows(current_stop(app).first)
            passage_row = app.view.region.y + first - app.view.top_row()
            assert app.view.region.y <= passage_row < app.view.region.bottom  # on screen
            assert not editor.y <= passage_row < editor.bottom, (passage_row, editor)
            await pilot.press("escape")
            await pilot.pause()


def band_rows(app: DiptychApp, block: int) -> list[str]:
    layout = app.view.diff_layout
    top, end = layout.block_rows(block)
    return ["".join(text for text, _ in layout.row(y).frags) for y in range(top, end)]


async def test_a_note_shows_under_its_passage_and_a_flag_beside_it_at_80_columns(seeds_app) -> None:
    """Issue 13, bugs 4 and 5: at 80 columns notes never showed, and a flag hid the note's mark.
    The note is a row under its passage (its first line), the flag stays in the gutter."""
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "x", "c", *"Two sources confirm", "enter", *"second line", "ctrl+s")
        await pilot.pause()
        stop = current_stop(app)
        rows = band_rows(app, stop.first)
        assert "!" in rows[0][:6]  # flagged, in the stacked view's gutter
        note_rows = [r for r in rows if "✎ note: Two sources confirm …" in r]
        assert len(note_rows) == 1 and rows.index(note_rows[0]) == len(rows) - 1
        # Removing the note removes its row.
        await pilot.press("c", *["backspace"] * 40, "ctrl+s")
        await pilot.pause()
        assert not any("✎ note:" in r for r in band_rows(app, stop.first))


async def test_an_emptied_note_is_removed(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "c", *"temp", "ctrl+s")
        await pilot.press("c", "backspace", "backspace", "backspace", "backspace", "ctrl+s")
        await pilot.pause()
        assert app.review.state(current_stop(app).first).note == ""
        assert "Note removed." in hints(app)


async def test_e_exports_the_html_report_with_the_note(seeds_app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "x", "c", *"Ask the desk about Crimea", "ctrl+s", "e", "r")
        await pilot.pause()
        written = list(tmp_path.glob("*.html"))
        assert len(written) == 1
        assert "Report written to" in hints(app) and written[0].name in hints(app)
        html = written[0].read_text(encoding="utf-8")
        assert "Ask the desk about Crimea" in html
        assert "flagged" in html.lower()


async def test_e_never_writes_over_an_earlier_export(seeds_app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "r")
        await pilot.pause()
        first = sorted(tmp_path.glob("*.html"))
        (first[0]).write_text("the reviewer's own edits", encoding="utf-8")
        await pilot.press("e", "r")
        await pilot.pause()
        written = sorted(tmp_path.glob("*.html"))
        assert len(first) == 1 and len(written) == 2
        assert first[0].read_text(encoding="utf-8") == "the reviewer's own edits"
        (second,) = set(written) - set(first)
        assert second.name.endswith("-2.review.html") and second.name in hints(app)


@pytest.mark.parametrize(("key", "pattern", "check"), [
    ("w", "*.redline.docx", lambda data: data[:2] == b"PK"),
    ("h", "*.redline.html", lambda data: b"Ask the desk about Crimea" in data),
    ("m", "*.redline.md", lambda data: b"{>>Reviewer: Ask the desk about Crimea<<}" in data),
])
async def test_e_exports_a_redline_with_the_note(
    seeds_app, tmp_path: Path, monkeypatch, key, pattern, check
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "c", *"Ask the desk about Crimea", "ctrl+s", "e", key)
        await pilot.pause()
        (written,) = list(tmp_path.glob(pattern))
        assert "Redline" in hints(app) and written.name in hints(app)
    assert check(written.read_bytes())


async def test_esc_leaves_the_export_chooser_without_writing(seeds_app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "Export (Esc closes)" in str(app.screen.query_one("#export-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert list(tmp_path.iterdir()) == []


async def test_every_review_action_is_in_the_command_palette(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for wanted in ("Mark the current difference reviewed", "Flag the current difference",
                   "Write or edit the note", "Next unreviewed difference", "Previous unreviewed difference",
                   "Export the review report", "Reload a document that changed on disk"):
        assert any(title.startswith(wanted) for title in titles), wanted


# -- persistence across runs ----------------------------------------------------------------------


async def _run(docs: tuple[Document, Document], review: Path, keys: list[str]) -> tuple[str, list[str], int]:
    """One app run on `review`: press the keys; returns the status bar, the gutter of every stop's
    first block, and the number of stops."""
    app = DiptychApp(*docs, AlignOptions(), store=ReviewStore.open(review))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        marks = [gutter(app, stop.first) for stop in app.stops]
        return status(app), marks, len(app.stops)


async def test_marks_and_notes_survive_closing_and_reopening_the_app(tmp_path: Path) -> None:
    docs = seed_documents()
    review = tmp_path / "review.db"
    before, _, _ = await _run(docs, review, ["n", "r", "n", "x", "n", "c", *"keep", "ctrl+s"])
    after, marks, _ = await _run(docs, review, [])
    counts = re.search(r"reviewed \d+/\d+, flagged \d+", before)
    assert counts is not None and counts.group().endswith("flagged 1")
    assert not counts.group().startswith("reviewed 0/")
    assert counts.group() in after
    assert marks[0].startswith("✓")
    assert marks[1].endswith("!")
    assert marks[2].endswith("✎")
    assert all(m == f" {m[1]} " for m in marks[3:])  # nothing else marked


async def test_marks_carry_over_to_a_newer_version_of_a_document(tmp_path: Path) -> None:
    left, right = seed_documents()
    review = tmp_path / "review.db"
    await _run((left, right), review, ["n", "r", "x"])  # the first stop: reviewed and flagged
    # A newer right side: one more paragraph at the end, everything else the same.
    newer = make_document(right.path, right.text + "\n\nA correction was appended to this story.\n")
    app = DiptychApp(left, newer, AlignOptions(), store=ReviewStore.open(review))
    async with app.run_test(size=(120, 40)):
        assert "Carried" in hints(app) and "from the review of" in hints(app)
        assert "flagged 1" in status(app) or "flagged 2" in status(app)
        first = app.stops[0].first
        assert gutter(app, first) == "✓" + gutter(app, first)[1] + "!"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_stacked_and_side_by_side_both_show_the_marks(seeds_app, size: tuple[int, int]) -> None:
    app = seeds_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "r", "x")
        row = first_row(app, current_stop(app).first)
        assert "✓" in row and "!" in row


def test_help_lists_the_review_keys_and_the_mark_legend() -> None:
    from tui.app.help import help_content, plain_text

    text = plain_text(help_content(), 120)
    assert "Review\n" in text
    for line in ("r             Mark the current difference reviewed", "x             Flag",
                 "c             Write or edit the note", "u             Next unreviewed",
                 "ctrl+r        Reload", "✓             reviewed", "!             flagged",
                 "✎             has a note", "?             marked in an earlier version"):
        assert line in text, line


def test_the_review_counts_survive_a_narrow_status_bar() -> None:
    from tui.app.statusbar import StatusState, status_line
    from tui.engine.model import Stats

    state = StatusState("diff 12/140 moved (changed) ×3, score 0.74", Stats(), "paragraph", 0.5,
                        review="reviewed 31/212, flagged 4", review_state="reviewed, flagged")
    line = status_line(state, 80)
    assert "reviewed 31/212, flagged 4" in line and len(line) <= 80
    # A usual position leaves room for the current difference's marks in words too.
    state = StatusState("diff 4/9 changed, score 0.51", Stats(), "paragraph", 0.5,
                        review="reviewed 3/92, flagged 2", review_state="reviewed, flagged")
    wanted = "diff 4/9 changed, score 0.51 — reviewed, flagged │ reviewed 3/92, flagged 2"
    assert wanted in status_line(state, 80)


async def test_marks_in_the_worker_path_and_no_stale_aligning_message(seeds_app, monkeypatch) -> None:
    """Large documents are aligned (and their review session opened) in a worker thread."""
    import tui.app.app as app_module

    monkeypatch.setattr(app_module, "SYNC_ALIGN_LIMIT", 0)
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", "r")
        assert app.review.state(app.stops[0].first).reviewed
        await pilot.press("s")  # says "aligning…" (the worker may already be done)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.options.unit == "sentence" and app.review.alignment is app.alignment
        assert "aligning" not in hints(app)
        assert re.search(r"reviewed \d+/\d+, flagged 0", status(app))


async def test_marks_from_another_process_show_when_the_app_regains_focus(tmp_path: Path) -> None:
    from textual import events

    review = tmp_path / "review.db"
    app = DiptychApp(*seed_documents(), AlignOptions(), store=ReviewStore.open(review))
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.stops[0].first
        other = ReviewStore.open(review)  # as another diptych on the same review would
        try:
            other.session(app.alignment).set_flagged(first, True)
        finally:
            other.close()
        assert not gutter(app, first).endswith("!")
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert gutter(app, first).endswith("!")
        assert "flagged 1" in status(app)


async def test_a_run_is_reviewed_knowingly_or_entered_and_reviewed_one_passage_at_a_time(seeds_app) -> None:
    """Issue 13, friction 3: one r on a run of 42 one-sided passages said "reviewed 42/92" while
    the position said "diff 8/9". Both count differences now, r on a run says it marks all of
    it, and Enter makes each passage of a run a stop of its own."""
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        run = next(k for k, stop in enumerate(app.stops) if stop.count > 10)
        for _ in range(run + 1):
            await pilot.press("n")
        stop = app.stops[app.current]
        first = sum(s.count for s in app.stops[:run]) + 1
        assert f"diffs {first}–{first + stop.count - 1}/92" in status(app)
        await pilot.press("r")
        await pilot.pause()
        assert f"All {stop.count} passages of this run: reviewed" in hints(app)
        assert f"reviewed {stop.count}/92" in status(app)
        await pilot.press("r")  # undone
        await pilot.press("enter")
        await pilot.pause()
        assert app.stops[app.current] == type(stop)(stop.first, stop.first)  # the run's first passage
        assert f"diff {first}/92" in status(app)
        await pilot.press("r", "n", "r")
        await pilot.pause()
        assert "reviewed 2/92" in status(app) and app.stops[app.current].first == stop.first + 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.stops[app.current] == stop  # back to the run as one stop, where we were
