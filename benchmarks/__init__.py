"""Benchmarks: `make bench` runs each module here and writes JSON under bench-results/."""
