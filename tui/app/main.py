"""Entry point used by tui/cli.py: open the app on two documents."""

from __future__ import annotations

from tui.engine.model import AlignOptions, Document


def run_app(left: Document, right: Document, options: AlignOptions) -> int:
    """Run the review app in the terminal; returns the exit status (0 after q / ctrl+q, 2 when
    the user's keymap file cannot be used)."""
    import sys

    from tui.app.keymap import KeymapError, load_keymap

    try:
        keymap = load_keymap()
    except KeymapError as exc:
        print(f"diptych: {exc}", file=sys.stderr)
        return 2

    from tui.app.app import DiptychApp

    app = DiptychApp(left, right, options)
    if keymap:
        app.set_keymap(keymap)
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return 0 if result is None else int(result)
