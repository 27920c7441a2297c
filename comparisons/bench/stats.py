"""Robust statistics of paired timings: medians, and the spread of per-round ratios.

The sampler interleaves members, so round ``i`` of the legacy member ran next to round
``i`` of the 2.x member: their ratio cancels whatever load the machine had just then,
and the median of those ratios is what the summary reports.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

#: A 95% interval of ranks around the median spans 1.96 * sqrt(n) / 2 ranks each side.
Z95 = 1.96


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Round-by-round ratios of two members' timings (the rounds were interleaved)."""
    if len(numerators) != len(denominators):
        raise ValueError(f"unpaired rounds: {len(numerators)} and {len(denominators)}")
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """First and third quartiles (the median's, for a single value)."""
    if len(values) < 2:
        return median(values), median(values)
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(q1), float(q3)


def relative_iqr(values: Sequence[float]) -> float:
    """Interquartile range over the median: 0.1 means the middle half spans 10%."""
    q1, q3 = quartiles(values)
    return (q3 - q1) / median(values)


def median_error(values: Sequence[float]) -> float:
    """The median's relative standard error, from the distribution-free 95% interval.

    The interval runs between the order statistics ``n/2 -+ 1.96 sqrt(n) / 2``; it
    depends only on how densely values sit around the median, so rounds that another
    process slowed down (far out in the tails) do not widen it as they widen the IQR.
    """
    n = len(values)
    if n < 5:
        return math.inf
    ordered = sorted(values)
    reach = Z95 * math.sqrt(n) / 2
    low = ordered[max(0, math.floor(n / 2 - reach))]
    high = ordered[min(n - 1, math.ceil(n / 2 + reach) - 1)]
    return (high - low) / (2 * Z95 * median(values))
