"""Review reports: every difference with both texts, changed words and numbers, marks and notes;
document text never turns into markup; HTML is self-contained."""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from review_inputs import ADDED, BUDGET_NEW, BUDGET_OLD, REMOVED, RESIDENTS_V2, align, find_block

from tui.engine.compare import compare_documents
from tui.engine.reading import make_document, read_document
from tui.review import ReviewStore
from tui.review.report import ReportError, export_report, render
from tui.review.report_markdown import _inline as markdown_line
from tui.review.report_model import Segment, build_report

NOTE = "Checked with the desk: <b>70</b> is right [sic] *really*\nSecond line of the note."


@pytest.fixture
def marked(tmp_path: Path, versions: dict[str, Path]):
    """v1/v2 with the budget difference reviewed, flagged and annotated, the added one reviewed."""
    alignment = align(versions["v1"], versions["v2"])
    store = ReviewStore.open(tmp_path / "review.sqlite3")
    session = store.session(alignment)
    budget = find_block(alignment, "63 million")
    session.set_reviewed(budget)
    session.set_flagged(budget)
    session.set_note(budget, NOTE)
    session.set_reviewed(find_block(alignment, "Critics"))
    yield build_report(alignment, session, now=0.0)
    store.close()


# -- Markdown ------------------------------------------------------------------------------------


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("strikethrough").enable("table").render(text)


def test_markdown_lists_every_difference_with_its_marks(marked) -> None:
    text = render(marked, "markdown")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert len(headings) == 4 == len(marked.items)
    assert "### 1. [x] ⚑ Changed" in text  # reviewed and flagged, readable without colour
    assert "| Reviewed | 2 of 4 |" in text and "| Flagged | 1 |" in text
    assert "~~63~~ **70**" in text
    assert "**Numbers changed:** 63 → 70" in text
    # Both full texts of every difference are there (quoted, Markdown-escaped).
    for passage in (BUDGET_OLD, BUDGET_NEW, RESIDENTS_V2, REMOVED):
        assert "> " + passage in text
    assert "**Removed**" not in text and "Removed" in text and "Added" in text


def test_markdown_never_turns_document_text_or_notes_into_markup(marked) -> None:
    text = render(marked, "markdown")
    assert r"\<script\>alert('x')\</script\>" in text
    assert r"\*cuts\*" in text and r"\[libraries\]" in text and r"\&" in text
    html = _markdown_html(text)
    assert "<script>" not in html and "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "*cuts*" in html and "[libraries]" in html  # shown as typed
    assert "<b>" not in html and "&lt;b&gt;70&lt;/b&gt; is right [sic] *really*" in html
    # The changed words really render as struck and bold.
    assert "<s>63</s> <strong>70</strong>" in html


def test_markdown_change_markers_work_next_to_punctuation() -> None:
    # As in the seeds: the word diff puts the sentence's full stop at the start of the insertion.
    segments = [
        Segment("six children", "equal"), Segment(". One was pulled from the rubble", "insert", True),
        Segment(".", "equal"), Segment(" Nine", "delete", True), Segment("Eight", "insert", True),
    ]
    line = markdown_line(segments)
    # The full stop goes outside the asterisks, unmarked: no space the text does not have.
    assert line == "six children. **One was pulled from the rubble**. ~~Nine~~ **Eight**"
    html = _markdown_html(line)
    assert "six children. <strong>One was pulled from the rubble</strong>." in html  # not literal asterisks
    assert "<s>Nine</s> <strong>Eight</strong>" in html
    trailing = [Segment("a", "equal"), Segment(" new sentence.", "insert"), Segment("Then", "equal")]
    assert _markdown_html(markdown_line(trailing)) == "<p>a <strong>new sentence</strong>.Then</p>\n"
    comma = [Segment("one", "equal"), Segment(",", "insert"), Segment(" two", "equal")]
    assert "<strong>,</strong>" in _markdown_html(markdown_line(comma))  # punctuation alone: still marked


