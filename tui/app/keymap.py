"""A user's key remapping: `keymap.toml` in diptych's config directory (DIPTYCH_KEYMAP names
another file), mapping binding ids to keys:

    [keymap]
    "diptych.next_diff" = "n,right"
    "diptych.quit" = "q,ctrl+q,x"

Binding ids are collected in tui/app/keys.py (each module declares its own). A file that cannot
be used stops the app before it starts, with one line (exit status 2); a key given to two actions
is allowed but warned about (`conflict_warning`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from tui.app.keys import BINDINGS_BY_SECTION

# Binding ids in the order Textual tries them when two share a key (after those the keymap set).
BINDING_ORDER = [binding.id for _, binding in BINDINGS_BY_SECTION if binding.id]
DEFAULT_KEYS = {binding.id: binding.key for _, binding in BINDINGS_BY_SECTION if binding.id}

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


def _key_name(key: str) -> str:
    """A key as Textual names it: "/" and "slash" are one key."""
    from textual.keys import _character_to_key  # the conversion Textual applies to bindings

    return _character_to_key(key) if len(key) == 1 else key


def conflicts(keymap: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """Keys bound to more than one action once `keymap` applies: (key, the binding id that gets
    it, the ids that lose it). Textual gives a key to a binding the keymap set before a default
    one, then to the first in BINDING_ORDER."""
    holders: dict[str, list[str]] = {}
    for binding_id in sorted(BINDING_ORDER, key=lambda b: (b not in keymap, BINDING_ORDER.index(b))):
        for key in keymap.get(binding_id, DEFAULT_KEYS[binding_id]).split(","):
            if key.strip():
                holders.setdefault(_key_name(key.strip()), []).append(binding_id)
    return [(key, ids[0], ids[1:]) for key, ids in holders.items() if len(ids) > 1]


def conflict_warning(keymap: dict[str, str], path: Path | None = None) -> str | None:
    """One line saying which keys the keymap takes from other actions, or None."""
    from textual.keys import format_key

    found = conflicts(keymap)
    if not found:
        return None
    parts = [f"{format_key(key)} does {_action(winner)}, not {' or '.join(map(_action, losers))}"
             for key, winner, losers in found]
    return f"{path or default_keymap_path()}: a key for two actions: {'; '.join(parts)}"


def _action(binding_id: str) -> str:
    return binding_id.removeprefix("diptych.")
