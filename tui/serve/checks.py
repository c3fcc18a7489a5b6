"""Everything `diptych --serve` checks before it starts serving, so that bad input fails at once
with one line (exit 2) rather than in a browser session later.

Each check raises ServeError with a one-line message.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket

from tui.engine.model import Document
from tui.serve import ServeError


def check_regular_files(left: Document, right: Document) -> None:
    """Each browser session reads the files again: a pipe or a device could be read only once."""
    for doc in (left, right):
        if not os.path.isfile(doc.path):
            raise ServeError(f"{doc.path}: --serve needs regular files (each browser session reads "
                             "them again), not a pipe or a device")


def check_review_store(review: str | None) -> None:
    """A --review file the sessions could not use (the default store has a fallback: memory)."""
    if review is None:
        return
    from tui.review import ReviewStore, ReviewStoreError

    try:
        ReviewStore.open(review).close()
    except ReviewStoreError as exc:
        raise ServeError(str(exc)) from None


def check_keymap() -> None:
    """The user's keymap file: every session would stop on one that cannot be used."""
    from tui.app.keymap import KeymapError, load_keymap

    try:
        load_keymap()
    except KeymapError as exc:
        raise ServeError(str(exc)) from None


def check_port_free(host: str, port: int) -> list[str]:
    """Bind every address `host` resolves to, as the server will, and let go at once.

    Returns those addresses. Address reuse is allowed, as aiohttp allows it, so that a port
    left in TIME_WAIT by a server that just stopped is not reported as taken.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ServeError(f"--host {host}: cannot resolve it ({_reason(exc)})") from None
    addresses = []
    for family, kind, proto, _name, sockaddr in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(sockaddr)
            except OSError as exc:
                raise ServeError(_bind_problem(host, port, sockaddr[0], exc)) from None
        addresses.append(sockaddr[0])
    return addresses


def _bind_problem(host: str, port: int, address: str, exc: OSError) -> str:
    where = host if host == address else f"{host} ({address})"
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {where} is already in use (choose another with --port)"
    if exc.errno == errno.EACCES:
        return f"port {port} on {where}: permission denied (ports below 1024 need privileges)"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"--host {where}: not an address of this machine"
    return f"cannot listen on {where} port {port}: {_reason(exc)}"


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1: only this machine can connect."""
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False
