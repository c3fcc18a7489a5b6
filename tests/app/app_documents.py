"""Documents the app tests open (a module of its own: test files import it by this unique name;
`conftest` is ambiguous when several test directories have one)."""

from __future__ import annotations

from pathlib import Path

from tui.engine.model import Document
from tui.engine.reading import make_document, read_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DATA = Path(__file__).resolve().parent / "data"

# A report that gained a paragraph, lost one, moved one, changed numbers and typography.
COUNCIL = (DATA / "council-v1.txt", DATA / "council-v2.txt")

HOSTILE_LEFT = (
    "Terminal title attack \x1b]0;title\x07 and a screen clear \x1b[2J in the middle of a paragraph.\n\n"
    "Rich markup lookalikes: [bold]not bold[/], a quote marked [sic], and [link=x]no link[/link].\n\n"
    "A tab\there, a bell\x07, a C1 control \x9b31m and a right-to-left override \u202edone.\n"
)
HOSTILE_RIGHT = (
    "Terminal title attack \x1b]0;title\x07 and a screen clear \x1b[2J in the middle of this paragraph.\n\n"
    "Rich markup lookalikes: [bold]not bold[/], a quote marked [sic], and [link=x]a link[/link].\n\n"
    "A tab\there, a bell\x07, a C1 control \x9b31m and a right-to-left override \u202edone.\n"
)


def _relative(path: Path) -> Document:
    """Read a file but show a stable, short name (snapshots must not depend on the checkout path)."""
    doc = read_document(str(path))
    return make_document(str(path.relative_to(ROOT)), doc.text, doc.encoding, doc.note)


def seed_documents() -> tuple[Document, Document]:
    return _relative(SEEDS[0]), _relative(SEEDS[1])


def council_documents() -> tuple[Document, Document]:
    return _relative(COUNCIL[0]), _relative(COUNCIL[1])


def hostile_documents() -> tuple[Document, Document]:
    return make_document("hostile-[bold]left.txt", HOSTILE_LEFT), make_document("right.txt", HOSTILE_RIGHT)


# One unchanged paragraph, one changed in punctuation only, one number changed, one unchanged (the
# filter's z: the seeds have no change of punctuation only).
PUNCTUATION_LEFT = (
    "The council met on Monday to discuss the budget for the coming year.\n\n"
    "The library will open on Saturday, and the pool will close for repairs.\n\n"
    "Forty people attended the meeting in the town hall last night.\n\n"
    "The mayor thanked everyone for coming and closed the session.\n"
)
PUNCTUATION_RIGHT = (
    "The council met on Monday to discuss the budget for the coming year.\n\n"
    "The library will open on Saturday; and the pool will close for repairs!\n\n"
    "Thirty people attended the meeting in the town hall last night.\n\n"
    "The mayor thanked everyone for coming and closed the session.\n"
)


def punctuation_documents() -> tuple[Document, Document]:
    return make_document("left.txt", PUNCTUATION_LEFT), make_document("right.txt", PUNCTUATION_RIGHT)