# -- HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects the tags, the text and the articles (differences) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.articles: list[dict[str, object]] = []
        self._depth = 0
        self._current: dict[str, object] | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in.append(tag)
        if tag == "article":
            classes = (attributes.get("class") or "").split()
            self._current = {"classes": classes, "text": [], "del": [], "ins": []}
            self.articles.append(self._current)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "article":
            self._current = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._current is not None:
            self._current["text"].append(data)  # type: ignore[union-attr]
            if self._in and self._in[-1] in ("del", "ins"):
                self._current[self._in[-1]].append(data)  # type: ignore[union-attr]


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def test_html_shows_every_difference_side_by_side_with_its_marks(marked) -> None:
    page = _parse(render(marked, "html"))
    diffs = [a for a in page.articles if "diff" in a["classes"]]
    assert len(diffs) == 4
    budget = next(a for a in diffs if "63" in a["del"])
    assert budget["ins"] == ["70"]
    assert {"reviewed", "flagged", "noted", "numeric", "changed"} <= set(budget["classes"])
    budget_text = "".join(budget["text"])
    assert NOTE in budget_text  # the note, escaped back to exactly what was typed
    assert "⚑ flagged" in budget_text and "reviewed ✓" in budget_text  # state in words, not colour only
    assert "Numbers changed: 63 → 70" in budget_text
    all_text = "".join(page.text)
    for passage in (BUDGET_OLD, RESIDENTS_V2, REMOVED, ADDED):
        assert passage in all_text or passage in "".join("".join(a["text"]) for a in diffs)
    added = next(a for a in diffs if "right-only" in a["classes"])
    assert ADDED in "".join(added["text"]) and "reviewed" in added["classes"]
    untouched = next(a for a in diffs if "left-only" in a["classes"])
    assert "reviewed" not in untouched["classes"] and "not reviewed" in "".join(untouched["text"])


