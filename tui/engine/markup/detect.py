"""Which markup language a text document is written in: by its file name's extension, or, for a
file name that says nothing (no extension, .txt, standard input), by evidence in the text that
plain prose does not have.

Stdlib only and cheap (a few regex scans of the first part of the text): it runs for every
document. The parsers are imported only once a format has been decided (tui.engine.markup).
"""

from __future__ import annotations

import os
import re

MARKDOWN, RST, ASCIIDOC = "markdown", "rst", "asciidoc"

EXTENSIONS = {
    ".md": MARKDOWN, ".markdown": MARKDOWN, ".mdown": MARKDOWN, ".mkd": MARKDOWN,
    ".rst": RST, ".rest": RST,
    ".adoc": ASCIIDOC, ".asciidoc": ASCIIDOC,
}
# Extensions that say nothing about the syntax: the text decides. (.asc is AsciiDoc in some
# books and an ASCII-armoured signature elsewhere.) Any other extension (.html, .py, .tex...)
# names a format that is not one of the three: such files stay plain.
SNIFFED_EXTENSIONS = frozenset(("", ".txt", ".text", ".asc"))
STDIN = "-"

# Only this much of the text is looked at: a marked-up document shows its markup early.
SNIFF_CHARS = 128 * 1024

# Constructs that each belong to one of the three languages and that prose does not write,
# each counted once per line where it is found; see sniff() for how the counts decide. Those at
# a line start are one regex (each alternative a named group: format, then the sign's number),
# anchored at the line end before them so that one scan of the text finds them all fast.
_LINE_SIGNS: dict[str, tuple[str, ...]] = {
    MARKDOWN: (
        # A code fence (a line of tildes after a line of text underlines a title instead).
        r" {0,3}```|(?<=\n\n) {0,3}~~~",
        # An ATX heading between blank lines (a "# comment" in a shell example has code around it).
        r"(?<=\n\n)#{1,6}[ \t]+\S[^\n]*(?=\n\n|\n?\Z)",
        r" {0,3}\[[^\]\n]+\]:[ \t]+\S",  # a link or footnote definition
    ),
    RST: (
        r"[ \t]*\.\. [A-Za-z][\w:.+-]*::(?:[ \t\n]|\Z)",  # a directive
        r"[ \t]*\.\. (?:_[^\n:]+:|\[[^\]\n]+\]|\|[^|\n]+\|)",  # a target, footnote, substitution
    ),
    ASCIIDOC: (
        r"={1,5}[ \t]+[^\s=]",  # a section title (== Title; not a simple table border)
        r"\[\[[\w:.-]+(?:,[^\]\n]*)?\]\][ \t]*(?=\n|\Z)",  # an anchor [[id]]
        # A block attribute line: [source,sh], [NOTE], [verse], [quote, ...]
        r"\[(?:source|listing|literal|verse|quote|NOTE|TIP|IMPORTANT|WARNING|CAUTION|sidebar|example|"
        r"appendix|preface|glossary|bibliography|index|partintro|discrete|float|role=|cols=|options=|"
        r"subs=|horizontal|qanda|caption=|#|\.)[^\]\n]*\][ \t]*(?=\n|\Z)",
        r"(?:include|image|ifdef|ifndef|ifeval|endif|toc)::\S*\[",  # a block or preprocessor macro
        r"(?:\|===|____|\+\+\+\+|////)[ \t]*(?=\n|\Z)",  # a table, quote... delimiter
        r"(?<=\n\n)(?:-{4,}|\.{4,})[ \t]*(?=\n|\Z)",  # a listing or literal block after a blank line
        r"[^\s.:][^\s]*::[ \t]*\n[ \t]*\S",  # a description list term (--quiet::) and its text
    ),
}
_LINE_SIGN = re.compile(
    "\n(?:"
    + "|".join(
        f"(?P<{fmt}_{n}>{pattern})"
        for fmt, patterns in _LINE_SIGNS.items()
        for n, pattern in enumerate(patterns)
    )
    + ")"
)
# Signs anywhere in a line.
_INLINE_SIGNS: dict[str, tuple[re.Pattern[str], ...]] = {
    MARKDOWN: (re.compile(r"\]\((?:https?://|/|#|\.\.?/)[^)\s]*\)"),),  # an inline link [text](url)
    RST: (
        re.compile(r":[a-z][\w+-]*:`[^`\n]+`"),  # an interpreted-text role (:pep:`8`)
        re.compile(r"`__?(?![\w`])"),  # the end of a hyperlink reference (`text`_)
    ),
    ASCIIDOC: (re.compile(r"<<[\w:.-]+(?:,[^>\n]*)?>>"),),  # a cross reference <<id>>
}
# A format is decided when its signs appear on at least this many lines, of at least two kinds,
# and on at least DOMINANCE times as many lines as any other format's.
MIN_SIGNS = 4
MIN_KINDS = 2
DOMINANCE = 4


def markup_format(path: str, text: str) -> str | None:
    """The markup language of a document read from `path`, or None for plain text."""
    name = os.path.basename(path)
    extension = os.path.splitext(name)[1].lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if path == STDIN or extension in SNIFFED_EXTENSIONS:
        return sniff(text)
    return None


def sign_counts(text: str) -> dict[str, list[int]]:
    """For each format, how many lines of the sniffed part show each of its signs."""
    sample = "\n" + text[:SNIFF_CHARS]  # the line end before the first line
    counts = {fmt: [0] * (len(_LINE_SIGNS[fmt]) + len(_INLINE_SIGNS[fmt])) for fmt in _LINE_SIGNS}
    for match in _LINE_SIGN.finditer(sample):
        fmt, n = match.lastgroup.rsplit("_", 1)
        counts[fmt][int(n)] += 1
    for fmt, patterns in _INLINE_SIGNS.items():
        for n, pattern in enumerate(patterns, start=len(_LINE_SIGNS[fmt])):
            counts[fmt][n] = len(pattern.findall(sample))
    return counts


def sniff(text: str) -> str | None:
    """The format whose signs the text shows unmistakably, or None (plain text)."""
    counts = sign_counts(text)
    totals = {fmt: sum(kinds) for fmt, kinds in counts.items()}
    best = max(totals, key=totals.__getitem__)
    kinds = sum(1 for n in counts[best] if n)
    others = max(total for fmt, total in totals.items() if fmt != best)
    if totals[best] >= MIN_SIGNS and kinds >= MIN_KINDS and totals[best] >= DOMINANCE * others:
        return best
    return None
