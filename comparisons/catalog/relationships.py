"""Rows of the tutorial's "Relationships" section (filled in by its issue)."""

from __future__ import annotations

from comparisons.rows import Row

ROWS: list[Row] = []
