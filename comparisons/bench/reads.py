"""The catalog's read rows: the tutorial's legacy line against the recommended 2.x line.

Made from the catalog (``derive.py``): every row declared with a read's ``bench=``, in
the catalog's order. Arguments are the catalog's own first cases (id 3, "alex", "alex"
or age > 25, page 1 of 10), so a ratio here belongs to the row the reference prints.
"""

from __future__ import annotations

from sqlalchemy.exc import LegacyAPIWarning

from comparisons.bench.derive import benchmarks
from comparisons.catalog import ROWS
from comparisons.engine.datasets import PER_PAGE

LEGACY_API = (LegacyAPIWarning,)  # Query.get: asserted in the check round
ID = 3  # the patterns' id, the catalog's first one; PER_PAGE its page size too
__all__ = ["ID", "LEGACY_API", "PER_PAGE", "READS"]

READS = benchmarks(ROWS, writes=False)
