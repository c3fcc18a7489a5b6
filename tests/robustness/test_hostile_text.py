"""Hostile text is data: escape sequences, control and bidi characters, Rich/Textual markup.

--json must keep every such passage exactly (a reviewer's evidence) and must not put a raw escape
byte on the terminal. The app-level half (shown literally, nothing executed) is further down and in
tests/robustness/test_terminal_e2e.py.
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
