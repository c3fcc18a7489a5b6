"""The redline as a Word document with tracked changes (python-docx, imported only here).

python-docx writes the document, its styles, core properties and comments part; the revisions it
does not model are built with its oxml helpers: w:ins and w:del (text in w:delText) around runs,
w:moveFrom / w:moveTo inside move ranges named "move<N>" (Word pairs the two places by that
name), and the same four on a paragraph mark that only one version has. Every revision and range
has its own w:id (comments have theirs, below every revision's), the author "diptych" and the
redline's date.

Comments carry what is not the document's text, so that accepting every change gives exactly the
newer version and deleting the comments removes every trace of the redline: the summary (on the
first paragraph), each changed number ("Number changed: 63 → 70", on its words; Word shades the
text a comment is on) and the reviewer's notes (author "Reviewer").
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from tui.engine.model import UnitKind
from tui.redline.model import Paragraph, Redline, Role, Run
from tui.redline.text import changed_numbers, flowed, note_text, safe_text, summary_lines, title

AUTHOR = "diptych"
REVIEWER = "Reviewer"

_WRAPPER = {
    Role.INSERT: "w:ins", Role.DELETE: "w:del", Role.MOVE_FROM: "w:moveFrom", Role.MOVE_TO: "w:moveTo",
}
_GONE_WHEN_ACCEPTED = (Role.DELETE, Role.MOVE_FROM)  # their text is w:delText


@dataclass(frozen=True, slots=True)
class _Comment:
    start: tuple[int, int]  # (paragraph, run) of the first run it is on
    end: tuple[int, int]  # ... and of the last
    text: str
    author: str


def render_docx(redline: Redline) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    when = dt.datetime.fromtimestamp(int(redline.generated), dt.UTC)
    document = docx.Document()
    _properties(document, redline, when)
    comments = _comments(redline)
    _add_comments(document, comments, when)
    writer = _Writer(OxmlElement, qn, when.strftime("%Y-%m-%dT%H:%M:%SZ"), first_id=len(comments))
    opening: dict[tuple[int, int], list[int]] = {}
    closing: dict[tuple[int, int], list[int]] = {}
    for comment_id, comment in enumerate(comments):
        opening.setdefault(comment.start, []).append(comment_id)
        closing.setdefault(comment.end, []).append(comment_id)
    move_ends = _last_move_runs(redline)
    # Style ids looked up once: python-docx looks a style name up in every style each time.
    style_ids = {name: document.styles[name].style_id for name in _STYLE_NAMES}
    section = document.element.body.sectPr  # the body's last child: paragraphs go before it
    for p, paragraph in enumerate(redline.paragraphs):
        element = OxmlElement("w:p")
        section.addprevious(element)  # (python-docx's add_paragraph looks for it each time)
        element.get_or_add_pPr().style = style_ids[_style(paragraph)]
        writer.mark(element, paragraph.mark)
        preformatted = paragraph.kind is UnitKind.PREFORMATTED
        for r, run in enumerate(paragraph.runs):
            for comment_id in opening.get((p, r), ()):
                element.append(writer.element("w:commentRangeStart", {"w:id": str(comment_id)}))
            writer.run(element, run, preformatted, last_of_move=(p, r) in move_ends)
            for comment_id in closing.get((p, r), ()):
                element.append(writer.element("w:commentRangeEnd", {"w:id": str(comment_id)}))
                element.append(writer.comment_reference(comment_id))
    if not redline.paragraphs:  # two empty documents: Word's body has a paragraph all the same
        section.addprevious(OxmlElement("w:p"))
    out = io.BytesIO()
    document.save(out)
    return _with_dates(out.getvalue(), when)


class _Writer:
    """Builds the runs, revisions and move ranges of the body."""

    def __init__(self, make: Callable, qn: Callable[[str], str], date: str, first_id: int) -> None:
        self._make, self._qn, self.date = make, qn, date
        self._next_id = first_id
        self._open_moves: dict[tuple[int, Role], int] = {}

    def element(self, tag: str, attributes: dict[str, str] | None = None):  # -> lxml element
        made = self._make(tag)
        for name, value in (attributes or {}).items():
            made.set(self._qn(name), value)
        return made

    def revision(self, tag: str, extra: dict[str, str] | None = None):
        self._next_id += 1
        attributes = {"w:id": str(self._next_id), "w:author": AUTHOR, "w:date": self.date}
        return self.element(tag, {**attributes, **(extra or {})})

    def mark(self, paragraph, role: Role) -> None:
        """A paragraph mark only one version has: a revision in the mark's run properties."""
        if role is Role.EQUAL:
            return
        properties = paragraph.get_or_add_pPr()
        run_properties = self.element("w:rPr")
        run_properties.append(self.revision(_WRAPPER[role]))
        properties.append(run_properties)

    def run(self, paragraph, run: Run, preformatted: bool, last_of_move: bool) -> None:
        if run.move is not None and run.role in (Role.MOVE_FROM, Role.MOVE_TO):
            key = (run.move, run.role)
            if key not in self._open_moves:
                tag = "w:moveFromRangeStart" if run.role is Role.MOVE_FROM else "w:moveToRangeStart"
                paragraph.append(self.revision(tag, {"w:name": f"move{run.move}"}))
                self._open_moves[key] = self._next_id
        r = self.element("w:r")
        text_tag = "w:delText" if run.role in _GONE_WHEN_ACCEPTED else "w:t"
        for piece in re.split(r"(\t|\n)", flowed(run.text, preformatted)):
            if piece == "\t":
                r.append(self.element("w:tab"))
            elif piece == "\n":
                r.append(self.element("w:br"))
            elif piece:
                text = self.element(text_tag, {"xml:space": "preserve"})
                text.text = safe_text(piece)
                r.append(text)
        if run.role is Role.EQUAL:
            paragraph.append(r)
        else:
            wrapper = self.revision(_WRAPPER[run.role])
            wrapper.append(r)
            paragraph.append(wrapper)
        if last_of_move and run.move is not None:
            tag = "w:moveFromRangeEnd" if run.role is Role.MOVE_FROM else "w:moveToRangeEnd"
            paragraph.append(self.element(tag, {"w:id": str(self._open_moves[(run.move, run.role)])}))

    def comment_reference(self, comment_id: int):
        return _reference_run("w:commentReference", comment_id)


