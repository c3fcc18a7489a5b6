"""Fixtures for the app tests: a factory for the app on the seeds or the council report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_documents import council_documents, seed_documents

from tui.app.app import DiptychApp
from tui.engine.model import AlignOptions

AppFactory = Callable[..., DiptychApp]


@pytest.fixture
def seeds_app() -> AppFactory:
    def make(**options) -> DiptychApp:
        return DiptychApp(*seed_documents(), AlignOptions(**options))

    return make


@pytest.fixture
def council_app() -> AppFactory:
    def make(**options) -> DiptychApp:
        return DiptychApp(*council_documents(), AlignOptions(**options))

    return make
