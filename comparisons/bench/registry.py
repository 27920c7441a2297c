"""Every benchmark row, in run order: reads, then patterns, then writes.

The catalog's rows bring their own (``derive.py``: every row declared with ``bench=``,
in the catalog's order, its arguments the row's first case); the migration patterns
(``patterns.py``) and the bulk writes (``writes.py``) are written here, as they are no
rows. Writes come last: on PostgreSQL an UPDATE moves a row within the heap, and reads
of a table without ORDER BY should see the order the seed left.
"""

from __future__ import annotations

from comparisons.bench.derive import benchmarks
from comparisons.bench.patterns import PATTERNS
from comparisons.bench.writes import BULK_WRITES
from comparisons.catalog import ROWS

BENCHMARKS = [*benchmarks(ROWS, writes=False), *PATTERNS, *benchmarks(ROWS, writes=True),
              *BULK_WRITES]
