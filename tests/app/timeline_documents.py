"""Timelines the app tests open: issue 16's three versions (the first seed; the first seed with
"nine" → "eight" and a paragraph added; the second seed) and a generated history of 50 versions
(tui/evaluation/history_gen.py, seeded: the same texts on every run). Names are short and fixed,
so snapshots do not depend on the checkout path."""

from __future__ import annotations

from functools import cache

from tests.history.cases import documents, three_versions
from tui.app.timeline import Timeline
from tui.app.timeline_app import TimelineApp
from tui.engine.history import History
from tui.engine.model import AlignOptions, Document
from tui.engine.reading import make_document
from tui.engine.versions import Version, VersionList
from tui.evaluation.history_gen import generate_history

GENERATED_VERSIONS = 50
GENERATED_BYTES = 7_000  # about the size of a seed


def timeline_of(docs: list[Document], source: str = "", options: AlignOptions | None = None) -> Timeline:
    versions = VersionList(tuple(Version.of(doc) for doc in docs))
    return Timeline(History(docs, options), versions, source)


def three_version_docs() -> list[Document]:
    return documents(three_versions())


@cache
def generated_texts() -> tuple[str, ...]:
    story = generate_history(GENERATED_VERSIONS, GENERATED_BYTES, seed="app-tests")
    return tuple(story.text(v) for v in range(1, GENERATED_VERSIONS + 1))


def generated_docs() -> list[Document]:
    return [make_document(f"story/v{k:02d}.txt", text) for k, text in enumerate(generated_texts(), start=1)]


def three_version_app(source: str = "") -> TimelineApp:
    return TimelineApp(timeline_of(three_version_docs(), source))


def generated_app() -> TimelineApp:
    return TimelineApp(timeline_of(generated_docs(), "folder story/, in name order"))
