"""The review report and the change log put the changes of meaning first: on the seeds, the
revised death toll ("nine" -> "eight") and then the removed casualty figures."""

from __future__ import annotations

from pathlib import Path

from tui.engine.compare import compare_files
from tui.review.report import build_report, render

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def test_the_death_toll_comes_first_then_the_casualty_figures() -> None:
    report = build_report(compare_files(*SEEDS))
    first, *rest = report.by_significance
    assert first.kind == "changed" and "number" in first.classes
    assert "nine" in first.left.text and "eight" in first.right.text
    # the removed entries with the old figures follow, before any passage whose only fact is a date
    removed_toll = next(i for i in rest if i.left and "injuring another 63" in i.left.text)
    first_date_only = next(i for i in rest if "number" not in i.classes)
    assert rest.index(removed_toll) < rest.index(first_date_only)
    # a difference of wording alone is not in the list, but still in reading order below
    assert all(set(i.classes) - {"typographic", "punctuation"} for i in report.by_significance)
    assert len(report.by_significance) < len(report.items)


def test_markdown_report_opens_with_the_most_significant() -> None:
    text = render(build_report(compare_files(*SEEDS)), "markdown")
    significant, differences = text.index("## Most significant first"), text.index("## Differences")
    assert significant < differences
    first_line = next(line for line in text[significant:].splitlines() if line.startswith("- "))
    assert "nine → eight" in first_line and "number" in first_line
    assert "**Classes:** number" in text[differences:]
