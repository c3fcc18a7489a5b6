"""Remapping keys by binding id from a TOML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.app import DiptychApp
from tui.app.keymap import KeymapError, load_keymap
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
        assert app.comparison.state.current == 0
        await pilot.press("question_mark")
        assert "x             Next difference" in str(app.screen.query_one("Static").render())
