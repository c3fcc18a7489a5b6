"""diptych as git's external diff, through real `git diff` and `git log -p`: a static render of
each file on stdout, status 0 so that git goes on, whatever the file is."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
from rich.cells import cell_len

from tests.formats.builders import docx, p
from tui.git.external import git_argument_count, parse_call

from .repo import Repo, diptych_command

ESC = "\x1b"
DRAFT = ("The council met on Monday.\n\n"
         "It approved the budget of 63 million after a long debate.\n\n"
         "The minutes will be published next week.\n")
FINAL = ("The council met on Tuesday.\n\n"
         "It approved the budget of 70 million after a long debate.\n\n"
         "The minutes will be published next week.\n\n"
         "The mayor abstained.\n")
# A one-page PNG header and some zero bytes: git treats it as binary, diptych refuses it.
PICTURE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def external(repo: Repo, *git_args: str, options: str = "", columns: int = 120,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = f"{diptych_command()} --git-external-diff {options}".strip()
    result = repo.git(*git_args, env={"GIT_EXTERNAL_DIFF": command, "COLUMNS": str(columns), **(env or {})},
                      check=False)
    assert result.returncode == 0, result.stderr
    assert "external diff died" not in result.stderr
    return result


def titles(output: str) -> list[str]:
    return re.findall(r"^── (.+?) ─", output, flags=re.MULTILINE)


def test_a_modified_file_in_git_diff(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("report.md", FINAL)
    out = external(repo, "diff").stdout
    lines = out.splitlines()
    assert lines[0].startswith("── report.md ── 2 changed · 1 right only ")
    assert re.match(r"^ +report\.md \([0-9a-f]{7}\) +report\.md \(working tree\)$", lines[1])
    assert re.search(r"^  1 The council met on Monday\. +~   1 The council met on Tuesday\.$", out, re.M)
    assert re.search(r"^ +╱+ >   7 The mayor abstained\.$", out, re.M)
    # An equal passage of one line is shown as it is (its fold row would take as much room).
    assert re.search(r"^ +5 The minutes will be published next week\. +=? +5 The minutes will be", out, re.M)
    assert "equal passage" not in out
    assert ESC not in out  # not a terminal, no --color: plain text
    assert all(cell_len(line) <= 120 for line in lines)


def test_git_log_p_added_modified_renamed_binary_and_deleted(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT, "logo.png": PICTURE})
    repo.commit("final", {"report.md": FINAL, "logo.png": PICTURE + b"\x01"})
    repo.git("mv", "report.md", "council.md")
    repo.commit("rename")
    (repo.path / "logo.png").unlink()
    repo.commit("no logo")
    out = external(repo, "log", "-p", "--ext-diff", "--format=commit %s").stdout
    commits = re.split(r"^commit ", out, flags=re.MULTILINE)[1:]
    assert [c.split("\n", 1)[0] for c in commits] == ["no logo", "rename", "final", "draft"]
    by_subject = {c.split("\n", 1)[0]: c for c in commits}
    draft = by_subject["draft"]
    assert titles(draft) == ["logo.png", "report.md"]
    binary = r"[0-9a-f]{7}: binary file \(contains NUL bytes\), not text"
    assert re.search(rf"── logo\.png ── new file · {binary}", draft)
    assert "── report.md ── new file · 3 right only " in draft
    assert re.search(r"^>  R   1 The council met on Monday\.$", draft, re.M)  # one-sided, one column
    assert "╱" not in draft
    final = by_subject["final"]
    assert re.search(r"── logo\.png ── [0-9a-f]{7}: binary file \(contains NUL bytes\), not text ─", final)
    assert "The mayor abstained." in final  # git went on after the binary file
    assert "── council.md ── renamed from report.md (100% similar) · no differences " in by_subject["rename"]
    assert re.search(r"── logo\.png ── deleted · [0-9a-f]{7}: binary file", by_subject["no logo"])


def test_width_and_colour_follow_columns_and_color(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("report.md", FINAL)
    narrow = external(repo, "diff", columns=80).stdout
    assert all(cell_len(line) <= 80 for line in narrow.splitlines())
    assert re.search(r"^~ L    1 The council met on Monday\.$", narrow, re.M)  # stacked below 100
    coloured = external(repo, "diff", options="--color 16").stdout
    assert f"{ESC}[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == external(repo, "diff").stdout
    # Under git's pager (which shows the output on a terminal) auto colours, as git itself does.
    paged = external(repo, "diff", env={"GIT_PAGER_IN_USE": "true", "TERM": "xterm-256color"}).stdout
    assert f"{ESC}[" in paged
    no_colour = external(repo, "diff", env={"GIT_PAGER_IN_USE": "true", "TERM": "xterm-256color",
                                             "NO_COLOR": "1"}).stdout
    assert f"{ESC}[9m" in no_colour or ";9m" in no_colour or "[9;" in no_colour  # strike, no colour
    assert not re.search(r"\x1b\[[0-9;]*3[0-7][;m]", no_colour)


def test_diptych_alone_as_git_external_diff(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("report.md", FINAL)
    result = repo.git("diff", env={"GIT_EXTERNAL_DIFF": diptych_command(), "COLUMNS": "120"}, check=False)
    assert result.returncode == 0, result.stderr
    assert titles(result.stdout) == ["report.md"]


def test_a_word_file_is_compared_as_word(repo: Repo) -> None:
    repo.commit("draft", {"report.docx": docx(p("The council met on Monday."))})
    repo.write("report.docx", docx(p("The council met on Tuesday.")))
    out = external(repo, "diff").stdout
    assert "report.docx (" in out and "Word" in out.splitlines()[1]  # the format, as the app names it
    assert re.search(r"¶1 The council met on Monday\. +~ +¶1 The council met on Tuesday\.", out)


def test_an_unmerged_file_says_so_and_git_goes_on(repo: Repo) -> None:
    repo.commit("draft", {"report.md": DRAFT, "other.md": "One.\n"})
    repo.git("checkout", "-q", "-b", "theirs")
    repo.commit("theirs", {"report.md": DRAFT.replace("Monday", "Wednesday")})
    repo.git("checkout", "-q", "main")
    repo.commit("ours", {"report.md": FINAL})
    assert repo.git("merge", "theirs", check=False).returncode != 0  # a conflict
    repo.write("other.md", "Two.\n")
    repo.git("add", "other.md")
    out = external(repo, "diff", "--cached").stdout  # git's one-argument call for report.md
    assert "── report.md ── unmerged: resolve the conflict, then compare ─" in out
    assert sorted(titles(out)) == ["other.md", "report.md"]  # git went on to the next file


def test_a_call_that_is_not_gits_exits_2_with_one_line(repo: Repo) -> None:
    alone = repo.diptych("--git-external-diff")
    assert alone.returncode == 2 and alone.stderr.count("\n") == 1
    assert "GIT_EXTERNAL_DIFF='diptych --git-external-diff'" in alone.stderr
    bad_option = repo.diptych("--git-external-diff", "--colour", "16", "report.md")
    assert bad_option.returncode == 2 and bad_option.stderr.count("\n") == 1


def test_git_arguments_are_told_by_their_shape() -> None:
    hex_a, hex_b = "a" * 40, "b" * 40
    seven = ["-odd name.md", "/tmp/x", hex_a, "100644", "-odd name.md", hex_b, "100644"]
    assert git_argument_count(["--color", "16", *seven]) == 7
    call = parse_call(seven)
    assert call.path == "-odd name.md" and call.old.object_id == hex_a and call.new.mode == "100644"
    nine = ["a.md", "/tmp/x", hex_a, "100644", "/tmp/y", hex_b, "100755", "b.md",
            "similarity index 90%\nrename from a.md\nrename to b.md\n"]
    assert git_argument_count(["--unit", "sentence", *nine]) == 9
    renamed = parse_call(nine)
    assert renamed.path == "b.md" and renamed.old.path == "a.md"
    assert renamed.describe() == "renamed from a.md (90% similar); mode 100644 → 100755"
    added = parse_call(["new.md", "/dev/null", ".", ".", "/tmp/z", hex_b, "100644"])
    assert not added.old.exists and added.describe() == "new file"
    assert git_argument_count(["only-path.md"]) == 1 and parse_call(["only-path.md"]).unmerged



@pytest.mark.slow
def test_in_a_terminal_through_gits_pager(repo: Repo, tmp_path) -> None:
    """`git diff` in a real terminal: git's pager (less) shows the render at the terminal's width
    (git passes it as COLUMNS) and in colour (GIT_PAGER_IN_USE: auto paints for the pager)."""
    from tests.robustness.terminal import Terminal, require_tmux

    require_tmux()
    repo.commit("draft", {"report.md": DRAFT})
    repo.write("report.md", FINAL)
    home = tmp_path / "term"
    home.mkdir()
    terminal = Terminal(home, width=110, height=40, env={
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "less", "LESS": "FRX",
    })
    try:
        command = shlex.quote(f"{diptych_command()} --git-external-diff")
        terminal.run(f"cd {repo.path} && GIT_EXTERNAL_DIFF={command} git diff; echo DONE-$?")
        terminal.wait_for_text(r"DONE-0", timeout=60)
        screen = terminal.screen()
        title = next(line for line in screen.splitlines() if line.startswith("── report.md ──"))
        assert cell_len(title.rstrip()) == 110  # COLUMNS from git: the terminal's width
        assert re.search(r"1 The council met on Monday\. +~ +1 The council met on Tuesday\.", screen)
        painted = terminal.screen(escapes=True)
        assert re.search(r"\x1b\[[0-9;]*3[123]m", painted), "no colour through git's pager"
    finally:
        terminal.close()
