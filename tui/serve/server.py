"""textual-serve's Server with diptych's page and a guard against other web sites.

textual-serve (pinned in pyproject.toml) serves a page whose script opens a websocket; for each
websocket it starts the command line with /bin/sh (see session.py) and relays the app's screen
and the browser's keys. Browsers let any web site open a websocket to 127.0.0.1, and a site
whose name is re-pointed at 127.0.0.1 (DNS rebinding) can also read pages there: the guard
refuses requests from another origin, and, while only this machine can connect, any host name
but localhost or an IP address.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class DiptychServer(Server):
    def __init__(self, command: str, host: str, port: int, documents: str, loopback_only: bool) -> None:
        super().__init__(command, host=host, port=port, title=f"diptych — {documents}",
                         templates_path=TEMPLATES)
        self.documents = documents
        self.loopback_only = loopback_only
        self._sessions: set[asyncio.Task[object]] = set()  # the handlers of open websockets

    async def _make_app(self) -> web.Application:  # textual-serve's hook that builds the web app
        app = await super()._make_app()
        app.middlewares.extend([self._guard, self._track_sessions])
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        problem = request_problem(request.host, request.headers.get("Origin"), self.loopback_only)
        if problem:
            raise web.HTTPForbidden(text=f"diptych: {problem}\n")
        return await handler(request)

    @web.middleware
    async def _track_sessions(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        task = asyncio.current_task()
        if request.path != "/ws" or task is None:
            return await handler(request)
        self._sessions.add(task)
        try:
            return await handler(request)
        finally:
            self._sessions.discard(task)

    async def on_startup(self, app: web.Application) -> None:
        # Instead of textual-serve's banner, which shows the whole command line.
        print(f"diptych: serving {self.documents} at {page_url(self.host, self.port)} (ctrl+c stops)",
              flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: end every open session now (textual-serve then tells its app to quit and
        closes the websocket), rather than wait for aiohttp's shutdown timeout."""
        for task in list(self._sessions):
            task.cancel()


def request_problem(host: str, origin: str | None, loopback_only: bool) -> str | None:
    """Why a request must be refused, or None. `host` is the Host header, `origin` the Origin."""
    if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
        return "this page only answers itself (the request came from another origin)"
    if loopback_only and not _local_name(host):
        return "served on this machine only: open it as localhost or 127.0.0.1"
    return None


def _local_name(host: str) -> bool:
    """localhost or an IP address: names a DNS answer cannot re-point at this server."""
    try:
        name = urlsplit(f"//{host}").hostname or ""
    except ValueError:
        return False
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def page_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
