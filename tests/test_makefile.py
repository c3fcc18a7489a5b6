"""The Makefile's entry points that the README promises."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_make_run_opens_the_files_given_in_args() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "--no-print-directory", "-n", "run", "ARGS=old.txt new.txt"],
                         capture_output=True, text=True, cwd=ROOT, check=True, timeout=60)
    assert dry.stdout.splitlines()[-1].endswith("/diptych old.txt new.txt")
