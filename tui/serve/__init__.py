"""`diptych --serve`: the app in a browser, one app process per browser session (textual-serve).

Every check runs before serving (checks.py), so bad input fails with one line and status 2.
textual-serve and aiohttp are imported only when serving; importing this package costs nothing
(the command line reads its defaults).
"""

from __future__ import annotations

import sys

from tui.engine.model import AlignOptions, Document

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# The Textual driver textual-serve sets (TEXTUAL_DRIVER) for the app process of a session.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "WEB_DRIVER", "ServeError", "serve_documents"]


class ServeError(Exception):
    """Why `diptych --serve` cannot serve; the message is one line."""


def serve_documents(
    left: Document, right: Document, options: AlignOptions, *, review: str | None, color: str,
    host: str | None = None, port: int | None = None, html: str = "article", tracked: str | None = None,
) -> int:
    """Serve until ctrl+c (or SIGTERM); returns the exit status. Raises ServeError."""
    from tui.serve.checks import (
        check_keymap,
        check_port_free,
        check_regular_files,
        check_review_store,
        is_loopback,
    )
    from tui.serve.session import documents_label, session_argv, session_command

    host = DEFAULT_HOST if host is None else host
    port = DEFAULT_PORT if port is None else port
    check_regular_files(left, right)
    check_review_store(review)
    check_keymap()
    from tui.serve.server import DiptychServer

    addresses = check_port_free(host, port)
    loopback_only = all(is_loopback(address) for address in addresses)
    if not loopback_only:
        print(f"diptych: warning: serving on {host}, not only on this machine: anyone who can reach "
              f"port {port} can read both documents and their review", file=sys.stderr, flush=True)
    command = session_command(session_argv(left.path, right.path, options, review, color, html, tracked))
    server = DiptychServer(command, host, port, documents_label(left, right), loopback_only)
    try:
        server.serve()
    except OSError as exc:  # the port was taken between the check and the server's own bind
        raise ServeError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    return 0
