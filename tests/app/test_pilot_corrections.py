"""Pilot tests of `C`, the reviewer's corrections: unpair a pair, pair a removed passage with an
added one from the list of candidates, moved, undo; kept in the review file across runs of the
app, and in the next run's `diptych --json --review FILE` (the issue's done-when)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui.app.app import DiptychApp
from tui.app.correction_chooser import CorrectionChooser
from tui.app.pair_picker import PairPicker
from tui.engine.model import AlignOptions, BlockKind, Document
from tui.engine.reading import read_document
from tui.review import ReviewStore

ROOT = Path(__file__).resolve().parents[2]

TITLE = "City budget passes after long debate"
BUDGET_OLD = "The council approved a budget of 63 million on Tuesday after a debate that lasted nine hours."
BUDGET_NEW = "The council approved a budget of 70 million on Tuesday after a debate that lasted nine hours."
BRIDGE = "The bridge on Mill Street will close for repairs in March, the council said on Tuesday."
MAYOR = "The mayor said the plan would be reviewed next spring by an independent panel of engineers."
PARKING = "Parking fees in the city centre rise from next month, to the dismay of shop owners."
REPAIRS = "Repairs will close the Mill Street bridge from March, according to the council."
CLOSING = "The next council meeting is scheduled for the first week of December."


UNPAIRED = (BlockKind.LEFT_ONLY, BlockKind.RIGHT_ONLY)


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    """The older version has the bridge closure; the newer says it again in other words, after
    the mayor, among a new paragraph on parking: the aligner pairs neither of them."""
    left, right = tmp_path / "old.txt", tmp_path / "new.txt"
    left.write_text("\n\n".join((TITLE, BUDGET_OLD, BRIDGE, MAYOR, CLOSING)) + "\n", encoding="utf-8")
    newer = (TITLE, BUDGET_NEW, MAYOR, PARKING, REPAIRS, CLOSING)
    right.write_text("\n\n".join(newer) + "\n", encoding="utf-8")
    return left, right


def documents(paths: tuple[Path, Path]) -> tuple[Document, Document]:
    return read_document(str(paths[0])), read_document(str(paths[1]))


def app_on(paths: tuple[Path, Path], review: Path) -> DiptychApp:
    return DiptychApp(*documents(paths), AlignOptions(), store=ReviewStore.open(review))


def block_with(app: DiptychApp, text: str) -> int:
    assert app.alignment is not None
    blocks = app.alignment.blocks
    return next(i for i, b in enumerate(blocks) if any(p.text == text for p in b.left + b.right))


def kind_of(app: DiptychApp, text: str) -> BlockKind:
    assert app.alignment is not None
    return app.alignment.blocks[block_with(app, text)].kind


def status(app: DiptychApp) -> str:
    return str(app.query_one("#status").render())


def hints(app: DiptychApp) -> str:
    return str(app.query_one("#hints").render())


async def test_unpairing_survives_a_restart_and_c_again_undoes_it(tmp_path: Path) -> None:
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(120, 40)) as pilot:
        assert kind_of(app, BUDGET_OLD) is BlockKind.CHANGED
        changed = app.stats.changed
        await pilot.press("n", "C")
        assert isinstance(app.screen, CorrectionChooser)
        await pilot.press("u")
        assert (kind_of(app, BUDGET_OLD), kind_of(app, BUDGET_NEW)) == UNPAIRED
        assert app.stats.changed == changed - 1
        assert "Unpaired" in hints(app) and "corrected" in status(app)
        await pilot.press("q")

    app = app_on(paths, review)  # a new run of the app on the same review file
    async with app.run_test(size=(120, 40)) as pilot:
        assert (kind_of(app, BUDGET_OLD), kind_of(app, BUDGET_NEW)) == UNPAIRED
        await pilot.press("n", "C")
        assert isinstance(app.screen, CorrectionChooser)  # about the unpaired passage of the run
        await pilot.press("z")  # undo
        assert kind_of(app, BUDGET_OLD) is BlockKind.CHANGED
        assert "undone" in hints(app)
        await pilot.press("q")
    with ReviewStore.open(review) as store:
        assert store.session(read_pair_alignment(paths)).corrections() == []


def read_pair_alignment(paths: tuple[Path, Path]):
    from tui.engine.compare import compare_documents

    return compare_documents(*documents(paths))


async def test_pairing_from_the_candidate_list_best_first(tmp_path: Path) -> None:
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(120, 40)) as pilot:
        assert kind_of(app, BRIDGE) is BlockKind.LEFT_ONLY
        await pilot.press("n", "n", "C", "p")
        picker = app.screen
        assert isinstance(picker, PairPicker)
        prompts = [str(entry.prompt) for entry in picker._entries]
        assert [p.split()[2] for p in prompts] == ["Repairs", "Parking"]  # score, line, first words
        assert float(prompts[0].split()[0]) > float(prompts[1].split()[0])
        await pilot.press("enter")
        assert not isinstance(app.screen, PairPicker)
        block = app.alignment.blocks[block_with(app, BRIDGE)]
        assert block.kind is BlockKind.CHANGED and block.right[0].text == REPAIRS
        assert block.moved  # said again after the mayor's paragraph: it changed place
        assert kind_of(app, PARKING) is BlockKind.RIGHT_ONLY
        assert "Paired" in hints(app)
        await pilot.press("q")


async def test_a_correction_made_in_the_app_is_in_the_next_runs_json(tmp_path: Path) -> None:
    """The issue's done-when: pair in the app, then `diptych --json --review FILE` shows it."""
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "C", "p", "enter")
        await pilot.press("q")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--json", *map(str, paths), "--review", str(review)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert result.returncode == 1 and result.stderr == ""
    blocks = json.loads(result.stdout)["blocks"]
    corrected = [b for b in blocks if "corrected" in b]
    assert [(b["corrected"], b["kind"], b["left"]["text"], b["right"]["text"]) for b in corrected] == [
        ("paired", "changed", BRIDGE, REPAIRS)]
    assert corrected[0]["words"]  # the new pair's changed words