def test_html_is_self_contained_and_escapes_document_text(marked) -> None:
    text = render(marked, "html")
    page = _parse(text)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "b" not in names  # `<script>` and `<b>` stayed text
    assert "<script>alert('x')</script>" in "".join(page.text)
    assert not {"link", "img", "iframe", "object", "embed"} & set(names)
    for _, attrs in page.tags:
        for name in ("href", "src"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (name, value)
    assert "url(" not in text and "@import" not in text
    assert names.count("style") == 1 and text.startswith("<!DOCTYPE html>")


# -- JSON ----------------------------------------------------------------------------------------


def test_json_report_follows_the_schema(marked, versions: dict[str, Path]) -> None:
    data = json.loads(render(marked, "json"))
    assert data["schema"] == "diptych.review/1"
    assert data["review"] | {"store": None} == {
        "store": None, "reviewed": 2, "flagged": 1, "noted": 1, "total": 4, "carried_over": None,
    }
    assert data["stats"]["differences"] == len(data["differences"]) == 4
    budget = next(d for d in data["differences"] if d["numbers"] == [["63", "70"]])
    assert (budget["reviewed"], budget["flagged"], budget["note"]) == (True, True, NOTE)
    assert budget["left"]["text"] == BUDGET_OLD and budget["right"]["text"] == BUDGET_NEW
    (word,) = [w for w in budget["words"] if w["numeric"]]
    assert budget["left"]["text"][slice(*word["left"])] == "63"
    assert budget["right"]["text"][slice(*word["right"])] == "70"
    assert budget["updated_at"].endswith("Z")
    # block_index points into `diptych --json`'s blocks.
    from tui.engine.alignment_json import alignment_to_dict

    blocks = alignment_to_dict(align(versions["v1"], versions["v2"]))["blocks"]
    assert blocks[budget["block_index"]]["left"]["text"] == BUDGET_OLD
    assert len({d["id"] for d in data["differences"]}) == 4


# -- carry-over in reports ----------------------------------------------------------------------------


def test_reports_show_what_was_not_carried_over(tmp_path: Path, versions: dict[str, Path]) -> None:
    with ReviewStore.open(tmp_path / "r.db") as store:
        old = align(versions["v1"], versions["v2"])
        store.session(old).set_note(find_block(old, "Critics"), "needs a named critic")
        new = align(versions["v1"], versions["v3"])
        report = build_report(new, store.session(new), now=0.0)
    markdown = render(report, "markdown")
    assert "### Marks that could not be carried over" in markdown
    assert "> needs a named critic" in markdown and r"\<script\>" in markdown
    page = _parse(render(report, "html"))
    lost = [a for a in page.articles if "lost" in a["classes"]]
    assert len(lost) == 1 and "needs a named critic" in "".join(lost[0]["text"])
    data = json.loads(render(report, "json"))
    assert data["review"]["carried_over"]["lost"] == 1
    assert data["lost"][0]["note"] == "needs a named critic" and data["lost"][0]["right_excerpt"] == ADDED


# -- hostile text ------------------------------------------------------------------------------------


def test_control_characters_never_reach_the_output_raw() -> None:
    hostile = "Total \x1b[31mred\x1b[0m and \u202eevil\u202c and csi\x9b2J here.\n"
    left = make_document("a.txt", "Total red and evil here.\n")
    right = make_document("b\x1b]0;title\x07.txt", hostile)
    report = build_report(compare_documents(left, right), now=0.0)
    for fmt in ("markdown", "html", "json"):
        text = render(report, fmt)
        # JSON is data and keeps the text exact (bidi controls included) but escapes controls.
        for raw in ("\x1b", "\x9b", "\x07") if fmt == "json" else ("\x1b", "\x9b", "\x07", "\u202e"):
            assert raw not in text, (fmt, raw)
    shown = "".join(_parse(render(report, "html")).text)
    assert "␛[31mred␛[0m and [U+202E]evil[U+202C] and csi[U+009B]2J" in shown
    assert json.loads(render(report, "json"))["differences"][0]["right"]["text"] == hostile.rstrip("\n")


def test_identical_documents_make_a_short_report() -> None:
    doc = make_document("a.txt", "Same text.\n")
    report = build_report(compare_documents(doc, doc), now=0.0)
    assert "No differences" in render(report, "markdown")
    assert "No differences" in render(report, "html")
    assert json.loads(render(report, "json"))["differences"] == []


# -- export from the app ---------------------------------------------------------------------------


def test_export_writes_the_sessions_report_next_to_nothing_it_should_not(
    tmp_path: Path, versions: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    alignment = align(versions["v1"], versions["v2"])
    with ReviewStore.open(tmp_path / "r.db") as store, ReviewStore.open(tmp_path / "r.db") as other:
        session = store.session(alignment)
        session.set_note(find_block(alignment, "63 million"), "from this process")
        # Another diptych process annotates meanwhile: the export includes it.
        other.session(align(versions["v1"], versions["v2"])).set_flagged(find_block(alignment, "walked out"))
        path = export_report(session, "markdown")
        assert path == tmp_path / "v1--v2.review.md"
        text = path.read_text(encoding="utf-8")
        assert "> from this process" in text and "| Flagged | 1 |" in text
        with pytest.raises(ReportError, match="refusing to overwrite"):
            export_report(session, "html", versions["v1"])
        assert versions["v1"].read_text(encoding="utf-8").startswith("City budget")


def test_numbers_changed_shows_short_runs_whole_and_long_ones_by_their_numbers() -> None:
    from tui.review.report_model import number_excerpt

    assert number_excerpt("nine") == "nine"
    assert number_excerpt("nine to four,") == "nine to four"
    # The seeds' inserted sentence: its first characters hid the number ("(none) → . At least").
    assert number_excerpt(". At least one person has been pulled alive from under the rubble") == "one"
    run = (
        "and the council later said in a statement published on its website that a further 1,200 homes "
        "would be built on the site of the old gasworks over the course of the next decade or so"
    )
    assert number_excerpt(run) == "1,200"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_report_names_standard_input(versions, fmt: str) -> None:
    right = read_document(str(versions["v2"]))
    alignment = compare_documents(read_document(str(versions["v1"])), replace(right, path="-"))
    text = render(build_report(alignment, None, now=0.0), fmt)
    assert "→ (standard input)" in text and "→ \\-" not in text and "→ -<" not in text
