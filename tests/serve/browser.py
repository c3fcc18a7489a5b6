"""A real browser for end-to-end tests: headless Chromium driven over the Chrome DevTools protocol.

Chromium starts with a fresh profile and everything that would reach the network switched off.
The page's terminal (xterm.js in textual-serve's script) draws on a canvas, so its text is not in
the DOM: `screen()` reads the terminal's own buffer, found through DevTools' object inspection
(the terminal class is in the closure of the script's window.onload; queryObjects gives its
instance). That is the text xterm.js paints, row by row.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=1280,800",
]

# The terminal's rows as text; `this` is the object of textual-serve's terminal class.
READ_ROWS = """function () {
    const terminal = this.terminal, buffer = terminal.buffer.active, rows = [];
    for (let y = 0; y < terminal.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        rows.push(line ? line.translateToString(true) : "");
    }
    return rows.join("\\n");
}"""

# Called on each function in the closure of window.onload: the prototype of textual-serve's
# terminal class (it has connect() and fit()), else null.
TERMINAL_PROTOTYPE = """function () {
    const p = this.prototype;
    return p && typeof p.connect === "function" && typeof p.fit === "function" ? p : null;
}"""

# Keys as Chromium's input pipeline wants them: (key, code, virtual key code, text).
NAMED_KEYS = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "escape": ("Escape", "Escape", 27, ""),
    "f1": ("F1", "F1", 112, ""),
}
CTRL = 2  # CDP modifier bit


def require_chromium() -> str:
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium with apt-get)")


class Browser:
    """One Chromium, one page. Use as `async with Browser(downloads) as browser:`."""

    def __init__(self, downloads: Path) -> None:
        self.executable = require_chromium()
        self.downloads = downloads
        self.profile = Path(tempfile.mkdtemp(prefix="diptych-chromium-"))
        self.log = self.profile.parent / f"{self.profile.name}.log"
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._terminal: str | None = None  # objectId of the page's terminal object

    async def __aenter__(self) -> Browser:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            )
        try:
            port, browser_path = await self._devtools_address()
            self.http = aiohttp.ClientSession()
            self.socket = await self.http.ws_connect(f"ws://127.0.0.1:{port}{browser_path}", max_msg_size=0)
            self._reader = asyncio.create_task(self._read())
            targets = await self.call("Target.getTargets")
            page = next(t for t in targets["targetInfos"] if t["type"] == "page")
            attached = await self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
            self.session = attached["sessionId"]
            self.downloads.mkdir(parents=True, exist_ok=True)
            await self.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(self.downloads))
        except BaseException:
            await self._close()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._close()

    async def _close(self) -> None:
        with contextlib.suppress(Exception):
            self._reader.cancel()
        with contextlib.suppress(Exception):
            await self.socket.close()
        with contextlib.suppress(Exception):
            await self.http.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    async def _devtools_address(self, timeout: float = 60.0) -> tuple[str, str]:
        """Chromium writes the port it chose, and the browser's websocket path, into the profile."""
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"Chromium stopped at start: {self.log_tail()}")
            lines = marker.read_text().split("\n") if marker.exists() else []
            if len(lines) >= 2 and lines[1]:
                return lines[0], lines[1]
            await asyncio.sleep(0.1)
        raise AssertionError(f"Chromium did not open its DevTools port within {timeout} s: {self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""

    async def _read(self) -> None:
        async for message in self.socket:
            reply = json.loads(message.data)
            future = self._pending.pop(reply.get("id"), None)
            if future is not None and not future.done():
                future.set_result(reply)

    async def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """A DevTools command, to the browser or (session=True) to the page; returns its result."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        await self.socket.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 60)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    async def page(self, method: str, **params: Any) -> dict[str, Any]:
        return await self.call(method, session=True, **params)

    async def open(self, url: str) -> None:
        await self.page("Page.navigate", url=url)
        self._terminal = None

    async def evaluate(self, expression: str) -> Any:
        result = await self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    # -- the terminal in the page --------------------------------------------------------------

    async def screen(self) -> str:
        """The terminal's rows, as xterm.js paints them ("" before the terminal exists)."""
        if self._terminal is None:
            self._terminal = await self._find_terminal()
            if self._terminal is None:
                return ""
        result = await self.page("Runtime.callFunctionOn", objectId=self._terminal,
                                 functionDeclaration=READ_ROWS, returnByValue=True)
        return result["result"].get("value") or ""

    async def _find_terminal(self) -> str | None:
        onload = await self.page("Runtime.evaluate", expression="window.onload")
        if "objectId" not in onload["result"]:
            return None  # the script has not run yet
        for scope in await self._internal(onload["result"]["objectId"], "[[Scopes]]"):
            for variable in await self._properties(scope):
                value = variable.get("value", {})
                if value.get("type") != "function" or "objectId" not in value:
                    continue
                prototype = await self._call_on(value["objectId"], TERMINAL_PROTOTYPE)
                if prototype is None:
                    continue
                instances = await self.page("Runtime.queryObjects", prototypeObjectId=prototype)
                return await self._call_on(instances["objects"]["objectId"], "function () { return this[0] }")
        return None

    async def _call_on(self, object_id: str, function: str) -> str | None:
        """The object id of what `function` returns when called on the object (None: nothing)."""
        result = await self.page("Runtime.callFunctionOn", objectId=object_id, functionDeclaration=function)
        return result["result"].get("objectId")

    async def _internal(self, object_id: str, name: str) -> list[str]:
        """The object ids of the entries of an internal property such as [[Scopes]]."""
        props = await self.page("Runtime.getProperties", objectId=object_id, ownProperties=True)
        holder = next((p for p in props.get("internalProperties", []) if p["name"] == name), None)
        if holder is None:
            return []
        return [p["value"]["objectId"] for p in await self._properties(holder["value"]["objectId"])
                if "objectId" in p.get("value", {})]

    async def _properties(self, object_id: str) -> list[dict[str, Any]]:
        props = await self.page("Runtime.getProperties", objectId=object_id, ownProperties=True)
        return props["result"]

    async def wait_for(self, wanted: Callable[[str], object], what: str, timeout: float = 60.0) -> str:
        """Poll the screen until `wanted(screen)` is true; returns that screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = await self.screen()
            if wanted(screen):
                return screen
            await asyncio.sleep(0.2)
        raise AssertionError(f"waited {timeout} s for {what}; the page shows:\n{screen}")

    # -- keys ----------------------------------------------------------------------------------

    async def focus_terminal(self) -> None:
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

    async def press(self, *keys: str) -> None:
        """Keys as a user types them: a character, a name in NAMED_KEYS, or "ctrl+<letter>"."""
        for key in keys:
            if key.startswith("ctrl+"):
                letter = key.removeprefix("ctrl+")
                down = {"key": letter, "code": f"Key{letter.upper()}",
                        "windowsVirtualKeyCode": ord(letter.upper()), "modifiers": CTRL}
                await self.page("Input.dispatchKeyEvent", type="rawKeyDown", **down)
                await self.page("Input.dispatchKeyEvent", type="keyUp", **down)
                continue
            name, code, vk, text = NAMED_KEYS.get(key) or (key, _code(key), _virtual_key(key), key)
            event = {"key": name, "code": code, "windowsVirtualKeyCode": vk}
            await self.page("Input.dispatchKeyEvent", type="keyDown", text=text, **event)
            await self.page("Input.dispatchKeyEvent", type="keyUp", **event)

    async def screenshot(self, path: Path) -> None:
        shot = await self.page("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


def _virtual_key(char: str) -> int:
    return ord(char.upper()) if char.isascii() and char.isalnum() else 0


def _code(char: str) -> str:
    if re.fullmatch("[a-zA-Z]", char):
        return f"Key{char.upper()}"
    if char.isdigit():
        return f"Digit{char}"
    return ""
