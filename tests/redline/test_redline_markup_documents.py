"""A redline of two Markdown documents, which diptych segments by their structure: a fenced code
block with blank lines, a table and a link definition are passages of their own, and list items
too. Every format accepts to the newer and rejects to the older version, and a code block keeps
its lines exactly: its blank lines, its indentation, a blank line only one version has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.redline.views import (
    critic_passages,
    critic_text,
    critic_views,
    docx_texts,
    docx_views,
    html_redline,
    passages,
)
from tui.engine.compare import compare_files
from tui.engine.model import AlignOptions, UnitKind
from tui.redline.build import build_redline
from tui.redline.docx import render_docx
from tui.redline.html import render_html
from tui.redline.markdown import render_markdown

OLD_CODE = "```python\nimport tool\n\ndef main():\n    tool.run(verbose=True)\n```"
NEW_CODE = (
    "```python\nimport tool\n\n\ndef main():\n"
    "        tool.run(verbose=False)\n        print(tool.version)\n```"
)
OLD_TABLE = "| Option | Default |\n| --- | --- |\n| verbose | off |\n| colour | auto |"
NEW_TABLE = "| Option | Default |\n| --- | --- |\n| verbose | on |\n| colour | auto |\n| pager | less |"
OLD = f"""# Installing the tool

The tool runs on Linux and macOS. Install it with pip and check the version
before you start.

{OLD_CODE}

{OLD_TABLE}

- Download the archive.
- Unpack it in your home folder.
- Run the installer.

See the [manual][man] for more.

[man]: https://example.com/manual
"""
NEW = f"""# Installing the tool

The tool runs on Linux, macOS and Windows. Install it with pip and check
the version before you start.

{NEW_CODE}

{NEW_TABLE}

- Download the archive.
- Run the installer.
- Unpack it in your home folder.

See the [manual][man] for more.

[man]: https://example.com/manual/v2
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    return str(tmp_path / "old.md"), str(tmp_path / "new.md")


@pytest.mark.parametrize("markup", [True, False], ids=["by-structure", "no-markup"])
def test_every_format_accepts_to_the_newer_and_rejects_to_the_older_markdown(pair, markup: bool) -> None:
    alignment = compare_files(*pair, AlignOptions(markup=markup))
    if markup:  # what the test is about: the code block, a unit with a blank line, and the table
        kinds = {p.text: p.kind for p in alignment.right_units}
        assert kinds[NEW_CODE] is kinds[NEW_TABLE] is UnitKind.PREFORMATTED
    redline = build_redline(alignment, generated=0)
    expected = (passages(alignment.right, markup), passages(alignment.left, markup))
    assert docx_views(render_docx(redline)) == expected
    assert html_redline(render_html(redline)).views() == expected
    assert critic_views(render_markdown(redline)) == (
        critic_passages(alignment.right, markup), critic_passages(alignment.left, markup)
    )


def test_code_blocks_and_tables_keep_their_lines_when_accepting_or_rejecting(pair) -> None:
    redline = build_redline(compare_files(*pair), generated=0)
    html = html_redline(render_html(redline))
    for accepted, rejected in (docx_texts(render_docx(redline)), html.paragraph_texts()):
        assert NEW_CODE in accepted and NEW_TABLE in accepted
        assert OLD_CODE in rejected and OLD_TABLE in rejected
    markdown = render_markdown(redline)
    # The Markdown redline is the document's own Markdown: the fence and the table are whole.
    for text, code, table in ((critic_text(markdown, True), NEW_CODE, NEW_TABLE),
                              (critic_text(markdown, False), OLD_CODE, OLD_TABLE)):
        assert f"\n{code}\n" in text and f"\n{table}\n" in text
    # A change never holds a blank line with other text (a Markdown processor would end the
    # paragraph, and the change, there): the blank line only the newer version has is its own.
    changes = re.findall(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~~\}", markdown, re.S)
    with_blank = [text for change in changes for text in change if re.search(r"\n[ \t]*\n", text)]
    assert with_blank and all(not text.strip() for text in with_blank), with_blank
