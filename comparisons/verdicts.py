"""The verdict scale and the aspects it is derived from (DESIGN-v2; the engine owns this)."""

from __future__ import annotations

VERDICTS = ("identical", "drop-in", "caller-changes", "behaviour-change", "breaks", "both-fail")
ASPECTS = ("raises", "values", "kind", "timing", "state", "statements", "sql", "warnings", "types")