async def test_a_pair_is_marked_moved_and_a_run_asks_for_one_passage(tmp_path: Path) -> None:
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "C", "m")
        assert app.alignment.blocks[block_with(app, BUDGET_OLD)].moved
        assert app.stats.moved == 1
        await pilot.press("n", "n", "C")  # the two added paragraphs: one stop
        assert not isinstance(app.screen, CorrectionChooser)
        assert "A run of 2 passages" in hints(app)
        await pilot.press("enter", "C")  # one at a time
        assert isinstance(app.screen, CorrectionChooser)
        await pilot.press("escape")
        await pilot.press("q")


async def test_not_moved_on_an_equal_passage_is_undone_from_another_one(tmp_path: Path) -> None:
    """An equal passage marked not moved is no difference any more (it cannot be selected): C on
    any difference offers to undo the last correction."""
    left, right = tmp_path / "old.txt", tmp_path / "new.txt"
    left.write_text("\n\n".join((TITLE, BUDGET_OLD, MAYOR, CLOSING)) + "\n", encoding="utf-8")
    right.write_text("\n\n".join((MAYOR, TITLE, BUDGET_NEW, CLOSING)) + "\n", encoding="utf-8")
    app = app_on((left, right), tmp_path / "review.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.alignment.blocks[block_with(app, MAYOR)].moved
        await pilot.press("colon", "2", "enter", "C", "m")  # difference 2, the mayor's: not moved
        assert not app.alignment.blocks[block_with(app, MAYOR)].moved
        assert app.alignment.blocks[block_with(app, TITLE)].moved  # what it crossed moved instead
        await pilot.press("n", "C", "l")
        assert app.alignment.blocks[block_with(app, MAYOR)].moved
        assert not app.alignment.blocks[block_with(app, TITLE)].moved
        await pilot.press("q")


async def test_a_newer_version_opens_with_the_correction_and_says_so(tmp_path: Path) -> None:
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "C", "u")
        await pilot.press("q")
    newer = tmp_path / "newer.txt"  # the closing line edited, the rest as it was
    text = paths[1].read_text(encoding="utf-8")
    newer.write_text(text.replace("first week", "second week"), encoding="utf-8")
    app = app_on((paths[0], newer), review)
    async with app.run_test(size=(120, 40)):
        assert (kind_of(app, BUDGET_OLD), kind_of(app, BUDGET_NEW)) == UNPAIRED
        assert "Applied 1 correction of the pairing from the earlier review" in hints(app)


