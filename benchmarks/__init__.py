"""Benchmarks of the build and the library: ``python -m benchmarks.run`` from the repository root (README.md here)."""
