"""Evaluation and benchmarks of the alignment engine (`make eval`, `make bench`).

Nothing here is used by the app or by `diptych --json`; it measures them.
"""
