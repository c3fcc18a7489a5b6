"""The command line's git entry points: `diptych --git-external-diff` (git's external diff: a
static render of each changed file, tui/render_static.py, on standard output),
`diptych --git-history PATH` (the file's versions, tui/git/history.py) and `diptych DIR DIR`
(`git difftool -d`: the changed files listed, each opened in the app in turn).

Kept apart from tui/cli.py so that git's per-file start-up imports only what a static render
needs (never Textual).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace

from tui.engine.compare import compare_documents
from tui.engine.model import DEFAULT_THRESHOLD, AlignOptions, Document, ReadOptions
from tui.engine.reading import InputError, make_document, read_document
from tui.git.external import EXTERNAL_DIFF_FLAG, ExternalDiffCall, Side, git_argument_count, parse_call
from tui.render_static import (
    Painter,
    color_mode,
    inert,
    output_is_terminal,
    output_width,
    render,
    summary,
    title_line,
)

EXIT_OK = 0


def _external_diff_parser() -> argparse.ArgumentParser:
    """The options that shape a static render; git's own arguments are taken off the end first."""
    from tui.cli import COLOR_SYSTEMS, _Parser, _threshold

    parser = _Parser(prog=f"diptych {EXTERNAL_DIFF_FLAG}", add_help=False)
    parser.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph")
    parser.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD)
    parser.add_argument("--no-normalize", action="store_true")
    parser.add_argument("--color", choices=tuple(COLOR_SYSTEMS), default="auto")
    parser.add_argument("--html", choices=("article", "page", "source"), default="article")
    return parser


def external_diff(argv: Sequence[str]) -> int:
    """`diptych [OPTIONS] --git-external-diff [OPTIONS] GIT-ARGUMENTS...`: prints the file's
    render and exits 0 so that git goes on to the next file, whatever the file holds (a binary
    or oversized file gets a line saying so); 2 only for a call that is not git's."""
    from tui.cli import _fail, write_stdout

    rest = [arg for arg in argv if arg != EXTERNAL_DIFF_FLAG]
    count = git_argument_count(rest)
    if count == 0:
        return _fail(f"{EXTERNAL_DIFF_FLAG}: git gives the file's path and versions; "
                     "set GIT_EXTERNAL_DIFF='diptych --git-external-diff' (see the README's Git section)")
    args = _external_diff_parser().parse_args(rest[:-count])
    try:
        call = parse_call(rest[-count:])
    except ValueError as exc:
        return _fail(f"{EXTERNAL_DIFF_FLAG}: {exc}")
    env = os.environ
    painter = Painter(color_mode(args.color, output_is_terminal(env), env))
    options = AlignOptions(unit=args.unit, threshold=args.threshold, normalize=not args.no_normalize)
    lines = render_call(call, options, ReadOptions(html=args.html), output_width(env), painter)
    write_stdout("".join(f"{line}\n" for line in lines) + "\n")
    return EXIT_OK


def render_call(
    call: ExternalDiffCall, options: AlignOptions, reading: ReadOptions, width: int, painter: Painter
) -> list[str]:
    """The lines git's call prints: the alignment of the file's two versions, one-sided for an
    added or deleted file, or a title line alone (unmerged, binary, too large)."""
    if call.old is None or call.new is None:
        return [title_line(painter, call.path, call.describe(), width)]
    described = call.describe()
    try:
        left, right = _read_side(call.old, reading), _read_side(call.new, reading)
    except InputError as exc:
        detail = f"{described} · {exc}" if described else str(exc)
        return [title_line(painter, call.path, detail, width)]
    one_sided = left is None or right is None
    alignment = compare_documents(
        left or make_document(f"{call.old.path} (none)", ""),
        right or make_document(f"{call.new.path} (none)", ""),
        options,
    )
    detail = f"{described} · {summary(alignment)}" if described else None
    return list(render(alignment, width, painter, title=call.path, detail=detail, one_sided=one_sided))


