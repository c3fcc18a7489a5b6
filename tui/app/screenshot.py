"""Headless rendering: `diptych --screenshot OUT.svg [--size 120x40] [--press n,n,f] LEFT RIGHT`.

The app runs without a terminal, the keys are pressed as a user would (waiting for any
re-alignment they start), and the screen is written as SVG: for documentation, bug reports and
other people's tests.
"""

from __future__ import annotations

import re
import unicodedata

from tui.engine.model import AlignOptions, Document

DEFAULT_SIZE = (120, 40)
MAX_SIDE = 1000
_SIZE = re.compile(r"^\s*(\d{1,4})\s*[xX×]\s*(\d{1,4})\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """"120x40" -> (120, 40). ValueError with a one-line reason otherwise."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"size must look like 120x40, not {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise ValueError(f"size must be between 1x1 and {MAX_SIDE}x{MAX_SIDE}, not {text!r}")
    return width, height


def parse_keys(text: str) -> list[str]:
    """"n,n,f" -> ["n", "n", "f"]. Keys are Textual key names (n, N, question_mark, slash, f1,
    escape, enter, ctrl+q, wait:200) or single characters (?, /, ]). Empty items are skipped."""
    keys = [key.strip() for key in text.split(",")]
    for key in keys:
        if key and any(ch.isspace() or ord(ch) < 0x20 for ch in key):
            raise ValueError(f"not a key: {key!r}")
        if key.startswith("wait:"):
            try:
                float(key[5:])
            except ValueError:
                raise ValueError(f"wait needs milliseconds, like wait:200, not {key!r}") from None
    return [key for key in keys if key]


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def unknown_key(keys: list[str]) -> str | None:
    """The first of `keys` that is neither a single character, a key Textual names (escape,
    f1, pagedown, question_mark, slash, ctrl+q...) nor a wait: the app would ignore it and the
    picture would silently show something else. None when all are known. Imports Textual."""
    from textual.keys import KEY_TO_UNICODE_NAME, REPLACED_KEYS, Keys

    named = {key.value for key in Keys} | set(KEY_TO_UNICODE_NAME) | set(REPLACED_KEYS)
    for key in keys:
        if key.startswith("wait:"):
            continue
        *modifiers, base = key.split("+") if len(key) > 1 else [key]
        if any(modifier not in MODIFIERS for modifier in modifiers):
            return key
        if len(base) == 1 or base in named:
            continue
        try:  # a character by its Unicode name, as Textual names keys: comma, full_stop...
            unicodedata.lookup(base.replace("_", " "))
        except KeyError:
            return key
    return None


def render_svg(
    left: Document, right: Document, options: AlignOptions,
    size: tuple[int, int] = DEFAULT_SIZE, press: list[str] | None = None,
    keymap: dict[str, str] | None = None,
) -> str:
    """Run the app headless at `size` with the user's `keymap` (binding id -> keys), press the
    keys, and return the screen as SVG."""
    from textual.pilot import Pilot

    from tui.app.app import DiptychApp

    app = DiptychApp(left, right, options)
    if keymap:
        app.set_keymap(keymap)
    keys = list(press or ())
    shots: list[str] = []

    async def auto_pilot(pilot: Pilot) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()  # a key may start a re-alignment
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        shots.append(app.export_screenshot(title="diptych"))
        app.exit(0)

    app.run(headless=True, size=size, auto_pilot=auto_pilot)
    if not shots:  # a key such as q quit before the picture was taken
        raise RuntimeError("the app quit before the screenshot was taken (is q among the keys?)")
    return shots[0]
