"""What an aligner got wrong on one hand-labelled case, unit by unit, with line numbers:

    python -m tui.evaluation.explain NAME [--peer]

Lists the wrong links (precision), then the strong links missed or shown over too little of a
unit (recall). For reading failures, never for writing gold: the gold comes from reading the texts.
"""

from __future__ import annotations

import argparse
import sys

from tui.evaluation.evaluate import diptych_pairs, peer_pairs
from tui.evaluation.gold import Link, judge_gold
from tui.evaluation.labelled import DATA, GOLD_DIR, Labelled, Lines, load


def _unit(lines: Lines, u: int) -> str:
    start, end = lines.spans[u]
    first, last = lines.first_lines[u], lines.last_lines[u]
    where = f"{first}" if first == last else f"{first}-{last}"
    text = " ".join(lines.text[start:end].split())
    return f"{where:>9}  {text[:70]}"


def _show(case: Labelled, link: Link) -> str:
    u, v = link
    return f"    L{_unit(case.left, u)}\n    R{_unit(case.right, v)}"


def explain(case: Labelled, peer: bool) -> None:
    gold = case.gold
    verdict = judge_gold(gold, (peer_pairs if peer else diptych_pairs)(gold, "paragraph"))
    print(f"{gold.name}: {verdict.score(gold.links)}")
    print(f"wrong links ({len(verdict.wrong)}):")
    for link in sorted(verdict.wrong):
        print(_show(case, link))
    partly = sorted((verdict.correct - verdict.found) & gold.links.strong)
    print(f"strong links shown over less than half of a unit ({len(partly)}):")
    for link in partly:
        print(_show(case, link))
    missed = sorted(gold.links.strong - verdict.correct)
    print(f"strong links missed ({len(missed)}):")
    for link in missed:
        print(_show(case, link))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.evaluation.explain", description=__doc__)
    parser.add_argument("name", help="a gold file's name in data/gold (or 'seeds')")
    parser.add_argument("--peer", action="store_true", help="explain the difflib peer instead")
    args = parser.parse_args(argv)
    path = DATA / "seeds_gold.toml" if args.name == "seeds" else GOLD_DIR / f"{args.name}.toml"
    case = load(path)
    if not isinstance(case, Labelled):
        print(f"{case.name}: skipped: {case.reason}")
        return 0
    explain(case, args.peer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
