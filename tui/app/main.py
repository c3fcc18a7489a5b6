"""Entry point used by tui/cli.py: open the app on two documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.engine.model import AlignOptions, Document

if TYPE_CHECKING:
    from tui.app.timeline import Timeline


def run_app(
    left: Document, right: Document, options: AlignOptions, review: str | None = None,
    timeline: Timeline | None = None,
) -> int:
    """Run the review app in the terminal; returns the exit status (0 after q / ctrl+q, 2 when
    the user's keymap file or the review file named with --review cannot be used). With a
    `timeline` (many versions), `left` and `right` are its pair and the timeline app runs."""
    import os
    import sys
    import threading

    from tui.app.keymap import KeymapError, conflict_warning, load_keymap

    try:
        keymap = load_keymap()
    except KeymapError as exc:
        print(f"diptych: {exc}", file=sys.stderr)
        return 2
    # Allowed (a user may mean it), but said: on stderr, left there when the app ends, and in
    # the app's message line until the first key.
    warning = conflict_warning(keymap)
    if warning:
        from tui.engine.safe_text import for_terminal  # the path is the user's: no escapes

        warning = for_terminal(warning)
        print(f"diptych: {warning}", file=sys.stderr)

    from tui.review import ReviewStore, ReviewStoreError

    notice = ""
    try:
        store = ReviewStore.open(review)
    except ReviewStoreError as exc:
        if review is not None:  # the user asked for that file: say why it cannot be used
            print(f"diptych: {exc}", file=sys.stderr)
            return 2
        # The default store (user state directory) is a convenience: review in memory instead.
        store = ReviewStore.in_memory()
        notice = f"review marks will not be saved: {exc}"

    from tui.app.app import DiptychApp
    from tui.app.hangup import run_watched

    if timeline is not None:  # many versions: the History aligns (tui/app/timeline_app.py)
        from tui.app.timeline_app import TimelineApp

        app: DiptychApp = TimelineApp(timeline, store=store, store_notice=notice)
    else:
        app = DiptychApp(left, right, options, store=store, store_notice=notice, watch_files=True)
    if keymap:
        app.set_keymap(keymap)
    if warning:
        app.message = warning
    result = run_watched(app)
    code = app.return_code if app.return_code not in (None, 0) else 0 if result is None else int(result)
    if threading.active_count() > 1:
        # The user quit while an alignment still ran: its worker gave up on it (background.py),
        # but its daemon thread may still be busy. The terminal is restored and the review
        # store closed (each mark was committed when it was made): leave at once rather than
        # finalise the interpreter around a running thread.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code

