"""Fixtures for the git tests: a throwaway repository per test (tests/git/repo.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .repo import Repo, git_test_env


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path / "home"
    home.mkdir()
    return Repo(tmp_path / "repo", git_test_env(home))
