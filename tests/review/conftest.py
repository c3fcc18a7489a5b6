"""The `versions` fixture: the story of review_inputs.py written to files, one per version."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_inputs import V1, V2, V3


@pytest.fixture
def versions(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("v1", V1), ("v2", V2), ("v3", V3)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
