"""What each browser session runs: the diptych command line, as one shell-safe string.

textual-serve starts one app process per browser session with `asyncio.create_subprocess_shell`,
so the command is parsed by /bin/sh: every argument (file paths above all) is quoted with
`shlex.join`, and the file arguments follow `--`, so a name starting with "-" stays a name.
"""

from __future__ import annotations

import shlex
import sys

from tui.engine.model import AlignOptions, Document


def session_argv(
    left: str, right: str, options: AlignOptions, review: str | None, color: str,
    html: str = "article", tracked: str | None = None,
) -> list[str]:
    """The same comparison as the serving command, for one browser session.

    Paths stay as the user gave them (the header shows them so): a session starts in the
    server's working directory. Colour detection would read the server's TERM, which says
    nothing about the browser's terminal (xterm.js, which shows true colour): `auto` becomes
    `truecolor`.
    """
    argv = [sys.executable, "-m", "tui", "--unit", options.unit, "--threshold", repr(options.threshold),
            "--color", "truecolor" if color == "auto" else color]
    if not options.normalize:
        argv.append("--no-normalize")
    if not options.markup:
        argv.append("--no-markup")
    if review is not None:
        argv.append(f"--review={review}")  # one word: a name starting with "-" stays a value
    argv += ["--html", html]  # how an HTML document is read, as the serving command read it
    if tracked is not None:  # one Word/OpenDocument file against its own tracked changes
        return [*argv, f"--tracked={tracked}"]
    return [*argv, "--", left, right]


def session_command(argv: list[str]) -> str:
    """The argv quoted for /bin/sh: the shell sees each argument as one literal word."""
    return shlex.join(argv)


def documents_label(left: Document, right: Document) -> str:
    """Both documents, as the app's header names them (for the page title and the log)."""
    from tui.app.statusbar import document_label

    return f"{document_label(left)} ↔ {document_label(right)}"
