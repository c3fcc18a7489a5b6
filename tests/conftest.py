"""Shared fixtures: paths to the seeds and small helpers to build documents from text."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def seed_paths() -> tuple[Path, Path]:
    assert len(SEEDS) == 2, "seeds/ must hold the two seed files"
    return SEEDS[0], SEEDS[1]