def _reference_run(tag: str, comment_id: int | None = None):
    """A run of a comment's mark (w:commentReference in the text, w:annotationRef in the comment),
    in the character style Word gives it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run, properties, style, mark = (OxmlElement(name) for name in ("w:r", "w:rPr", "w:rStyle", tag))
    style.set(qn("w:val"), "CommentReference")
    if comment_id is not None:
        mark.set(qn("w:id"), str(comment_id))
    properties.append(style)
    run.append(properties)
    run.append(mark)
    return run


_STYLE_NAMES = ("Normal", "List Paragraph", "macro", *(f"Heading {level}" for level in range(1, 7)))


def _style(paragraph: Paragraph) -> str:
    if paragraph.kind is UnitKind.HEADING:
        return f"Heading {min(max(paragraph.level, 1), 6)}"
    if paragraph.kind is UnitKind.LIST_ITEM:
        return "List Paragraph"
    if paragraph.kind is UnitKind.PREFORMATTED:
        return "macro"  # "Macro Text": a fixed-width font
    return "Normal"


def _last_move_runs(redline: Redline) -> set[tuple[int, int]]:
    """(paragraph, run) of the last run of each place of each move: where its range ends."""
    last: dict[tuple[int, Role], tuple[int, int]] = {}
    for p, paragraph in enumerate(redline.paragraphs):
        for r, run in enumerate(paragraph.runs):
            if run.move is not None and run.role in (Role.MOVE_FROM, Role.MOVE_TO):
                last[(run.move, run.role)] = (p, r)
    return set(last.values())


def _comments(redline: Redline) -> list[_Comment]:
    comments: list[_Comment] = []
    if redline.paragraphs and redline.paragraphs[0].runs:
        first = redline.paragraphs[0]
        summary = "\n".join(summary_lines(redline))
        comments.append(_Comment((0, 0), (0, len(first.runs) - 1), summary, AUTHOR))
    for change in changed_numbers(redline):
        text = f"{change.kind.capitalize()} changed: {change.old or '(none)'} → {change.new or '(none)'}"
        comments.append(_Comment(change.start, change.end, text, AUTHOR))
    for note in redline.notes:
        comments.append(_Comment(note.start, note.end, note_text(note), REVIEWER))
    comments.sort(key=lambda comment: comment.start)
    return comments


def _add_comments(document, comments: list[_Comment], when: dt.datetime) -> None:
    """The comments part, comment i with w:id i (python-docx's add_comment looks for a free id
    among all the comments each time: minutes for a few thousand)."""
    from docx.comments import Comment

    if not comments:
        return
    part = document.part._comments_part  # created with python-docx's default comment styles
    root = part.element
    for comment_id, comment in enumerate(comments):
        element = root._add_comment()
        element.id, element.author, element.initials = comment_id, comment.author, comment.author[:1]
        element.date = when
        proxy = Comment(element, part)
        for number, line in enumerate(safe_text(comment.text).split("\n")):
            paragraph = proxy.add_paragraph()
            if number == 0:  # Word's mark of the comment's start, as python-docx writes it
                paragraph._p.append(_reference_run("w:annotationRef"))
            paragraph.add_run(line)


def _properties(document, redline: Redline, when: dt.datetime) -> None:
    properties = document.core_properties
    properties.title = safe_text(title(redline))
    properties.author = properties.last_modified_by = AUTHOR
    properties.created = properties.modified = when.replace(tzinfo=None)
    properties.revision = 1
    properties.comments = "Tracked changes from the older version to the newer one, made by diptych."


def _with_dates(package: bytes, when: dt.datetime) -> bytes:
    """The package with every part dated `when`: the same redline is the same file."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # the earliest date a zip holds
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=stamp)
            target.writestr(part, source.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
