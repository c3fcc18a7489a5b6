"""Every kind of input a user can hand diptych gets a correct comparison or a one-line refusal.

The command line runs in a subprocess, as a user runs it: exit 0/1 with correct JSON, or exactly
one line on stderr and exit 2 — never a traceback.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .helpers import Outcome, check_offsets, expect_error, expect_json, run_cli, side_texts

OLD = "The council met on Monday.\n\nNine members voted for the plan.\n\nThe vote was close.\n"
NEW = "The council met on Monday.\n\nEight members voted for the plan.\n\nThe vote was close.\n"
ACCENTED = "Le café est très « bon » – naïve façade, 5 €.\n\nDeuxième paragraphe, sans accent grave.\n"


@pytest.fixture
def old_new(tmp_path: Path) -> tuple[Path, Path]:
    left, right = tmp_path / "old.txt", tmp_path / "new.txt"
    left.write_text(OLD, encoding="utf-8")
    right.write_text(NEW, encoding="utf-8")
    return left, right


def _only_change_is_nine_to_eight(report: dict) -> None:
    kinds = [b["kind"] for b in report["blocks"]]
    assert kinds == ["equal", "changed", "equal"]
    changed = report["blocks"][1]
    assert changed["left"]["text"] == "Nine members voted for the plan."
    assert changed["right"]["text"] == "Eight members voted for the plan."
    assert (changed["left"]["start_line"], changed["right"]["start_line"]) == (3, 3)


# -- files that cannot be compared ---------------------------------------------------------------


def test_missing_file(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    expect_error(run_cli("--json", old_new[0], missing), str(missing), "no such file")
    expect_error(run_cli(missing, old_new[0]), "no such file")  # the app path checks first, too


def test_directory(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    expect_error(run_cli("--json", tmp_path, old_new[1]), str(tmp_path), "directory")


# As root, file modes do not stop reading: the check then runs as root without the two
# capabilities that bypass them (util-linux's setpriv, present on every Debian).
_WITHOUT_DAC_OVERRIDE = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def _unprivileged_wrapper() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, where chmod 000 does not stop reading, and setpriv is missing")
    probe = subprocess.run([*_WITHOUT_DAC_OVERRIDE, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE: {probe.stderr.decode().strip()}")
    return _WITHOUT_DAC_OVERRIDE


def test_no_read_permission(tmp_path: Path, old_new: tuple[Path, Path]) -> None:
    wrapper = _unprivileged_wrapper()
    locked = tmp_path / "locked.txt"
    locked.write_text(NEW)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(NEW)
    locked.chmod(0o000)
    closed.chmod(0o000)
    try:
        expect_error(run_cli("--json", old_new[0], locked, wrapper=wrapper), str(locked), "permission denied")
        expect_error(run_cli("--json", closed / "inside.txt", old_new[0], wrapper=wrapper),
                     "inside.txt", "permission denied")
        expect_error(run_cli("--json", closed, old_new[0], wrapper=wrapper), "closed")
    finally:
        closed.chmod(0o755)
        locked.chmod(0o644)


def test_binary_file(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    expect_error(run_cli("--json", old_new[0], binary), str(binary), "binary")


def test_only_one_path_or_two_stdins(old_new: tuple[Path, Path]) -> None:
    expect_error(run_cli("--json", old_new[0]), "LEFT and RIGHT")
    expect_error(run_cli("--json", "-", "-", stdin=b"x"), "standard input")


def test_bad_option_is_one_line() -> None:
    expect_error(run_cli("--json", "--threshold", "2", "a", "b"), "threshold")
    expect_error(run_cli("--color", "rainbow"), "--color")


# -- size limits: endless or huge inputs stop with a message ---------------------------------------


def test_zero_device_hits_the_size_limit(old_new: tuple[Path, Path]) -> None:
    expect_error(run_cli("--json", old_new[0], "/dev/zero"), "/dev/zero", "MiB limit")


def test_endless_stdin_hits_the_size_limit(old_new: tuple[Path, Path]) -> None:
    producer = subprocess.Popen(["yes", "an endless line of text"], stdout=subprocess.PIPE)
    try:
        assert producer.stdout is not None
        outcome = run_cli("--json", old_new[0], "-", stdin=producer.stdout)
    finally:
        producer.kill()
        producer.wait()
    expect_error(outcome, "standard input", "MiB limit")


def test_five_megabyte_single_line(tmp_path: Path) -> None:
    words = ("river", "stone", "quiet", "house", "nine", "lamp", "orchard", "glass")
    line = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(850_000))
    assert len(line) > 5_000_000
    changed = line[:2_500_000] + line[2_500_000:].replace(" nine ", " eight ", 1)
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(line + "\n")
    right.write_text(changed + "\n")
    report = expect_json(run_cli("--json", left, right), 1)
    (block,) = report["blocks"]
    assert block["kind"] == "changed"
    assert (block["left"]["start_line"], block["left"]["end_line"]) == (1, 1)
    assert (block["left"]["start_offset"], block["left"]["end_offset"]) == (0, len(line))
    assert block["right"]["end_offset"] == len(changed)
    (op,) = [w for w in block["words"] if w["tag"] != "equal"]
    lo, hi = op["left"]
    ro, rhi = op["right"]
    assert (line[lo:hi], changed[ro:rhi]) == ("nine", "eight")
    assert op["numeric"] is True


# -- empty, identical, the same file ----------------------------------------------------------------


def test_empty_files(tmp_path: Path, old_new: tuple[Path, Path]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = expect_json(run_cli("--json", empty, tmp_path / "empty.txt"), 0)
    assert report["blocks"] == []
    assert report["left"]["line_count"] == 0
    # Everything on the other side is right-only, and every passage of it is there.
    report = expect_json(run_cli("--json", empty, old_new[1]), 1)
    assert {b["kind"] for b in report["blocks"]} == {"right_only"}
    assert side_texts(report, "right") == [
        "The council met on Monday.", "Eight members voted for the plan.", "The vote was close."]
    report = expect_json(run_cli("--json", old_new[0], "/dev/null"), 1)
    assert {b["kind"] for b in report["blocks"]} == {"left_only"}


def test_blank_only_file_against_empty(tmp_path: Path) -> None:
    blank, empty = tmp_path / "blank.txt", tmp_path / "empty.txt"
    blank.write_text("\n  \n\t\n\n")
    empty.write_text("")
    report = expect_json(run_cli("--json", blank, empty), 0)
    assert report["blocks"] == []


def test_same_path_twice(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    left = old_new[0]
    report = expect_json(run_cli("--json", left, left), 0)
    assert report["stats"]["differences"] == 0
    assert side_texts(report, "left") == side_texts(report, "right")
    assert "same file" in report["right"]["note"]
    # Other spellings of the same file are recognised too.
    report = expect_json(run_cli("--json", "old.txt", f"../{tmp_path.name}/./old.txt",
                                 cwd=tmp_path), 0)
    assert "same file" in report["right"]["note"]


def test_same_fifo_twice_is_read_once(tmp_path: Path) -> None:
    """A named pipe can be read only once; given twice, it is still compared (with itself)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as handle:
            handle.write(OLD)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    report = expect_json(run_cli("--json", fifo, fifo, timeout=30), 0)
    writer.join(5)
    assert side_texts(report, "right") == side_texts(report, "left") == [
        "The council met on Monday.", "Nine members voted for the plan.", "The vote was close."]


