"""Remapping keys by binding id from a TOML file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Static

from tui.app.app import DiptychApp
from tui.app.help import plain_text
from tui.app.keymap import KeymapError, conflict_warning, conflicts, load_keymap
from tui.app.main import run_app
from tui.engine.reading import make_document


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_keymap_file_maps_binding_ids_to_keys(tmp_path: Path) -> None:
    path = _write(tmp_path, '[keymap]\n"diptych.next_diff" = "n, j"\n"diptych.quit" = "x"\n')
    assert load_keymap(path) == {"diptych.next_diff": "n,j", "diptych.quit": "x"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[keymap\n", "not valid TOML"),
        ('[keymap]\n"diptych.nope" = "x"\n', "unknown binding id"),
        ('[keymap]\n"diptych.quit" = 3\n', "needs keys"),
        ('keymap = "x"\n', "must be a table"),
    ],
)
def test_bad_keymap_files_give_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(KeymapError, match=message):
        load_keymap(_write(tmp_path, text))


def test_no_file_means_no_remapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIPTYCH_KEYMAP", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_keymap() == {}
    monkeypatch.setenv("DIPTYCH_KEYMAP", str(tmp_path / "missing.toml"))
    with pytest.raises(KeymapError, match="no such keymap file"):
        load_keymap()


def test_run_app_refuses_a_broken_keymap_with_status_2(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DIPTYCH_KEYMAP", str(_write(tmp_path, "[keymap\n")))
    doc = make_document("a", "text\n")
    assert run_app(doc, doc, None) == 2
    err = capsys.readouterr().err
    assert err.startswith("diptych: ") and err.count("\n") == 1


async def test_remapped_keys_work_and_the_help_shows_them(tmp_path: Path) -> None:
    keymap = load_keymap(_write(tmp_path, '[keymap]\n"diptych.next_diff" = "x"\n'))
    doc_l, doc_r = make_document("l", "One paragraph.\n"), make_document("r", "Another text.\n")
    app = DiptychApp(doc_l, doc_r)
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap(keymap)
        await pilot.press("x")
        assert app.current == 0
        await pilot.press("question_mark")
        assert "x             Next difference" in plain_text(app.screen.query_one(Static).content, 96)


def test_the_readme_keymap_example_takes_no_key_from_another_action() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    keymap = tomllib.loads(example)["keymap"]
    assert keymap and conflict_warning(keymap) is None


def test_a_key_taken_from_another_action_is_named_in_one_line() -> None:
    warning = conflict_warning({"diptych.next_diff": "n,j", "diptych.prev_diff": "p,k"}, Path("km.toml"))
    assert warning == (
        "km.toml: a key for two actions: j does next_diff, not scroll_down; k does prev_diff, not scroll_up"
    )
    assert conflict_warning({"diptych.fold": "?"}, Path("km.toml")) == (
        "km.toml: a key for two actions: ? does fold, not help"
    )


@pytest.mark.parametrize(
    "keymap",
    [
        {"diptych.next_diff": "n,j"},  # taken from a default binding
        {"diptych.scroll_down": "n"},  # a later binding takes an earlier one's key
        {"diptych.flag": "z", "diptych.next_diff": "z"},  # two remapped: the first binding wins
    ],
)
async def test_the_warning_names_the_action_the_key_really_does(keymap: dict[str, str]) -> None:
    ((key, winner, _),) = conflicts(keymap)
    doc_l, doc_r = make_document("l", "One paragraph.\n\n" * 60), make_document("r", "Another text.\n")
    app = DiptychApp(doc_l, doc_r)
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap(keymap)
        await pilot.press(key)
        done = {"diptych.next_diff": app.current == 0, "diptych.scroll_down": app.view.scroll_y == 1,
                "diptych.flag": app.review is not None and app.review.counts().flagged > 0}
        assert [action for action, happened in done.items() if happened] == [winner]
