"""Benchmark scripts: synthetic corpora and timings, kept out of the test suite."""
