"""The browser sessions of `diptych --serve`: the command textual-serve hands to /bin/sh, the guard
against other web sites, and a real session over textual-serve's websocket (no browser needed)."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tui.engine.model import AlignOptions
from tui.serve.server import request_problem
from tui.serve.session import session_argv, session_command

from .served import SEEDS, Served, installed_diptych, quiet_env

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")

HOSTILE_NAMES = [
    "plain.txt", "two words.txt", "it's.txt", 'say "hi".txt', "$(touch INJECTED).txt", "`touch INJECTED`.txt",
    "a;touch INJECTED.txt", "-starts-with-dash.txt", "--review=x.txt", "back\\slash.txt", "star*.txt",
    "new\nline.txt", "ünïcödé ↔.txt", "~tilde.txt", "$HOME.txt",
]


def test_the_shell_sees_each_argument_as_it_was(tmp_path: Path) -> None:
    printf = shutil.which("printf") or "/usr/bin/printf"
    argv = [printf, "%s\\0", *HOSTILE_NAMES]
    out = subprocess.run(["/bin/sh", "-c", session_command(argv)], cwd=tmp_path, capture_output=True,
                         check=True, timeout=30)
    assert out.stdout.decode().split("\0")[:-1] == HOSTILE_NAMES
    assert not (tmp_path / "INJECTED").exists()


def test_the_session_repeats_the_comparison_options() -> None:
    options = AlignOptions(unit="sentence", threshold=0.65, normalize=False, markup=False)
    argv = session_argv("-left.txt", "right.txt", options, "-marks.sqlite3", "auto")
    assert argv[1:3] == ["-m", "tui"]
    assert argv[-3:] == ["--", "-left.txt", "right.txt"]  # names after "--": never options
    tail = argv[3:-3]
    assert tail[tail.index("--unit") + 1] == "sentence"
    assert float(tail[tail.index("--threshold") + 1]) == 0.65
    assert "--no-normalize" in tail and "--no-markup" in tail
    assert "--review=-marks.sqlite3" in tail  # one word: a review name starting with "-" is a value
    assert tail[tail.index("--color") + 1] == "truecolor"  # the browser's terminal, not the server's TERM
    plain = session_argv("a", "b", AlignOptions(), None, "never")
    assert "--no-normalize" not in plain and "--no-markup" not in plain
    assert not any(a.startswith("--review") for a in plain)
    assert plain[plain.index("--color") + 1] == "never"


def test_the_session_reads_documents_as_the_serving_command_did() -> None:
    page = session_argv("a.html", "b.html", AlignOptions(), None, "never", html="page")
    assert page[page.index("--html") + 1] == "page"
    assert page[-3:] == ["--", "a.html", "b.html"]
    tracked = session_argv("-draft.docx", "-draft.docx", AlignOptions(), None, "never", tracked="-draft.docx")
    assert tracked[-1] == "--tracked=-draft.docx"  # one word: a name starting with "-" is a value
    assert "--" not in tracked


@pytest.mark.parametrize(("host", "origin", "loopback_only", "refused"), [
    ("127.0.0.1:8000", None, True, False),  # the page itself
    ("127.0.0.1:8000", "http://127.0.0.1:8000", True, False),  # its websocket
    ("localhost:9000", "http://localhost:9000", True, False),  # through ssh -L 9000:127.0.0.1:8000
    ("[::1]:8000", "http://[::1]:8000", True, False),
    ("127.0.0.1:8000", "https://evil.example", True, True),  # another site's script
    ("127.0.0.1:8000", "null", True, True),
    ("evil.example:8000", None, True, True),  # a name re-pointed at 127.0.0.1 (DNS rebinding)
    ("evil.example:8000", "http://evil.example:8000", True, True),
    ("newsroom.example:8000", "http://newsroom.example:8000", False, False),  # served to all, by name
    ("newsroom.example:8000", "https://evil.example", False, True),
])
def test_the_guard(host: str, origin: str | None, loopback_only: bool, refused: bool) -> None:
    assert (request_problem(host, origin, loopback_only) is not None) == refused


@pytest.mark.slow
async def test_a_session_over_the_websocket(tmp_path: Path) -> None:
    """What the page's script does: open the websocket, get the app's screen, send keys."""
    left, right = tmp_path / "$(touch INJECTED) <b>it's & co.txt", tmp_path / "-new `touch INJECTED`.txt"
    shutil.copyfile(SEEDS[0], left)
    shutil.copyfile(SEEDS[1], right)
    served = Served(tmp_path, ["--", left.name, right.name])
    try:
        await asyncio.to_thread(served.wait_ready)
        async with aiohttp.ClientSession() as http:
            async with http.get(served.url) as response:
                page = await response.text()
            title = re.search("<title>(.*)</title>", page)
            assert title and html.unescape(title.group(1)) == f"diptych — {left.name} ↔ {right.name}"
            assert "<b>" not in page  # the names are text, never markup
            socket_url = f"ws://127.0.0.1:{served.port}/ws?width=120&height=40"
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(socket_url, origin="https://evil.example")
            assert refused.value.status == 403

            async with http.ws_connect(socket_url, origin=f"http://127.0.0.1:{served.port}") as ws:
                screen = await _read_until(ws, lambda s: "Kremlin" in s and "n/p diff" in s)
                assert left.name in screen and right.name in screen  # the header names both files
                await ws.send_json(["stdin", "n"])
                await _read_until(ws, lambda s: re.search(r"diffs? 1(–\d+)?/\d+", s))
                await ws.send_json(["stdin", "r"])
                await _read_until(ws, lambda s: re.search(r"reviewed [1-9]\d*/", s))
                await ws.send_json(["stdin", "q"])
                await asyncio.wait_for(_until_closed(ws), 60)
    finally:
        status = served.stop()
    assert status == 0, served.output()
    assert not (tmp_path / "INJECTED").exists()
    # The mark went to the default review store, the one `diptych --report` reads.
    out = subprocess.run([str(installed_diptych()), "--report", "json", "--", left.name, right.name],
                         cwd=tmp_path, env=quiet_env(tmp_path), capture_output=True, text=True, timeout=60,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["differences"][0]["reviewed"]


_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07")


async def _read_until(ws, wanted, timeout: float = 60.0) -> str:
    """The app's output, escape sequences removed, read until `wanted(text)` is true."""
    text = ""

    async def read() -> str:
        nonlocal text
        while not wanted(text):
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                text += _ESCAPES.sub("", message.data.decode("utf-8", errors="replace"))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise AssertionError(f"the session ended; it showed: {text[-2000:]}")
        return text

    try:
        return await asyncio.wait_for(read(), timeout)
    except TimeoutError:
        raise AssertionError(f"waited {timeout} s; the session showed: {text[-2000:]}") from None