def test_identical_contents(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(OLD)
    report = expect_json(run_cli("--json", old_new[0], copy), 0)
    assert [b["kind"] for b in report["blocks"]] == ["equal"] * 3
    assert "note" not in report["right"]


def test_ordinary_difference(old_new: tuple[Path, Path]) -> None:
    report = expect_json(run_cli("--json", *old_new), 1)
    _only_change_is_nine_to_eight(report)
    check_offsets(report, "left", OLD)
    check_offsets(report, "right", NEW)


# -- standard input ---------------------------------------------------------------------------------


def test_stdin_as_either_side(old_new: tuple[Path, Path]) -> None:
    report = expect_json(run_cli("--json", old_new[0], "-", stdin=NEW.encode()), 1)
    assert report["right"]["path"] == "-"
    _only_change_is_nine_to_eight(report)
    report = expect_json(run_cli("--json", "-", old_new[1], stdin=OLD.encode()), 1)
    _only_change_is_nine_to_eight(report)


def test_stdin_from_a_pipe_of_another_process(old_new: tuple[Path, Path]) -> None:
    producer = subprocess.Popen(["cat", str(old_new[1])], stdout=subprocess.PIPE)
    try:
        outcome = run_cli("--json", old_new[0], "-", stdin=producer.stdout)
    finally:
        producer.wait()
    _only_change_is_nine_to_eight(expect_json(outcome, 1))


def test_stdin_for_the_app_without_a_terminal(old_new: tuple[Path, Path]) -> None:
    """The app reads keys from the terminal when stdin was the document; with none, it says so."""
    outcome = run_cli(old_new[0], "-", stdin=NEW.encode(), start_new_session=True)
    expect_error(outcome, "standard input", "terminal")


# -- encodings and line ends ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        (codecs.BOM_UTF8 + NEW.encode("utf-8"), "utf-8 (BOM)"),
        (codecs.BOM_UTF16_LE + NEW.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + NEW.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + NEW.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom"],
)
def test_byte_order_marks(tmp_path: Path, old_new: tuple[Path, Path], raw: bytes, label: str) -> None:
    marked = tmp_path / "marked.txt"
    marked.write_bytes(raw)
    # Decoded without the mark: same as the plain UTF-8 file, offsets from the first letter.
    report = expect_json(run_cli("--json", old_new[1], marked), 0)
    assert report["right"]["encoding"] == label
    assert report["blocks"][0]["right"]["start_offset"] == 0
    assert report["blocks"][0]["right"]["text"] == "The council met on Monday."
    check_offsets(report, "right", NEW)
    _only_change_is_nine_to_eight(expect_json(run_cli("--json", old_new[0], marked), 1))


def test_truncated_utf16_after_its_mark(tmp_path: Path, old_new: tuple[Path, Path]) -> None:
    broken = tmp_path / "broken16.txt"
    broken.write_bytes(codecs.BOM_UTF16_LE + NEW.encode("utf-16-le")[:-1])
    expect_error(run_cli("--json", old_new[0], broken), str(broken), "utf-16-le")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    text = ACCENTED if encoding == "cp1252" else ACCENTED.replace("–", "-").replace("€", "EUR")
    utf8, legacy = tmp_path / "utf8.txt", tmp_path / "legacy.txt"
    utf8.write_text(text, encoding="utf-8")
    legacy.write_bytes(text.encode(encoding))
    report = expect_json(run_cli("--json", utf8, legacy), 0)  # same text once decoded
    assert report["right"]["encoding"] == "cp1252"
    assert "not valid UTF-8" in report["right"]["note"]
    assert side_texts(report, "right")[0].startswith("Le café est très")


def test_short_latin1_word(tmp_path: Path) -> None:
    """Statistical detection alone reads a lone "café" as an Urdu code page."""
    legacy = tmp_path / "short.txt"
    legacy.write_bytes("café\n".encode("latin-1"))
    report = expect_json(run_cli("--json", legacy, legacy), 0)
    assert side_texts(report, "left") == ["café"]


def test_non_western_legacy_encoding(tmp_path: Path) -> None:
    text = "Привет, как дела? Это тестовый текст на русском языке.\n"
    utf8, legacy = tmp_path / "utf8.txt", tmp_path / "cp1251.txt"
    utf8.write_text(text, encoding="utf-8")
    legacy.write_bytes(text.encode("cp1251"))
    report = expect_json(run_cli("--json", utf8, legacy), 0)
    assert side_texts(report, "right") == [text.strip()]


def test_invalid_utf8_bytes(tmp_path: Path, old_new: tuple[Path, Path]) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(NEW.replace("Eight", "Eïght").encode("utf-8").replace(b"close", b"cl\xffse\xc3"))
    report = expect_json(run_cli("--json", old_new[1], damaged), 1)
    assert report["right"]["encoding"] == "utf-8"
    assert "invalid UTF-8" in report["right"]["note"]
    texts = side_texts(report, "right")
    assert "Eïght members voted for the plan." in texts  # the readable UTF-8 survives
    assert "The vote was cl\ufffdse\ufffd." in texts


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_ends(tmp_path: Path, old_new: tuple[Path, Path], line_end: str) -> None:
    other = tmp_path / "other-ends.txt"
    other.write_bytes(NEW.replace("\n", line_end).encode())
    report = expect_json(run_cli("--json", old_new[1], other), 0)
    for side in ("left", "right"):
        assert [b[side]["start_line"] for b in report["blocks"]] == [1, 3, 5]
        check_offsets(report, side, NEW)  # offsets count one character per line end
    assert report["right"]["line_count"] == 5
    _only_change_is_nine_to_eight(expect_json(run_cli("--json", old_new[0], other), 1))


def test_mixed_line_ends(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"One.\r\n\r\nTwo.\r\rThree.\n\nFour.")
    report = expect_json(run_cli("--json", mixed, mixed), 0)
    assert side_texts(report, "left") == ["One.", "Two.", "Three.", "Four."]
    assert [b["left"]["start_line"] for b in report["blocks"]] == [1, 3, 5, 7]


# -- paths ------------------------------------------------------------------------------------------


def test_symlink(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(old_new[1])
    report = expect_json(run_cli("--json", old_new[0], link), 1)
    assert report["right"]["path"] == str(link)
    _only_change_is_nine_to_eight(report)


def test_broken_and_looping_symlinks(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    expect_error(run_cli("--json", old_new[0], dangling), str(dangling), "no such file")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    expect_error(run_cli("--json", loop, old_new[0]), str(loop))


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "drafts & notes"
    folder.mkdir()
    left, right = folder / "Ancienne version é 版本.txt", folder / "new – final (2).txt"
    left.write_text(OLD)
    right.write_text(NEW)
    report = expect_json(run_cli("--json", left, right), 1)
    assert (report["left"]["path"], report["right"]["path"]) == (str(left), str(right))
    _only_change_is_nine_to_eight(report)
    expect_error(run_cli("--json", left, folder / "missing ü.txt"), "missing ü.txt", "no such file")


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw_name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw_name, "wb") as handle:
        handle.write(OLD.encode())
    name = os.fsdecode(raw_name)
    report = expect_json(run_cli("--json", name, name), 0)
    assert report["left"]["path"].endswith("caf\udce9.txt")  # escaped, still valid JSON


def test_json_is_utf8_whatever_the_locale(old_new: tuple[Path, Path], tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_text("会议于周一召开。\n\nNine members — “voted”.\n")
    report = expect_json(run_cli("--json", old_new[0], wide, env={"PYTHONIOENCODING": "ascii",
                                                                 "LC_ALL": "C"}), 1)
    assert "会议于周一召开。" in side_texts(report, "right")


@pytest.mark.parametrize(("options", "status"), [("--json", 1), ("--report markdown", 0)])
def test_reader_that_goes_away(tmp_path: Path, options: str, status: int) -> None:
    """`diptych --json a b | head -c 100`: no traceback, no noise, and the status the whole output
    would have given (with pipefail the shell sees it): the reader had what it wanted."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Paragraph number {i} says something.\n\n" for i in range(30_000)))
    pipeline = subprocess.run(
        ["bash", "-o", "pipefail", "-c",
         f"{sys.executable} -m tui {options} {big} /dev/null | head -c 100 > /dev/null"],
        capture_output=True, cwd=Path(__file__).resolve().parents[2], check=False,
    )
    assert pipeline.stderr.decode() == ""
    assert pipeline.returncode == status


def test_app_without_a_terminal_refuses_instead_of_hanging(old_new: tuple[Path, Path]) -> None:
    """`diptych a b < /dev/null` (a script, cron, CI): a message, not a wait for keys forever."""
    expect_error(run_cli(*old_new, timeout=30), "terminal", "--json")


def test_process_substitution(old_new: tuple[Path, Path]) -> None:
    """`diptych <(curl old) <(curl new)`: two pipes under /dev/fd, each read once."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = f'"{sys.executable}" -m tui --json <(cat "{old_new[0]}") <(cat "{old_new[1]}")'
    proc = subprocess.run(["bash", "-c", script], capture_output=True, cwd=old_new[0].parent,
                          timeout=60, check=False)
    report = expect_json(Outcome(proc.returncode, proc.stdout, proc.stderr.decode()), 1)
    assert report["left"]["path"].startswith("/dev/fd/")
    _only_change_is_nine_to_eight(report)


def test_odd_path_spellings(old_new: tuple[Path, Path]) -> None:
    expect_error(run_cli("--json", "", old_new[1]), "empty file name")
    # A trailing slash asks for a directory: refused, as cat refuses it, not silently dropped.
    expect_error(run_cli("--json", f"{old_new[0]}/", old_new[1]), "Not a directory")


@pytest.mark.parametrize(
    "name",
    ["two\nlines.txt", "title\x1b]0;pwned\x07.txt", "clear\x1b[2J.txt", "\u202etxt.exe", "c1\x9b31m.txt"],
    ids=["newline", "osc-title", "clear-screen", "bidi-override", "c1-csi"],
)
def test_hostile_file_names_in_messages(tmp_path: Path, old_new: tuple[Path, Path], name: str) -> None:
    """A file name is data: the error stays on one line and sends no control to the terminal."""
    outcome = run_cli("--json", tmp_path / name, old_new[1])
    message = expect_error(outcome, "no such file")
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in message)
    assert repr(name)[1:-1] in message  # shown escaped, so the user can still tell which file


def test_hostile_file_name_that_exists(tmp_path: Path, old_new: tuple[Path, Path]) -> None:
    hostile = tmp_path / "x\x1b]0;pwned\x07\n.txt"
    hostile.write_text(NEW)
    report = expect_json(run_cli("--json", old_new[0], hostile), 1)
    assert report["right"]["path"] == str(hostile)  # JSON escapes it; the exact name survives
    _only_change_is_nine_to_eight(report)
