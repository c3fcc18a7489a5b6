"""Command line: `diptych [LEFT RIGHT]`, `diptych --json LEFT RIGHT`, `diptych --report FORMAT LEFT RIGHT`,
`diptych --redline FORMAT LEFT RIGHT` (tui/redline), `diptych --serve LEFT RIGHT` (tui/serve).

Textual is imported only on the paths that open or render the app, so `--json` stays fast and
works where Textual cannot run.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tui import __version__
from tui.engine.model import DEFAULT_THRESHOLD, AlignOptions, Document, ReadOptions
from tui.engine.safe_text import for_json, for_message

EXIT_EQUAL, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
REDLINE_FORMATS = ("docx", "html", "markdown")  # tui.redline.FORMATS, without importing it
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, like every other error
        self.exit(EXIT_ERROR, f"diptych: {for_message(message)} (see diptych --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from tui.serve import DEFAULT_HOST, DEFAULT_PORT  # constants only: textual-serve stays unloaded

    parser = _Parser(
        prog="diptych",
        description="Compare two versions of a prose document side by side.",
        epilog="Exit status: with --json, 0 if the documents are equal and 1 if they differ; "
        "the interactive app (after q), --report, --redline and --screenshot exit 0 (so `git difftool "
        "--trust-exit-code` goes on to the next file), and so does --git-external-diff (so that "
        "`git diff` goes on); 2 on an error, with one line on stderr.",
    )
    parser.add_argument("left", nargs="?", help="older version: a file, - (standard input), git's REV:PATH "
                        "(HEAD~3:chapter.md) or a directory (default: the first file in seeds/)")
    parser.add_argument("right", nargs="?", help="newer version, the same way (default: the second file "
                        "in seeds/)")
    parser.add_argument("more", nargs="*", metavar="VERSION",
                        help="more versions, oldest first (or LEFT alone: a folder of versions): a history")
    parser.add_argument("--json", action="store_true", help="print the alignment as JSON and exit")
    parser.add_argument("--report", choices=("markdown", "html", "json"), metavar="FORMAT",
                        help="write a review report (markdown, html or json: differences, changed words, "
                        "marks and notes) and exit 0")
    parser.add_argument("--review", metavar="FILE",
                        help="review file (SQLite) holding marks, notes and corrections (default: one in "
                        "the user's state directory); with --json, the reviewer's corrections are applied")
    parser.add_argument("--redline", choices=REDLINE_FORMATS, metavar="FORMAT",
                        help="write the newer version with every change marked in place (docx: Word "
                        "tracked changes, html, markdown: CriticMarkup); with --review FILE, its notes as "
                        "comments; exit 0")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="with --report or --redline: write it to FILE, not stdout")
    parser.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph",
                        help="alignment unit (default: paragraph)")
    parser.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD, metavar="X",
                        help=f"minimum similarity, 0..1, for passages to pair (default {DEFAULT_THRESHOLD})")
    parser.add_argument("--no-normalize", action="store_true",
                        help="count typographic differences (quotes, dashes, ellipses, spaces) as changes")
    parser.add_argument("--no-markup", action="store_true",
                        help="cut Markdown, reStructuredText and AsciiDoc files into passages as plain text, "
                        "not by their headings, lists, code blocks and tables")
    parser.add_argument("--color", choices=tuple(COLOR_SYSTEMS), default="auto",
                        help="colours: auto (from the terminal), never (attributes and gutter marks only), "
                        "16, 256 or truecolor (default: auto)")
    parser.add_argument("--screenshot", metavar="OUT.svg",
                        help="render the app without a terminal, write the screen as SVG to OUT.svg, exit 0")
    parser.add_argument("--size", type=_screen_size, metavar="WxH",
                        help="with --screenshot: terminal size in columns x rows (default 120x40)")
    parser.add_argument("--press", type=_keys, metavar="K1,K2",
                        help="with --screenshot: keys to press first, comma-separated (e.g. n,n,f or ?)")
    parser.add_argument("--serve", action="store_true",
                        help="serve the app to web browsers (one session per browser tab) until ctrl+c")
    parser.add_argument("--host", metavar="H", help="with --serve: address to listen on "
                        f"(default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=_port, metavar="P",
                        help=f"with --serve: port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--tracked", metavar="FILE",
                        help="compare a Word or OpenDocument file's original (tracked changes rejected) "
                        "with its result (changes accepted), instead of LEFT and RIGHT")
    parser.add_argument("--html", choices=("article", "page", "source"), default="article",
                        help="HTML: the main text (article, default), the whole page's text (page), or "
                        "the markup itself as text (source)")
    # Handled before parsing (git appends its own arguments, tui/git/external.py); listed for --help.
    parser.add_argument("--git-external-diff", action="store_true",
                        help="as git's external diff (GIT_EXTERNAL_DIFF='diptych --git-external-diff'): "
                        "print each file's side-by-side render and exit 0")
    parser.add_argument("--git-history", metavar="PATH",
                        help="the file's versions in git, oldest first, through renames: with --json "
                        "their history (diptych.history/1, each version with its commit, author and date), "
                        "with --report their change log")
    parser.add_argument("--max-versions", type=_max_versions, metavar="K",
                        help="with --git-history: the newest K versions (default 20)")
    parser.add_argument("--version", action="version", version=f"diptych {__version__}")
    return parser


def _screen_size(value: str) -> tuple[int, int]:
    from tui.app.screenshot import parse_size  # pure parsing; Textual is not imported

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _keys(value: str) -> list[str]:
    from tui.app.screenshot import parse_keys

    try:
        return parse_keys(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# --color value -> Rich colour system for TEXTUAL_COLOR_SYSTEM (None: leave detection alone).
COLOR_SYSTEMS: dict[str, str | None] = {
    "auto": None, "never": None, "16": "standard", "256": "256", "truecolor": "truecolor",
}


def apply_color_choice(choice: str) -> None:
    """Set up the environment for --color; Textual reads it once, when it is first imported."""
    system = COLOR_SYSTEMS[choice]
    if choice == "auto" and os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        # Rich detects no colours there and Textual then falls back to truecolor: ask for the
        # sixteen colours any terminal that can show the view at all understands.
        system = "standard"
    if system is not None:
        os.environ["TEXTUAL_COLOR_SYSTEM"] = system
    if choice == "never":
        os.environ["NO_COLOR"] = "1"


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 65535, not {value!r}")
    return int(value)


def _max_versions(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be greater than 0 and at most 1, not {value}")
    return number


def default_inputs() -> tuple[str, str]:
    seeds = sorted(p for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(seeds) < 2:
        raise FileNotFoundError("no LEFT and RIGHT given, and no two seed files found in seeds/")
    return str(seeds[0]), str(seeds[1])


def _fail(message: str) -> int:
    print(f"diptych: {for_message(message)}", file=sys.stderr)
    return EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a last guard: one line, never a traceback (DIPTYCH_DEBUG=1 shows it)
        if os.environ.get("DIPTYCH_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc}")


def _main(argv: list[str] | None) -> int:
    from tui.git.external import wants_external_diff

    argv = sys.argv[1:] if argv is None else argv
    if wants_external_diff(argv, os.environ):  # git's call: a static render, without Textual
        from tui.git_cli import external_diff

        return external_diff(argv)
    args = build_parser().parse_args(argv)
    apply_color_choice(args.color)
    if args.git_history is not None or args.max_versions is not None:
        from tui.git_cli import git_history

        return git_history(args)
    if args.tracked is not None:
        if args.left is not None:
            return _fail("--tracked compares one file with itself: give no LEFT and RIGHT")
        args.left = args.right = args.tracked
    if (args.left is None) != (args.right is None) and not os.path.isdir(args.left):
        return _fail("give both LEFT and RIGHT, or neither to compare the seed files")
    if args.left is None:
        try:
            args.left, args.right = default_inputs()
        except FileNotFoundError as exc:
            return _fail(str(exc))
    if args.left == "-" and args.right == "-" and args.tracked is None:
        return _fail("only one of LEFT and RIGHT can be standard input")
    options = AlignOptions(unit=args.unit, threshold=args.threshold, normalize=not args.no_normalize,
                           markup=not args.no_markup)
    outputs = [name for name, given in (("--json", args.json), ("--report", args.report),
                                         ("--redline", args.redline)) if given]
    if len(outputs) > 1:
        return _fail(f"choose one of {', '.join(outputs[:-1])} and {outputs[-1]}")
    if args.output is not None and not (args.report or args.redline):
        return _fail("--output goes with --report or --redline")
    if (args.size is not None or args.press is not None) and not args.screenshot:
        return _fail("--size and --press go with --screenshot")
    if args.screenshot and (args.json or args.report or args.redline):
        return _fail("choose one of --screenshot, --json, --report and --redline")
    if args.serve and (args.json or args.report or args.redline or args.screenshot):
        return _fail("choose one of --serve, --json, --report, --redline and --screenshot")
    if (args.host is not None or args.port is not None) and not args.serve:
        return _fail("--host and --port go with --serve")
    if not args.more and args.right is not None and os.path.isdir(args.left) and os.path.isdir(args.right):
        # Two directories (git difftool -d): their files one by one.
        from tui.git_cli import directory_diff

        return directory_diff(args, options)
    if args.serve and "-" in (args.left, args.right):  # before anything reads standard input
        return _fail("--serve reads the files again for each browser session: give files, not standard input")
    if args.more or args.right is None:  # many versions, or a folder of them
        from tui.cli_history import run_many

        outcome = run_many(args, options)  # an exit status, or a folder's two files
        if isinstance(outcome, int):
            return outcome
        args.left, args.right = outcome

    from tui.engine.model import ReadOptions
    from tui.engine.reading import InputError, read_tracked
    from tui.git.revision import read_argument  # a file, or git's REV:PATH

    reading = ReadOptions(html=args.html)
    try:
        if args.tracked is not None:
            left, right = read_tracked(args.tracked, reading)
        else:
            left = read_argument(args.left, reading)
            right = _read_right(args.right, args.left, left, reading)
    except InputError as exc:
        return _fail(str(exc))
    if args.json and args.review is not None:
        return _write_corrected_json(left, right, options, args.review)
    if args.json:
        from tui.engine.alignment_run import AlignmentRun

        # A one-shot run builds millions of small objects and frees almost none of them before
        # it exits, and the engine makes no reference cycles: the cyclic collector would only
        # re-scan the growing heap again and again (a quarter of the alignment's time).
        gc.disable()
        with AlignmentRun(left, right, options) as run:
            # Written piece by piece: the JSON of a large pair is tens of megabytes. A reader
            # that goes away (`| head`) had what it wanted: the status is the usual one.
            for piece in run.json_pieces():
                if not write_stdout(for_json(piece)):
                    break
            else:
                write_stdout("\n")
        return EXIT_EQUAL if run.alignment.identical else EXIT_DIFFERENT
    if args.report:
        return _write_report(left, right, options, args.report, args.review, args.output)
    if args.redline:
        return _write_redline(left, right, options, args.redline, args.review, args.output)
    if args.screenshot:
        return _screenshot(left, right, options, args.screenshot, args.size, args.press)
    if args.serve:
        return _serve(left, right, options, args)
    return _run_app(left, right, options, args.review)


def _write_corrected_json(left: Document, right: Document, options: AlignOptions, review: str) -> int:
    """`--json --review FILE`: the alignment with the reviewer's corrections (one process: a
    reviewed pair is one a person read, not a corpus)."""
    from tui.review import ReviewStoreError
    from tui.review.corrections_json import corrected_alignment, corrected_json_pieces

    try:
        corrected = corrected_alignment(left, right, options, review)
    except ReviewStoreError as exc:
        return _fail(str(exc))
    for piece in corrected_json_pieces(corrected):
        if not write_stdout(for_json(piece)):
            break
    else:
        write_stdout("\n")
    return EXIT_EQUAL if corrected.alignment.identical else EXIT_DIFFERENT


def _write_report(
    left: Document, right: Document, options: AlignOptions, fmt: str, review: str | None, output: str | None
) -> int:
    """`--report`: status 0 once written, whether or not the documents differ."""
    from tui.review.report import ReportError, ReviewStoreError, report_text, write_report_file

    try:
        text = report_text(left, right, options, fmt, review)
        if output is None or output == "-":
            write_stdout(text)  # a reader that went away (`| head`) is no error either
            return EXIT_EQUAL
        write_report_file(text, output, protected=(left.path, right.path, review))
    except (ReportError, ReviewStoreError) as exc:
        return _fail(str(exc))
    return EXIT_EQUAL


def _write_redline(
    left: Document, right: Document, options: AlignOptions, fmt: str, review: str | None, output: str | None
) -> int:
    """`--redline`: status 0 once written, whether or not the documents differ."""
    from tui.redline import RedlineError, redline_for_documents, write_redline
    from tui.review import ReviewStoreError

    to_stdout = output is None or output == "-"
    if to_stdout and fmt == "docx" and sys.stdout.isatty():
        return _fail("a Word document is not for the terminal: give -o FILE.docx or redirect standard output")
    try:
        data = redline_for_documents(left, right, options, fmt, review)
        if to_stdout:
            write_stdout_bytes(data)
            return EXIT_EQUAL
        write_redline(data, output, protected=(left.path, right.path, review))
    except (RedlineError, ReviewStoreError) as exc:
        return _fail(str(exc))
    return EXIT_EQUAL


def _screenshot(
    left: Document, right: Document, options: AlignOptions, out: str,
    size: tuple[int, int] | None, press: list[str] | None,
) -> int:
    """`--screenshot`: render headless, with the user's keymap as the app would, and write the
    SVG; status 0 once written."""
    from tui.app.keymap import KeymapError, load_keymap
    from tui.app.screenshot import DEFAULT_SIZE, render_svg, unknown_key

    target = Path(out)
    if target.is_dir():
        return _fail(f"{out}: is a directory; give a file name such as screen.svg")
    if not target.parent.is_dir():
        return _fail(f"{out}: the directory {target.parent} does not exist")
    bad_key = unknown_key(press or [])
    if bad_key is not None:
        return _fail(f"--press: not a key: {bad_key!r} (Textual key names such as n, escape, f1, "
                     "question_mark, ctrl+q, or single characters)")
    try:
        keymap = load_keymap()
    except KeymapError as exc:
        return _fail(str(exc))
    try:
        svg = render_svg(left, right, options, size or DEFAULT_SIZE, press or [], keymap)
    except RuntimeError as exc:  # the keys quit the app before the picture was taken
        return _fail(str(exc))
    try:
        target.write_text(svg, encoding="utf-8")
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror or exc})")
    return EXIT_EQUAL


def _serve(left: Document, right: Document, options: AlignOptions, args: argparse.Namespace) -> int:
    """`--serve`: every check first, then serve until ctrl+c; status 0 once stopped."""
    from tui.serve import ServeError, serve_documents

    try:
        return serve_documents(left, right, options, review=args.review, color=args.color,
                               host=args.host, port=args.port, html=args.html, tracked=args.tracked)
    except ServeError as exc:
        return _fail(str(exc))


def _read_right(path: str, left_path: str, left: Document, reading: ReadOptions) -> Document:
    """Read RIGHT; the same file given twice is read once (a pipe or FIFO could not be re-read)."""
    from tui.engine.reading import same_file
    from tui.git.revision import read_argument

    if same_file(path, left_path):
        note = "the same file as LEFT"
        return replace(left, path=path, note=f"{left.note}; {note}" if left.note else note)
    return read_argument(path, reading)


def write_stdout(text: str) -> bool:
    """Write UTF-8 whatever the locale says (file names that are not UTF-8 come out escaped).

    False when the reader went away (`diptych --json a b | head`): not worth a message, and
    stdout is pointed at /dev/null so that Python's final flush does not complain either.
    """
    return write_stdout_bytes(text.encode("utf-8", errors="backslashreplace"))


def write_stdout_bytes(data: bytes) -> bool:
    """write_stdout, of bytes already encoded (a Word document)."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return False
    return True


