"""Robust statistics of paired timings: medians, and the spread of per-round ratios.

The sampler interleaves members, so round ``i`` of the legacy member ran next to round
``i`` of the 2.x member: their ratio cancels whatever load the machine had just then,
and the median of those ratios is what the summary reports.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

#: Standard error of a median, as a multiple of IQR / sqrt(n), for a normal sample:
#: 1.2533 (median's efficiency) / 1.349 (IQR per standard deviation).
MEDIAN_SE_PER_IQR = 1.2533 / 1.349


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
    """The median's estimated relative standard error, from the IQR."""
    if len(values) < 2:
        return math.inf
    return MEDIAN_SE_PER_IQR * relative_iqr(values) / math.sqrt(len(values))