def test_the_candidate_list_shows_document_text_as_data() -> None:
    from tui.app.pair_picker import pair_entries, picker_title
    from tui.engine.model import Passage, UnitKind
    from tui.review.corrections import Candidate

    hostile = "Clear \x1b[2J the [bold]screen[/bold] and \x9b31m recolour"
    passage = Passage(0, UnitKind.PARAGRAPH, 0, len(hostile), 3, 3, hostile, 0)
    prompt = pair_entries([Candidate(4, 0.42, passage)], "right")[0].prompt
    title = picker_title(hostile, True, 1)
    for text in (prompt, title):
        assert "\x1b" not in text.plain and "\x9b" not in text.plain
        assert "[bold]screen[/bold]" in text.plain  # shown as typed, not as markup
    assert prompt.plain.startswith("0.42 r3 ")


async def test_a_corrected_passage_is_marked_in_the_gutter_and_the_change_list(tmp_path: Path) -> None:
    """⇄ beside the kind marker of every passage a correction made, without colour, beside a
    review mark too; the change list's row says "corrected"."""
    from tui.app.change_list import ChangeListScreen

    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "⇄" not in first_row(app, BUDGET_OLD)
        await pilot.press("C", "u")
        assert "⇄" in first_row(app, BUDGET_OLD) and "⇄" in first_row(app, BUDGET_NEW)
        assert "⇄" not in first_row(app, BRIDGE)  # removed by the aligner, not by the reviewer
        await pilot.press("r")  # reviewed: ✓ in the first cell, ⇄ stays in the second
        row = first_row(app, BUDGET_OLD)  # stacked at 80 columns: kind, first cell, L, second cell
        assert row.index("✓") < row.index("L") < row.index("⇄")
        await pilot.press("l")
        assert isinstance(app.screen, ChangeListScreen)
        rows = [str(entry.prompt) for entry in app.screen.entries]
        assert sum("corrected" in row for row in rows) == 2
        assert all("⇄" in row for row in rows if "corrected" in row)
        await pilot.press("escape", "q")


def first_row(app: DiptychApp, text: str) -> str:
    layout = app.view.diff_layout
    top, _ = layout.block_rows(block_with(app, text))
    return "".join(fragment for fragment, _ in layout.row(top).frags)


async def test_a_correction_that_cannot_follow_a_rewritten_passage_is_announced(tmp_path: Path) -> None:
    """A newer version rewrites one passage of an unpairing (kept, not applied: said when the app
    opens) and edits the other a little (followed: applied and marked)."""
    paths, review = write_pair(tmp_path), tmp_path / "review.sqlite3"
    app = app_on(paths, review)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "C", "u")  # the budget pair: unpaired
        await pilot.press("q")
    text = paths[1].read_text(encoding="utf-8")
    rewritten = tmp_path / "rewritten.txt"
    rewrite = "Councillors passed the 70 million budget late on Tuesday."
    rewritten.write_text(text.replace(BUDGET_NEW, rewrite), encoding="utf-8")
    app = app_on((paths[0], rewritten), review)
    async with app.run_test(size=(80, 24)):
        assert "1 correction could not be applied: its passages changed (in the report, e)." in hints(app)
        assert not app.review.corrected.marks
    edited = tmp_path / "edited.txt"
    edited.write_text(text.replace("nine hours", "ten hours"), encoding="utf-8")
    app = app_on((paths[0], edited), review)
    async with app.run_test(size=(80, 24)):
        assert "Applied 1 correction" in hints(app) and "could not be applied" not in hints(app)
        assert (kind_of(app, BUDGET_OLD), kind_of(app, BUDGET_NEW.replace("nine", "ten"))) == UNPAIRED
        assert "⇄" in first_row(app, BUDGET_OLD)