async def _until_closed(ws) -> None:
    while (await ws.receive()).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
        pass


@pytest.mark.slow
async def test_ctrl_c_ends_open_sessions_at_once(tmp_path: Path) -> None:
    served = Served(tmp_path, [str(seed) for seed in SEEDS])
    try:
        await asyncio.to_thread(served.wait_ready)
        async with aiohttp.ClientSession() as http:
            url = f"ws://127.0.0.1:{served.port}/ws?width=120&height=40"
            async with http.ws_connect(url, origin=f"http://127.0.0.1:{served.port}") as ws:
                await _read_until(ws, lambda s: "n/p diff" in s)
                sessions = _descendants(served.process.pid)
                assert sessions, "no app process runs the session"
                started = time.monotonic()
                served.process.send_signal(signal.SIGINT)
                await asyncio.wait_for(_until_closed(ws), 30)
                status = await asyncio.to_thread(served.process.wait, 30)
                took = time.monotonic() - started
    finally:
        served.stop()
    assert status == 0, served.output()
    # aiohttp alone would wait for open websockets (tens of seconds); a loaded machine is slower.
    assert took < 8, f"ctrl+c took {took:.1f} s with a session open"
    assert not [pid for pid in sessions if _running(pid)], "a session's app outlived the server"


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return [grandchild for child in children for grandchild in [child, *_descendants(child)]]


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
