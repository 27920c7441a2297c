"""Benchmark results beside the verdicts, when a summary file is given (``--bench``).

The summary is what ``python -m comparisons bench`` writes: ``{"versions", "results":
[{"id", "backend", "size", "legacy_s", "modern_s", "driver_s", "legacy_over_modern",
"modern_over_driver", "spread", "correct", "lite_s", "lite_over_modern"}]}`` with
medians in seconds; ``lite_s`` and ``lite_over_modern`` are ``null`` for a row without a
Lite form, and absent from a summary written before them (read as ``null``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIELDS = ("id", "backend", "size", "legacy_s", "modern_s", "driver_s", "legacy_over_modern",
          "modern_over_driver", "spread", "correct", "lite_s", "lite_over_modern")
#: The fields a summary written before the Lite member lacks.
LITE_FIELDS = ("lite_s", "lite_over_modern")

#: The chart's geometry, in SVG user units.
LABEL_WIDTH, BAR_SPACE, BAR_HEIGHT, GAP, CAPTION = 48, 240, 9, 8, 14


class BenchError(Exception):
    """The summary file cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Result:
    backend: str
    size: int
    legacy_s: float
    modern_s: float
    driver_s: float
    legacy_over_modern: float
    modern_over_driver: float
    spread: float
    correct: bool
    #: The Lite member's median and its median round-by-round ratio to 2.x; ``None``
    #: where the row has no Lite form.
    lite_s: float | None
    lite_over_modern: float | None

    @property
    def label(self) -> str:
        return f"{self.backend}, {self.size:,} rows"


@dataclass(frozen=True)
class Bar:
    kind: str  # "legacy", "modern" or "lite"
    label: str  # "legacy", "2.x" or "Lite"
    times_driver: float  # the bar's median as a multiple of the driver's
    y: float
    width: float


@dataclass(frozen=True)
class Chart:
    """Per result, a bar for legacy, one for 2.x and one for Lite (where the row has a
    Lite form), in multiples of the driver's time, scaled to the slowest; a line marks
    the driver (1x)."""

    height: float
    left: float  # where bars start: labels stand to their left
    width: float
    driver_x: float
    groups: tuple[tuple[Result, float, tuple[Bar, ...]], ...]  # (result, y of caption, bars)


def load(path: Path) -> dict[str, tuple[Result, ...]]:
    """Results per row id, from a summary file."""
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
        results = summary["results"]
        found: dict[str, list[Result]] = {}
        for entry in results:
            values = {name: entry.get(name) if name in LITE_FIELDS else entry[name]
                      for name in FIELDS}
            row_id = values.pop("id")
            medians = [values[n] for n in ("legacy_s", "modern_s", "driver_s", "lite_s")]
            if min(m for m in medians if m is not None) <= 0:
                raise ValueError(f"{row_id}: a median that is not positive")
            found.setdefault(row_id, []).append(Result(**values))
    except OSError as error:
        raise BenchError(f"cannot read benchmark summary {str(path)!r}: {error.strerror}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise BenchError(f"{str(path)!r} is not a benchmark summary "
                         f"(python -m comparisons bench writes one): {error!r}") from None
    return {row_id: tuple(rows) for row_id, rows in found.items()}


def chart(results: Sequence[Result]) -> Chart:
    slowest = max(max(r.legacy_s, r.modern_s, r.lite_s or 0) / r.driver_s for r in results)
    groups = []
    y = 0.0
    for result in results:
        caption_y = y + CAPTION - 4  # the result's caption stands on a line of its own
        y += CAPTION
        bars = []
        members = (("legacy", "legacy", result.legacy_s), ("modern", "2.x", result.modern_s),
                   ("lite", "Lite", result.lite_s))
        for kind, label, seconds in members:
            if seconds is None:  # no Lite form: no bar (the table says so)
                continue
            times = seconds / result.driver_s
            bars.append(Bar(kind, label, times, y, BAR_SPACE * times / slowest))
            y += BAR_HEIGHT + 2
        groups.append((result, caption_y, tuple(bars)))
        y += GAP
    return Chart(y + CAPTION, LABEL_WIDTH, LABEL_WIDTH + BAR_SPACE + 80,
                 LABEL_WIDTH + BAR_SPACE / slowest, tuple(groups))


def for_rows(bench: Mapping[str, Sequence[Result]] | None) -> dict[str, dict[str, Any]]:
    """Per row id: its results and their chart, for the templates."""
    return {row_id: {"results": results, "chart": chart(results)}
            for row_id, results in (bench or {}).items() if results}


def legacy_call(code: str) -> str:
    """The first statement of a legacy snippet, on one line: how a reader names a row.

    Comment lines before it are skipped; a statement continued with a backslash or
    inside brackets is joined (``session.query(User).\\`` then ``filter_by(...)``).
    """
    lines = [line.strip() for line in code.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), 0)
    parts: list[str] = []
    depth = 0
    for line in lines[start:]:
        joined = line.endswith("\\")
        part = line.removesuffix("\\").rstrip()
        parts.append(f" {part}" if parts and parts[-1].endswith(",") else part)
        depth += sum(part.count(c) for c in "([{") - sum(part.count(c) for c in ")]}")
        if depth <= 0 and not joined:
            break
    return "".join(parts) if parts else code.strip()
