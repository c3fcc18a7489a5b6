"""A diptych-like process that writes review marks in a loop, for the durability tests.

    python review_writer.py DB LEFT RIGHT MODE ROUNDS [GO_FILE]

MODE "notes": forever (ROUNDS=0) or ROUNDS times, write note "note <i>" on difference i mod n and
toggle its reviewed mark, printing i once the write is committed. MODE "reviewed"/"flagged": ROUNDS
rounds setting that field on every difference, alternately off and on, ending on; "flagged" also
writes the note "<round>". MODE "open": open the store and mark one difference. With GO_FILE,
wait for that file to exist before opening the store, so several processes start together.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

from tui.engine.compare import compare_files
from tui.review import ReviewStore


def main(db: str, left: str, right: str, mode: str, rounds: int, go_file: str | None = None) -> None:
    alignment = compare_files(left, right)
    if go_file:
        while not Path(go_file).exists():
            time.sleep(0.001)
    session = ReviewStore.open(db).session(alignment)
    diffs = session.differences
    if mode == "open":
        session.set_reviewed(diffs[0])
        print("done", flush=True)
        return
    if mode == "notes":
        for i in itertools.count() if rounds == 0 else range(rounds):
            index = diffs[i % len(diffs)]
            session.set_note(index, f"note {i}")
            session.set_reviewed(index, i % 2 == 0)
            print(i, flush=True)
        return
    for round_ in range(rounds):
        on = (rounds - 1 - round_) % 2 == 0  # the last round sets the field on
        for index in diffs:
            if mode == "reviewed":
                session.set_reviewed(index, on)
            else:
                session.set_flagged(index, on)
                session.set_note(index, str(round_))
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), *sys.argv[6:7])
