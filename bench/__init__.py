"""Benchmarks: ``make bench`` (``python -m bench``). Figures, not pass/fail: each prints what
it measured in one run on this machine, with ratios taken within that run."""
