"""The catalog: every row of the tutorial this project checks, as data.

Importing it imports every model module, so a lab opened afterwards creates all tables.
"""

from __future__ import annotations

from comparisons.catalog import (
    dynamic,
    fsa,
    guide,
    lite,
    operations,
    relationships,
    removed,
    sa21,
    shapes,
    transactions,
)
from comparisons.catalog.styles import STYLES
from comparisons.values.rows import Row

ROWS: tuple[Row, ...] = (*operations.ROWS, *transactions.ROWS, *relationships.ROWS,
                         *guide.ROWS, *fsa.ROWS, *dynamic.ROWS, *sa21.ROWS, *shapes.ROWS,
                         *removed.ROWS,
                         *lite.ROWS)
BY_ID = {row.id: row for row in ROWS}

__all__ = ["BY_ID", "ROWS", "STYLES"]
