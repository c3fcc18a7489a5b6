"""Fixtures for the end-to-end tests in real terminals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .terminal import Terminal, require_tmux


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Opens terminals (each with its own working directory under tmp_path); closes them after."""
    require_tmux()
    opened: list[Terminal] = []

    def make(**kwargs) -> Terminal:
        workdir = tmp_path / f"term{len(opened)}"
        workdir.mkdir()
        terminal = Terminal(workdir, **kwargs)
        opened.append(terminal)
        return terminal

    yield make
    for terminal in opened:
        terminal.close()
