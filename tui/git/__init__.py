"""diptych and git: documents at a revision (`REV:PATH`), a file's history, and git's calls of an
external diff or a directory diff.

Git is used through the `git` command (tui/git/command.py), never by reading repository files:
the command gives git's exact semantics (revision syntax, paths relative to the current directory,
replacement objects, partial clones, every repository format) and its own error messages, and
costs no dependency. Nothing here imports Textual or the app.
"""
