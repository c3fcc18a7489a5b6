"""The command palette offers diptych's actions and only the themes in which its marks stay
readable: line numbers, gutter markers, notes, labels measured against their background, in
true colour and in the 256 colours a plain `ssh -t` gets. (ansi-dark and ansi-light draw in the
terminal's own colours, default text on default background: nothing to measure.)"""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from textual.theme import BUILTIN_THEMES

from tui.app.keys import BINDINGS_BY_SECTION, TIMELINE
from tui.app.palette import READABLE_THEMES, ReadableThemes
from tui.app.panes import ROLES

# Every role whose colour says something (fill is a faint hatching by design; blank and pad are
# background; the reversed roles swap colours and stand out either way).
MUST_READ = [r for r in ROLES if r not in ("fill", "blank", "pad", "word-left-numeric",
                                           "word-right-numeric", "review-flag", "match", "match-current")]
MIN_CONTRAST = 3.0  # WCAG's minimum for large text and interface marks


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: Color, background: Color) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def styled_with(app, pilot, theme: str):
    """The view, its styles computed afresh in `theme` (the CSS is updated at the next pause)."""
    app.theme = theme
    await pilot.pause()
    app.view._styles.clear()
    return app.view


async def unreadable_roles(app, pilot, theme: str) -> dict[str, float]:
    """Roles whose text colour is too close to their background (lowest of true colour and 256)."""
    view = await styled_with(app, pilot, theme)
    found = {}
    for role in MUST_READ:
        style = view._style(role, False)
        fg, bg = style.color, style.bgcolor
        assert fg is not None and bg is not None
        worst = min(contrast(fg, bg), contrast(fg.downgrade(ColorSystem.EIGHT_BIT),
                                                bg.downgrade(ColorSystem.EIGHT_BIT)))
        if worst < MIN_CONTRAST:
            found[role] = round(worst, 2)
    return found


async def test_the_palette_has_diptychs_actions_and_a_theme_chooser_only(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    # A timeline's actions only where there is a timeline (tests/app/test_pilot_timeline.py).
    expected = [binding.description for section, binding in BINDINGS_BY_SECTION if section != TIMELINE]
    assert sorted(titles) == sorted(["Theme", *expected])
    assert titles.count("Quit") == 1 and "Keys" not in titles and "Screenshot" not in titles


async def test_the_theme_chooser_offers_only_the_readable_themes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)):
        offered = [name for name, _ in ReadableThemes(app.screen).commands]
    assert sorted(offered) == sorted(READABLE_THEMES)
    dark = {BUILTIN_THEMES[name].dark for name in offered}
    assert dark == {True, False}  # a light terminal has a theme too


@pytest.mark.parametrize("theme", [t for t in READABLE_THEMES if not t.startswith("ansi-")])
async def test_every_offered_colour_theme_keeps_every_mark_readable(seeds_app, theme: str) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await unreadable_roles(app, pilot, theme) == {}


async def test_line_numbers_are_readable_in_a_light_theme(seeds_app) -> None:
    """$text-muted is "auto 60%": resolved against the background, not blended as white (254 on 252)."""
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        style = (await styled_with(app, pilot, "textual-light"))._style("lineno", False)
        assert style.color is not None and style.bgcolor is not None
        assert contrast(style.color, style.bgcolor) > 4.5