def _keyboard_from_terminal() -> str | None:
    """When a document came from standard input, the app reads keys from the terminal instead.

    Textual reads keys from file descriptor 0, so the controlling terminal is put there (what
    `less` does). Returns an error message when there is no terminal to read keys from.
    """
    if sys.stdin is None or sys.stdin.isatty():
        return None
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return "a document came from standard input and there is no terminal for the keyboard; use --json"
    os.dup2(tty, 0)
    os.close(tty)
    return None


def _terminal_problem() -> str | None:
    """The interactive view reads keys from stdin and draws on stderr (Textual's choice): without
    a terminal there it would wait forever or fill a file with escape sequences."""
    from tui.serve import WEB_DRIVER

    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return None  # a --serve session: keys and screen travel over pipes to the browser
    alternatives = "use --json, --report or --screenshot"
    if not os.isatty(0):
        return f"the interactive view needs a terminal, and standard input is not one; {alternatives}"
    if not os.isatty(2):
        return f"the interactive view draws on standard error, which is not a terminal; {alternatives}"
    return None


def _run_app(left: Document, right: Document, options: AlignOptions, review: str | None = None) -> int:
    problem = _keyboard_from_terminal() if "-" in (left.path, right.path) else None
    problem = problem or _terminal_problem()
    if problem:
        return _fail(problem)
    from tui.app.main import run_app

    return _stopping_cleanly_on_signals(lambda: run_app(left, right, options, review=review))


def _stopping_cleanly_on_signals(run: Callable[[], int]) -> int:
    """`kill`, `timeout` or a closed tmux pane end the app the way ctrl+c does.

    By default SIGTERM and SIGHUP kill Python at once, leaving the terminal on the alternate
    screen with the cursor hidden and mouse reporting on. Raised as KeyboardInterrupt, Textual
    unwinds and restores the terminal; the status is still 128 + the signal number.
    """
    import signal

    received: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        status = run()
    except KeyboardInterrupt:
        if not received:
            raise
    return 128 + received[0] if received else status
