"""Benchmarks of the hub (`make bench`), kept out of the test suite. Each writes its section of
docs/benchmarks.md with the command that made it."""