def _read_side(side: Side, reading: ReadOptions) -> Document | None:
    """The side's document, named "PATH (a1b2c3d)"; None when git gave no file (added, deleted).
    A file that cannot be compared (binary, too large) raises InputError naming the version,
    not git's temporary file."""
    if not side.exists:
        return None
    try:
        doc = read_document(side.file, options=reading)
    except InputError as exc:
        raise InputError(f"{side.version}: {str(exc).removeprefix(f'{side.file}: ')}") from None
    return replace(doc, path=f"{side.path} ({side.version})")


def git_history(args: argparse.Namespace) -> int:
    """`diptych --json --git-history PATH [--max-versions K]` (or `--report FORMAT`: the change log)."""
    from tui.cli import _fail

    if args.git_history is None:
        return _fail("--max-versions goes with --git-history")
    if args.left is not None:
        return _fail("--git-history follows one file: give PATH to it, and no LEFT and RIGHT")
    if args.redline:
        return _fail("--redline marks the changes from one version to the next: give two, as "
                     "REV:PATH (--report FORMAT --git-history PATH writes the change log)")
    if args.screenshot or args.serve or args.tracked:
        return _fail("--git-history opens the timeline, or goes with --json or --report; not with "
                     "--screenshot, --serve or --tracked")
    if args.review and (args.json or args.report):
        return _fail("--review goes with the timeline of --git-history, not --json or --report")
    if args.json and args.report:
        return _fail("choose one of --json and --report")
    if args.output is not None and not args.report:
        return _fail("--output goes with --report")
    if not args.json and not args.report:
        from tui.cli import _terminal_problem

        problem = _terminal_problem()  # before git is asked for anything: the timeline needs one
        if problem:
            return _fail(problem)
    from tui.cli_history import run_timeline, write_changelog, write_history_json
    from tui.engine.versions import Version, VersionList
    from tui.git.history import DEFAULT_MAX_VERSIONS, file_history

    try:
        versions = list(file_history(args.git_history, args.max_versions or DEFAULT_MAX_VERSIONS,
                                     ReadOptions(html=args.html)))
    except InputError as exc:
        return _fail(str(exc))
    if len(versions) < 2:
        return _fail(f"{args.git_history}: one version in git ({versions[0].commit.revision_path}); "
                     "a history needs two or more")
    # Read already (and bounded in all, tui/git/history.py): the history reads each again by name.
    documents = {version.document.path: version.document for version in versions}
    entries = VersionList(tuple(
        replace(Version.of(version.document), details=version.commit.details()) for version in versions))
    options = AlignOptions(unit=args.unit, threshold=args.threshold, normalize=not args.no_normalize)
    if args.report:
        return write_changelog(entries, options, args.report, args.output, documents.__getitem__)
    if args.json:
        return write_history_json(entries, options, documents.__getitem__)
    source = f"git history of {args.git_history}"
    return run_timeline(entries, options, documents.__getitem__, source, args.review)


def directory_diff(args: argparse.Namespace, options: AlignOptions) -> int:
    """`diptych LEFT-DIR RIGHT-DIR`, which `git difftool -d` runs: the files that differ, listed
    to be opened one after another in the app. Status 0 once the list is quit."""
    from tui.cli import _fail, _stopping_cleanly_on_signals, _terminal_problem
    from tui.git.dirdiff import DirectoryError, changed_files

    if args.json or args.report or args.screenshot or args.serve or args.tracked:
        return _fail("LEFT and RIGHT are directories: only the app steps through their files "
                     "(git difftool -d); --json, --report, --screenshot and --serve compare two files")
    try:
        files = changed_files(args.left, args.right)
    except DirectoryError as exc:
        return _fail(str(exc))
    if not files:
        print("diptych: no file differs between the two directories", file=sys.stderr)
        return EXIT_OK
    problem = _terminal_problem()
    if problem:
        return _fail(problem)
    from tui.app.file_list import run_file_list

    noun = "file differs" if len(files) == 1 else "files differ"
    title = inert(f" {len(files)} {noun}: {args.left} → {args.right}")
    reading = ReadOptions(html=args.html)
    return _stopping_cleanly_on_signals(
        lambda: run_file_list(files, title, options, reading, review=args.review))
