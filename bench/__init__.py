"""Benchmarks and the synthetic data tree they run on (``bench.synth.write_tree``)."""
