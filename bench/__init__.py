"""Benchmarks: run each from the repository root; figures in docs/BENCHMARKS.md."""
