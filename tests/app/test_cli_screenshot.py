"""`diptych --screenshot`: headless rendering from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_documents import COUNCIL, ROOT

from tui.cli import main


def _run(*args: str, keymap: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`diptych ARGS` with no user keymap, or the one in `keymap`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DIPTYCH_KEYMAP", "XDG_CONFIG_HOME")}
    env["XDG_CONFIG_HOME"] = str(ROOT / "no-such-config-directory")
    if keymap is not None:
        env["DIPTYCH_KEYMAP"] = str(keymap)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, env=env
    )


def test_screenshot_writes_an_svg_of_the_screen_after_the_keys(tmp_path: Path) -> None:
    out = tmp_path / "shot.svg"
    result = _run("--screenshot", str(out), "--size", "100x30", "--press", "n,n", *map(str, COUNCIL))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "council-v1.txt" in svg and "diff&#160;2/5" in svg
    assert "viewBox" in svg


def test_screenshot_defaults_to_the_seeds_at_120x40(tmp_path: Path) -> None:
    out = tmp_path / "seeds.svg"
    assert main(["--screenshot", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "000_c6d9172f429ff664.txt" in svg
    # 40 rows of terminal: Textual writes one clip path per line.
    assert 'id="terminal-' in svg and "line-39" in svg and "line-40" not in svg


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "120"], "size must look like 120x40"),
        (["--size", "0x10"], "between 1x1"),
        (["--press", "n, ,x y"], "not a key"),
        (["--press", "wait:soon"], "wait needs milliseconds"),
        (["--press", "n,bogus"], "not a key: 'bogus'"),
        (["--press", "ctl+q"], "not a key: 'ctl+q'"),
    ],
)
def test_bad_screenshot_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = _run("--screenshot", str(tmp_path / "x.svg"), *args)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.svg").exists()


def test_size_and_press_need_screenshot(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--size", "80x24"]) == 2
    assert "go with --screenshot" in capsys.readouterr().err


def test_screenshot_into_a_missing_directory_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["--screenshot", str(tmp_path / "missing" / "x.svg")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--screenshot", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_screenshot_refuses_a_broken_keymap_as_the_app_does(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"diptych.nope" = "x"\n', encoding="utf-8")
    result = _run("--screenshot", str(tmp_path / "x.svg"), keymap=keymap)
    assert result.returncode == 2
    assert "unknown binding id" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.svg").exists()


def test_screenshot_presses_keys_as_the_users_keymap_binds_them(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"diptych.next_diff" = "z"\n', encoding="utf-8")
    out = tmp_path / "shot.svg"
    result = _run("--screenshot", str(out), "--press", "z", *map(str, COUNCIL), keymap=keymap)
    assert result.returncode == 0, result.stderr
    assert "diff&#160;1/5" in out.read_text(encoding="utf-8")
