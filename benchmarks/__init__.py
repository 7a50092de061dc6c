"""Benchmark harness: synthetic fill, a ceiling route beside the real app, and a wrk-driven runner."""
