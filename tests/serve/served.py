"""`diptych --serve` as a user starts it: the installed command in a subprocess, on a free port of
127.0.0.1, with its own review store, keymap and working directory (where `e` writes reports)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def copy_seeds(workdir: Path) -> list[str]:
    """The seeds copied into workdir/seeds; their paths relative to workdir (as a user types them)."""
    (workdir / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, workdir / "seeds" / seed.name)
    return [f"seeds/{seed.name}" for seed in SEEDS]


def installed_diptych() -> Path:
    """The `diptych` console script of the virtualenv running the tests."""
    script = Path(sys.executable).parent / "diptych"
    if not script.exists():
        pytest.skip(f"the diptych entry point is not installed next to {sys.executable}")
    return script


def free_port() -> int:
    """A port nobody listens on now (the kernel's choice; taken again a moment later is unlikely)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def quiet_env(workdir: Path) -> dict[str, str]:
    """The environment of a user whose state and config live in `workdir`."""
    env = {key: value for key, value in os.environ.items() if key != "DIPTYCH_KEYMAP"}
    return {
        **env,
        "XDG_STATE_HOME": str(workdir / "state"),
        "XDG_CONFIG_HOME": str(workdir / "config"),  # no keymap.toml there
        "TEXTUAL_ANIMATIONS": "none",
    }


class Served:
    """A running `diptych --serve`; stop() sends SIGINT (ctrl+c) and returns the exit status."""

    def __init__(self, workdir: Path, args: list[str], port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.workdir = workdir
        self.out = workdir / "serve.out"
        self.err = workdir / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [str(installed_diptych()), "--serve", "--port", str(self.port), *args],
                cwd=workdir, env=quiet_env(workdir), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                status = self.process.returncode
                raise AssertionError(f"diptych --serve stopped with {status}: {self.output()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"diptych --serve did not answer within {timeout} s: {self.output()}")

    def output(self) -> str:
        return (self.out.read_text(errors="replace") + self.err.read_text(errors="replace"))[-3000:]

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"ctrl+c did not stop diptych --serve: {self.output()}") from None
        return self.process.returncode
