"""Every key binding is complete: an id the keymap knows, an action its module defines, a line in
the help screen and a command in the palette. What a new key must have, checked for each."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from textual.binding import Binding
from timeline_documents import three_version_app

import tui.app
from tui.app import panes
from tui.app.app import DiptychApp
from tui.app.help import help_content, plain_text
from tui.app.keymap import KNOWN_IDS
from tui.app.keys import BINDINGS_BY_SECTION, KEY_MODULES, TIMELINE
from tui.app.panes import DiffView
from tui.app.sections import SECTIONS
from tui.app.timeline_app import TimelineApp


def test_every_module_with_a_keys_table_is_collected() -> None:
    """A new module's KEYS reach the app, the help, the palette and the keymap only through
    keys.KEY_MODULES: every module of tui/app that assigns KEYS at its top level must be there."""
    declaring = set()
    for path in Path(tui.app.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == "KEYS" for t in targets):
                declaring.add(f"tui.app.{path.stem}")
    assert declaring == {module.__name__ for module in KEY_MODULES}


def _action(binding: Binding) -> str:
    return "action_" + binding.action.split("(")[0]


def _name(binding: Binding) -> str:
    return binding.id or binding.key


@pytest.mark.parametrize("module", KEY_MODULES, ids=lambda module: module.__name__)
def test_each_module_defines_the_actions_of_its_own_keys(module) -> None:
    """A key's Binding sits beside its action: in the module's KEYS, the action in its class."""
    assert module.KEYS, module.__name__
    for section, binding in module.KEYS:
        assert section in SECTIONS
        defined_here = [
            cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and _action(binding) in cls.__dict__
        ]
        # suspend_process is Textual's own App action.
        assert defined_here or binding.action == "suspend_process", (module.__name__, _name(binding))


def test_every_binding_has_a_unique_id_the_keymap_knows_and_is_collected_once() -> None:
    ids = [binding.id for _, binding in BINDINGS_BY_SECTION]
    assert all(ids) and len(ids) == len(set(ids))
    assert set(ids) == KNOWN_IDS
    assert len(BINDINGS_BY_SECTION) == sum(len(module.KEYS) for module in KEY_MODULES)


def test_the_app_binds_every_key_but_the_panes_and_the_timelines() -> None:
    bound = {b.id for b in DiptychApp.BINDINGS} | {b.id for b in DiffView.BINDINGS}
    timeline = {b.id for section, b in BINDINGS_BY_SECTION if section == TIMELINE}
    assert bound == KNOWN_IDS - timeline
    assert {b.id for b in TimelineApp.BINDINGS} == timeline
    for _, binding in BINDINGS_BY_SECTION:
        owner = TimelineApp if binding.id in timeline else (DiptychApp, DiffView)
        owners = owner if isinstance(owner, tuple) else (owner,)
        assert any(hasattr(cls, _action(binding)) for cls in owners), _name(binding)


def test_the_help_lists_every_key_with_its_description() -> None:
    text = plain_text(help_content(), 400)
    for section, binding in BINDINGS_BY_SECTION:
        keys = binding.key_display or binding.key
        assert any(
            line.strip().startswith(keys) and line.strip().endswith(binding.description)
            for line in text.splitlines()
        ), (section, _name(binding))


async def test_the_palette_offers_every_key_of_the_app_and_of_a_timeline(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    timeline = three_version_app()
    async with timeline.run_test(size=(120, 40)):
        timeline_titles = {command.title for command in timeline.get_system_commands(timeline.screen)}
    for section, binding in BINDINGS_BY_SECTION:
        assert binding.description in timeline_titles, _name(binding)
        assert (binding.description in titles) == (section != TIMELINE), _name(binding)


async def test_a_palette_command_runs_on_the_widget_that_owns_the_key(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        scroll_down = next(binding for _, binding in panes.KEYS if binding.id == "diptych.scroll_down")
        command = next(c for c in app.get_system_commands(app.screen) if c.title == scroll_down.description)
        await command.callback()
        await pilot.pause()
        assert app.view.scroll_y == 1
