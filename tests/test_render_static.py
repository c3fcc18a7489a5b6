"""The static render (tui/render_static.py): the app's rows as lines of text, painted as --color,
NO_COLOR and the output say, at the width asked for."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tui.app.layout import FILLER, MARK_CHANGED, MARK_LEFT, MARK_RIGHT
from tui.engine.compare import compare_documents
from tui.engine.reading import make_document
from tui.render_static import ATTRIBUTES, Painter, color_mode, output_width, render

SGR = re.compile(r"\x1b\[([0-9;]*)m")
PARA_A = "The committee approved the budget of 63 million after a long debate on Tuesday."
PARA_B = "Residents of the northern district said the new bus line would help them reach work."
PARA_C = "A spokesperson declined to comment on the timing of the next review of the plan."
PARA_D = "The mayor thanked the volunteers who cleaned the river banks over the weekend."


def rendered(left: str, right: str, width: int = 120, mode: str | None = None, **kwargs) -> list[str]:
    alignment = compare_documents(make_document("old.md", left), make_document("new.md", right))
    return list(render(alignment, width, Painter(mode), title="report.md", **kwargs))


def sgr_codes(lines: list[str]) -> set[int]:
    return {int(code) for line in lines for match in SGR.finditer(line)
            for code in match.group(1).split(";") if code}


@pytest.mark.parametrize(("choice", "terminal", "env", "expected"), [
    ("auto", False, {"TERM": "xterm-256color"}, None),  # a pipe or a file: plain text
    ("auto", True, {"TERM": "xterm-256color"}, "256"),
    ("auto", True, {"TERM": "xterm", "COLORTERM": "truecolor"}, "truecolor"),
    ("auto", True, {"TERM": "xterm"}, "standard"),
    ("auto", True, {"TERM": "dumb"}, None),
    ("auto", True, {"TERM": "xterm-256color", "NO_COLOR": "1"}, ATTRIBUTES),
    ("never", True, {"TERM": "xterm-256color"}, ATTRIBUTES),
    ("never", False, {"TERM": "xterm-256color"}, None),
    ("16", False, {"TERM": "dumb"}, "standard"),  # forced: into a pipe, for lazygit and less -R
    ("256", False, {"NO_COLOR": "1"}, "256"),  # the command line beats NO_COLOR
    ("truecolor", True, {}, "truecolor"),
])
def test_color_mode(choice: str, terminal: bool, env: dict[str, str], expected: str | None) -> None:
    assert color_mode(choice, terminal, env) == expected


def test_width_from_columns_then_the_terminal_then_80(monkeypatch) -> None:
    def no_terminal(fd: int) -> None:
        raise OSError("not a terminal")

    monkeypatch.setattr("os.get_terminal_size", no_terminal)
    assert output_width({"COLUMNS": "132"}) == 132
    assert output_width({"COLUMNS": "junk"}) == 80
    assert output_width({}) == 80


def test_side_by_side_rows_with_markers_names_and_folded_equal_passages() -> None:
    left = "\n\n".join([PARA_A, PARA_B, PARA_C, PARA_D])
    right = "\n\n".join([PARA_A.replace("63", "70"), PARA_B, PARA_C])
    lines = rendered(left, right, width=140)
    assert lines[0].startswith("── report.md ── 1 changed · 1 left only ")
    assert cell_len(lines[0]) == 140
    assert lines[1].split() == ["old.md", "new.md"]
    text = "\n".join(lines)
    assert f" {MARK_CHANGED} " in text and f" {MARK_LEFT} " in text and FILLER in text
    assert "2 equal passages (left lines 3–5, right lines 3–5)" in text  # folded, as f does
    assert "f shows them" not in text  # no key to press here
    assert all(cell_len(line) <= 140 for line in lines)
    assert all(line == line.rstrip() for line in lines)
    assert not SGR.search(text)  # plain: no escape sequence at all


def test_narrow_output_stacks_the_versions_and_an_added_file_is_one_sided() -> None:
    lines = rendered(PARA_A, PARA_A.replace("63", "70"), width=80)
    assert any(line.lstrip().startswith(f"{MARK_CHANGED} L ") for line in lines)
    assert any(f"{MARK_CHANGED}  R " in line for line in lines)
    assert all(cell_len(line) <= 80 for line in lines)
    added = rendered("", f"{PARA_A}\n\n{PARA_B}", width=140, one_sided=True)
    assert [line.split()[0] for line in added[2:] if line] == [MARK_RIGHT, MARK_RIGHT]
    assert FILLER not in "\n".join(added)  # one column, nothing facing it
    assert not any(line.lstrip().startswith("L") for line in added)  # no empty left document


def test_colours_and_attributes_mark_the_changed_words() -> None:
    left, right = PARA_A, PARA_A.replace("63", "70").replace("long", "short")
    coloured = rendered(left, right, mode="standard")
    codes = sgr_codes(coloured)
    assert {9, 4, 7} <= codes  # strike (left), underline (right), reverse (numbers), as in the app
    assert codes & {31, 32, 33}  # and colours
    no_colour = rendered(left, right, mode=ATTRIBUTES)
    codes = sgr_codes(no_colour)
    assert {9, 4, 7} <= codes
    assert not codes & set(range(30, 50))  # NO_COLOR: attributes only
    plain = [SGR.sub("", line) for line in coloured]
    assert plain == rendered(left, right)  # painting adds escapes and nothing else


def test_document_text_is_shown_not_obeyed() -> None:
    hostile = "A title\x1b]0;owned\x07 and a \x1b[2J clear and a \x9b31m C1 sequence and \u202eevil."
    lines = rendered(PARA_A, f"{PARA_A}\n\n{hostile}", mode="standard")
    text = "\n".join(lines)
    assert "\x07" not in text and "\x9b" not in text and "\u202e" not in text
    assert "␛]0;owned" in text
    escapes = [m.group() for m in re.finditer(r"\x1b[^\[]|\x1b\[[0-9;]*[^0-9;]", text)]
    assert all(e.endswith("m") for e in escapes), escapes  # only our own SGR sequences
    same = compare_documents(make_document("a", PARA_A), make_document("b", PARA_A))
    title = next(render(same, 100, Painter(None), title="evil\x1b[31m.md", detail="said \x1b]8;;x\x07"))
    assert "\x1b" not in title and "evil␛[31m.md" in title
