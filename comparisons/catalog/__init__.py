"""The catalog: every row of the tutorial this project checks, as data."""

from __future__ import annotations

from comparisons.catalog import operations
from comparisons.rows import Row

ROWS: tuple[Row, ...] = (*operations.ROWS,)
BY_ID = {row.id: row for row in ROWS}
