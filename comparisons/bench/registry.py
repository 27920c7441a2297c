"""Every benchmark row, in run order: reads, then patterns, then writes.

Writes come last: on PostgreSQL an UPDATE moves a row within the heap, and reads of a
table without ORDER BY should see the order the seed left.
"""

from __future__ import annotations

from comparisons.bench.patterns import PATTERNS
from comparisons.bench.reads import READS
from comparisons.bench.writes import WRITES

BENCHMARKS = [*READS, *PATTERNS, *WRITES]
