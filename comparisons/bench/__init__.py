"""What migrating costs: each row timed in the legacy style, the 2.x style and the bare driver.

``python -m comparisons bench`` runs these benchmarks through pytest-benchmark and
summarises them (``comparisons.bench.command``); plain ``pytest`` runs every body once, as a
test of its correctness flag.
"""
