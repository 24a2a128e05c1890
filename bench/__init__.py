"""Benchmarks: a generator of a large catalog and a bounded load run against gunicorn on 127.0.0.1."""
