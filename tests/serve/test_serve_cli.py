"""`diptych --serve` on the command line: bad input fails before serving (one line, status 2, no
traceback, nothing listening), the default address is this machine only, and another address is
served with a warning."""

from __future__ import annotations

import os
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .served import SEEDS, Served, copy_seeds, installed_diptych, quiet_env

pytestmark = pytest.mark.slow


def run_serve(workdir: Path, *args: str, env: dict[str, str] | None = None,
              stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`diptych --serve ARGS` that must stop by itself: serving would run until the timeout."""
    return subprocess.run(
        [str(installed_diptych()), "--serve", *args], cwd=workdir, env=env or quiet_env(workdir),
        input=stdin, capture_output=True, text=True, timeout=60, check=False,
    )


def assert_one_line_error(out: subprocess.CompletedProcess[str], *words: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("diptych: "), out.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    copy_seeds(tmp_path)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "a directory").mkdir()
    return tmp_path


LEFT, RIGHT = (f"seeds/{seed.name}" for seed in SEEDS)


@pytest.mark.parametrize(("args", "words"), [
    ([LEFT, "missing.txt"], ["missing.txt"]),
    ([LEFT, "binary.txt"], ["binary.txt", "binary"]),
    (["a directory", RIGHT], ["a directory"]),
    (["--port", "0", LEFT, RIGHT], ["--port", "1 to 65535"]),
    (["--port", "65536", LEFT, RIGHT], ["--port", "65536"]),
    (["--port", "eighty", LEFT, RIGHT], ["--port", "eighty"]),
    (["--host", "192.0.2.1", LEFT, RIGHT], ["192.0.2.1", "not an address of this machine"]),
    (["--review", "a directory", LEFT, RIGHT], ["a directory"]),
    (["--json", LEFT, RIGHT], ["--serve", "--json"]),
    (["--screenshot", "x.svg", LEFT, RIGHT], ["--serve", "--screenshot"]),
    (["-", RIGHT], ["standard input"]),
], ids=["missing", "binary", "directory", "port-0", "port-too-big", "port-not-a-number",
        "host-not-here", "review-directory", "with-json", "with-screenshot", "stdin"])
def test_bad_input_fails_before_serving(workdir: Path, args: list[str], words: list[str]) -> None:
    assert_one_line_error(run_serve(workdir, *args, stdin="some text\n"), *words)


def test_a_pipe_cannot_be_served(workdir: Path) -> None:
    fifo = workdir / "pipe.txt"
    os.mkfifo(fifo)
    # Something must write into the FIFO, or reading it would wait for a writer.
    writer = subprocess.Popen(["sh", "-c", f"printf 'Some text.\\n' > {fifo}"])
    try:
        assert_one_line_error(run_serve(workdir, LEFT, "pipe.txt"), "pipe.txt", "regular files")
    finally:
        writer.kill()
        writer.wait()


def test_a_keymap_that_cannot_be_used_fails_before_serving(workdir: Path) -> None:
    keymap = workdir / "keymap.toml"
    keymap.write_text("[keymap]\n\"diptych.nothing\" = \"z\"\n")
    env = {**quiet_env(workdir), "DIPTYCH_KEYMAP": str(keymap)}
    assert_one_line_error(run_serve(workdir, LEFT, RIGHT, env=env), "diptych.nothing")


def test_a_port_in_use_fails_before_serving(workdir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = run_serve(workdir, "--port", str(port), LEFT, RIGHT)
    assert_one_line_error(out, str(port), "already in use")


@pytest.mark.parametrize("args", [["--host", "127.0.0.1"], ["--port", "8000"]])
def test_host_and_port_go_with_serve(workdir: Path, args: list[str]) -> None:
    out = subprocess.run([str(installed_diptych()), "--json", *args, LEFT, RIGHT], cwd=workdir,
                         env=quiet_env(workdir), capture_output=True, text=True, timeout=60, check=False)
    assert_one_line_error(out, "--host and --port go with --serve")


def test_by_default_only_this_machine_can_connect(workdir: Path) -> None:
    served = Served(workdir, [LEFT, RIGHT])
    try:
        served.wait_ready()
        listening = _listening_addresses(served.process.pid, served.port)
    finally:
        status = served.stop()
    assert status == 0, served.output()
    assert listening == {"127.0.0.1"}
    assert "warning" not in served.err.read_text()
    assert f"at http://127.0.0.1:{served.port}/" in served.out.read_text()


def test_all_interfaces_only_when_asked_and_with_a_warning(workdir: Path) -> None:
    served = Served(workdir, ["--host", "0.0.0.0", LEFT, RIGHT])
    try:
        served.wait_ready()
        listening = _listening_addresses(served.process.pid, served.port)
        # Reached under another name than localhost: no longer refused, as anyone may connect.
        with urllib.request.urlopen(urllib.request.Request(
                served.url, headers={"Host": f"newsroom.example:{served.port}"}), timeout=30) as page:
            assert page.status == 200
    finally:
        status = served.stop()
    assert status == 0, served.output()
    assert listening == {"0.0.0.0"}
    warning = served.err.read_text().splitlines()
    assert len(warning) == 1 and warning[0].startswith("diptych: warning: "), warning
    assert "anyone who can reach port" in warning[0] and "can read both documents" in warning[0]


def _listening_addresses(pid: int, port: int) -> set[str]:
    """The local addresses of `pid`'s listening TCP sockets on `port`, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    found = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port and fields[9] in inodes:  # 0A: LISTEN
                found.add(_address(address, width))
    return found


def _address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    if width == 8:  # one little-endian 32-bit word
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)
