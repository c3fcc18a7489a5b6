"""`diptych V1 V2 … VN` and `diptych DIR`: many versions of one document, oldest first.

tui/cli.py hands over here when more than two documents, or one folder, are named. A folder of
exactly two text files goes back to cli.py as an ordinary pair. With three versions or more:
`--json` prints the history (tui.engine.history_json), `--report` writes the change log
(tui.review.changelog), and otherwise the app opens their timeline (tui/app/timeline_app.py).
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable

from tui.cli import EXIT_DIFFERENT, EXIT_EQUAL, _fail, write_stdout
from tui.engine.model import AlignOptions, Document
from tui.engine.reading import InputError, read_document
from tui.engine.safe_text import for_json
from tui.engine.versions import VersionList, gather_versions


def run_many(args: argparse.Namespace, options: AlignOptions) -> int | tuple[str, str]:
    """An exit status, or the two files of a folder that holds only two (to compare as a pair)."""
    from tui.engine.model import ReadOptions
    from tui.git.revision import read_argument  # a version may be git's REV:PATH too

    names = [name for name in (args.left, args.right, *args.more) if name is not None]
    reading = ReadOptions(html=args.html)

    def read(name: str) -> Document:
        return read_argument(name, reading)

    try:
        versions = gather_versions(names, read)
    except InputError as exc:
        return _fail(str(exc))
    if len(versions.versions) == 2:
        return versions.paths[0], versions.paths[1]
    if args.redline:
        return _fail(f"--redline marks the changes from one version to the next: give two, not "
                     f"{len(versions.versions)} (for many, --report FORMAT writes the change log)")
    if args.screenshot or args.serve:
        return _fail("--screenshot and --serve show two versions; for many use --json or --report")
    if args.review is not None and (args.json or args.report):
        return _fail("--review goes with two versions for --json and --report; with many, the app "
                     "keeps review marks per pair of versions")
    if args.json:
        return write_history_json(versions, options, read)
    if args.report:
        return write_changelog(versions, options, args.report, args.output, read)
    source = f"folder {versions.folder}, in name order" if versions.folder else ""
    return run_timeline(versions, options, read, source, args.review)


def run_timeline(
    versions: VersionList, options: AlignOptions, read: Callable[[str], Document], source: str,
    review: str | None = None,
) -> int:
    """The app on the versions' timeline; `source` says in the header where they come from."""
    from tui.cli import _stopping_cleanly_on_signals, _terminal_problem

    problem = _terminal_problem()
    if problem:
        return _fail(problem)
    from tui.app.main import run_app
    from tui.app.timeline import Timeline
    from tui.engine.history import History

    try:
        history = History.read(versions, options, read)
    except InputError as exc:  # a version changed or vanished since it was first read
        return _fail(str(exc))
    timeline = Timeline(history, versions, source)
    left, right = history.document(timeline.left), history.document(timeline.right)
    return _stopping_cleanly_on_signals(
        lambda: run_app(left, right, options, review=review, timeline=timeline))


def write_history_json(
    versions: VersionList, options: AlignOptions, read: Callable[[str], Document] = read_document
) -> int:
    """The history on stdout; `read` reads a version again by its path (`--git-history`: from git)."""
    from tui.engine.history_json import HistoryJson

    gc.disable()  # as for two files (cli.py): no cycles to collect, only a growing heap to re-scan
    history = HistoryJson(versions, options, read)
    reader_left = False
    try:
        for piece in history.pieces():
            if reader_left and not history.identical:
                break  # the status is known: some step differs
            if not reader_left and not write_stdout(for_json(piece)):
                # A reader that goes away (`| head`) had what it wanted: the status is still the
                # one the whole history gives, found without writing (equal steps align fast).
                reader_left = True
    except InputError as exc:  # a version changed or vanished since it was first read
        return _fail(str(exc))
    if not reader_left:
        write_stdout("\n")
    return EXIT_EQUAL if history.identical else EXIT_DIFFERENT


def write_changelog(
    versions: VersionList, options: AlignOptions, fmt: str, output: str | None,
    read: Callable[[str], Document] = read_document,
) -> int:
    """`--report FORMAT` with many versions: status 0 once written, as for two."""
    from tui.review.changelog import changelog_text
    from tui.review.report import ReportError, write_report_file

    try:
        text = changelog_text(versions, options, fmt, read)
        if output is None or output == "-":
            write_stdout(text)  # a reader that went away (`| head`) is no error
            return EXIT_EQUAL
        write_report_file(text, output, protected=tuple(versions.paths))
    except (InputError, ReportError) as exc:
        return _fail(str(exc))
    return EXIT_EQUAL
