"""The diptych engine: reading, segmentation, normalisation, alignment, word diff, reports.

Plain Python plus rapidfuzz. Nothing in this package may import Textual (a test enforces it),
so that `diptych --json` and other scripts stay fast and usable without a terminal.
"""
