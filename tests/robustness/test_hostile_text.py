"""Hostile text is data: escape sequences, control and bidi characters, Rich/Textual markup.

--json must keep every such passage exactly (a reviewer's evidence) and must not put a raw escape
byte on the terminal. The app-level half (shown literally, nothing executed) is further down and in
tests/robustness/test_terminal_e2e.py. Every rule tested here is one row of the policy table in
tui/engine/safe_text.py (terminal, report, JSON, message), the one module that sanitises.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import check_offsets, expect_json, run_cli, side_texts

# One passage per line; each is a classic way to attack or confuse a terminal or a markup parser.
HOSTILE_PASSAGES = {
    "osc title": "Set the title \x1b]0;pwned title\x07 and carry on.",
    "clear screen": "Before \x1b[2J\x1b[H after the clear-screen sequence.",
    "osc 52": "Clipboard \x1b]52;c;ZWNobyBoYWNrZWQ=\x07 write attempt.",
    "sgr": "Colours \x1b[31mred\x1b[0m and \x1b[5mblink\x1b[m here.",
    "c0": "Bell \x07 backspace \x08 vertical tab \x0b form feed \x0c escape \x1b done.",
    "c1": "C1 CSI \x9b31m and NEL \x85 and string terminator \x9c inside.",
    "del": "Delete \x7f character.",
    "bidi": "Invoice \u202efdp.exe\u202c and \u2066isolate\u2069 and \u200fmark.",
    "markup": "Markup [bold]not bold[/bold] and [/] closing and [link=https://evil.example]link[/link].",
    "sic": "He wrote [sic] and [red]red[/red] and [@click=app.quit]quit[/].",
    "textual vars": "Variables $accent and [$primary]x[/] and \\[escaped].",
}


def _document(tmp_path: Path, name: str, passages: list[str]) -> tuple[Path, str]:
    text = "\n\n".join(passages) + "\n"
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path, text


def test_json_keeps_hostile_text_exactly(tmp_path: Path) -> None:
    passages = list(HOSTILE_PASSAGES.values())
    changed = [p.replace("carry on", "carry on regardless") for p in passages]
    left, left_text = _document(tmp_path, "left.txt", passages)
    right, right_text = _document(tmp_path, "right.txt", changed)
    outcome = run_cli("--json", left, right)
    report = expect_json(outcome, 1)
    assert side_texts(report, "left") == passages
    assert side_texts(report, "right") == changed
    check_offsets(report, "left", left_text)
    check_offsets(report, "right", right_text)
    kinds = [b["kind"] for b in report["blocks"]]
    assert kinds == ["changed"] + ["equal"] * (len(passages) - 1)


def test_json_output_carries_no_raw_control_bytes(tmp_path: Path) -> None:
    """Printed to a terminal, the JSON cannot retitle it, clear it or write the clipboard."""
    left, _ = _document(tmp_path, "left.txt", list(HOSTILE_PASSAGES.values()))
    raw = run_cli("--json", left, "/dev/null").stdout
    for byte in (b"\x1b", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x9b".decode("latin-1").encode("utf-8"),
                 "\x85".encode(), "\x9c".encode()):
        assert byte not in raw, byte
    assert b"\\u001b]0;pwned title\\u0007" in raw  # escaped, not dropped
    assert b"\\u009b31m" in raw


@pytest.mark.parametrize("name", sorted(HOSTILE_PASSAGES))
def test_each_hostile_passage_pairs_with_itself(tmp_path: Path, name: str) -> None:
    """Markup-looking or control text neither crashes the engine nor keeps it from matching."""
    text = HOSTILE_PASSAGES[name]
    left, _ = _document(tmp_path, "left.txt", ["Opening line.", text, "Closing line."])
    right, _ = _document(tmp_path, "right.txt", ["Opening line.", text + " Added.", "Closing line."])
    report = expect_json(run_cli("--json", left, right), 1)
    assert [b["kind"] for b in report["blocks"]] == ["equal", "changed", "equal"]
    changed = report["blocks"][1]
    assert changed["left"]["text"] == text
    assert changed["right"]["text"] == text + " Added."


# -- in the app: shown as text, never obeyed ---------------------------------------------------------

# What a terminal would obey if it reached it: C0 (the app draws no line ends inside a row), DEL, C1,
# and the bidi embeddings, overrides and isolates that reorder what follows them.
OBEYED = frozenset(
    [*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0)),
     *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)
LITERAL_MARKUP = [
    "[bold]not bold[/bold]", "[/]", "[link=https://evil.example]link[/link]", "[sic]", "[red]red[/red]",
    "[@click=app.quit]quit[/]", "$accent", "[$primary]x[/]", "\\[escaped]",
]
HOSTILE_NAME = "/tmp/[red]evil[/red] \x1b]0;named\x07.txt"


def _hostile_pair() -> tuple:
    from tui.engine.reading import make_document

    passages = list(HOSTILE_PASSAGES.values())
    changed = [p.replace("carry on", "carry on regardless") for p in passages]
    return (make_document(HOSTILE_NAME, "\n\n".join(passages) + "\n"),
            make_document("right.txt", "\n\n".join(changed) + "\n"))


async def test_app_shows_hostile_text_literally() -> None:
    pytest.importorskip("tui.app.app", reason="the app is not built yet")
    from tui.app.app import DiptychApp
    from tui.engine.model import AlignOptions

    app = DiptychApp(*_hostile_pair(), AlignOptions())
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screens = []
        for key in ("", "n", "n", "f", "v", "s"):  # also folded, stacked and sentence views
            if key:
                await pilot.press(key)
                await pilot.pause()
            strips = app.screen._compositor.render_strips()
            screens.append("\n".join(strip.text for strip in strips))
            for strip in strips:
                for segment in strip:
                    leaked = OBEYED.intersection(segment.text)
                    codes = sorted(map(hex, map(ord, leaked)))
                    assert not leaked, f"{codes} reached the screen after {key!r}"
        first = screens[0]
        for fragment in LITERAL_MARKUP:
            assert fragment in first, f"{fragment!r} is not shown as typed"
        for words in ("pwned title", "after the clear-screen sequence", "fdp.exe", "ZWNobyBoYWNrZWQ="):
            assert words in first, f"{words!r} was swallowed"
        assert "[red]evil[/red]" in first  # a file name is data too
        assert app.is_running  # [@click=app.quit] was text, not an action


def test_real_terminal_is_not_commanded_by_the_document(tmp_path: Path) -> None:
    """In a real terminal (tmux): no title change, no clipboard write, no clear; markup as typed."""
    from .terminal import Terminal, installed_diptych, modes_restored, require_tmux

    require_tmux()
    pytest.importorskip("tui.app.main", reason="the app is not built yet")
    left, _ = _document(tmp_path, "left [bold]x[red].txt", list(HOSTILE_PASSAGES.values()))
    right, _ = _document(tmp_path, "right.txt", [p + " More." for p in HOSTILE_PASSAGES.values()])
    workdir = tmp_path / "term"
    workdir.mkdir()
    terminal = Terminal(workdir, width=200, height=60)
    try:
        title_before = terminal.flag("pane_title")
        terminal.run(f"{installed_diptych()} '{left}' '{right}'; echo DONE-$?")
        screen = terminal.wait_for(lambda text: "clear-screen" in text and "diff" in text, what="the app")
        for key in ("n", "n", "n"):
            terminal.keys(key)
        screen = terminal.wait_for_text(r"diff 3/").string
        for fragment in ("[bold]not bold[/bold]", "[/]", "[sic]", "[link=https://evil.example]link[/link]",
                         "Before", "after the clear-screen sequence", "pwned title", "[bold]x[red]"):
            assert fragment in screen, fragment
        assert terminal.flag("pane_title") == title_before  # OSC 0 was not obeyed
        assert "pwned" not in terminal.flag("pane_title")
        assert terminal.buffers() == ""  # OSC 52 wrote nothing to the clipboard
        terminal.keys("q")
        terminal.wait_for_text(r"DONE-0\s")
        modes_restored(terminal)
        assert terminal.buffers() == ""
    finally:
        terminal.close()


def test_screenshot_shows_hostile_text_literally(tmp_path: Path) -> None:
    """`diptych --screenshot`: the SVG is well-formed XML with the markup as typed, no controls."""
    import html
    import xml.etree.ElementTree as ET

    pytest.importorskip("tui.app.screenshot", reason="--screenshot is not built yet")
    passages = list(HOSTILE_PASSAGES.values())
    left, _ = _document(tmp_path, "left.txt", passages)
    right, _ = _document(tmp_path, "right.txt", [p + " More." for p in passages])
    out = tmp_path / "screen.svg"
    outcome = run_cli("--screenshot", out, "--size", "200x60", left, right)
    assert (outcome.code, outcome.stderr) == (0, "")
    svg = out.read_text(encoding="utf-8")
    ET.fromstring(svg)  # a raw control character would make it malformed
    leaked = OBEYED.intersection(svg) - {"\n", "\t"}
    assert not leaked, sorted(map(hex, map(ord, leaked)))
    shown = html.unescape(svg).replace("\xa0", " ")
    for fragment in [*LITERAL_MARKUP[:5], "pwned title", "after the clear-screen sequence"]:
        assert fragment in shown, fragment
