"""A user's key remapping: `keymap.toml` in diptych's config directory (DIPTYCH_KEYMAP names
another file), mapping binding ids to keys:

    [keymap]
    "diptych.next_diff" = "n,j"
    "diptych.quit" = "q,ctrl+q,x"

Binding ids are those of the app's key bindings (declared in tui/app/comparison.py, review_actions.py
and panes.py) and are listed in the README (Keys). A file that cannot be used stops
the app before it starts, with one line (exit status 2).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from tui.app.comparison import BINDINGS_BY_SECTION

KNOWN_IDS = frozenset(binding.id for _, binding in BINDINGS_BY_SECTION if binding.id)


class KeymapError(Exception):
    """A keymap file that cannot be used; the message is one line."""


def default_keymap_path() -> Path:
    explicit = os.environ.get("DIPTYCH_KEYMAP")
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("diptych", appauthor=False)) / "keymap.toml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The remapping in `path` (default: default_keymap_path()); {} when there is no such file."""
    explicit = path is not None or bool(os.environ.get("DIPTYCH_KEYMAP"))
    path = path or default_keymap_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if explicit:
            raise KeymapError(f"{path}: no such keymap file") from None
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KeymapError(f"{path}: cannot read the keymap ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise KeymapError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        raise KeymapError(f"{path}: [keymap] must be a table of binding id = \"keys\"")
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if binding_id not in KNOWN_IDS:
            raise KeymapError(f"{path}: unknown binding id {binding_id!r} (see diptych's README, Keys)")
        if not isinstance(keys, str) or not keys.strip() or any(ord(c) < 0x20 for c in keys):
            raise KeymapError(f"{path}: {binding_id} needs keys such as \"n,j\"")
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap
