"""Benchmarks: run with ``python -m bench.<name>``; they print numbers, they never fail."""
