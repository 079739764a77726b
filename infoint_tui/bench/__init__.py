"""Benchmarks of the real program in a pseudo-terminal; run with ``python -m infoint_tui.bench``."""
