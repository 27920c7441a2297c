"""One pytest-benchmark entry per row, backend, size and member, grouped side by side.

The timings come from the interleaved sampler (``sampler.py``) and are handed to
pytest-benchmark round by round (``record``), so its statistics and its saved JSON hold
exactly the interleaved rounds, in order. ``extra_info["correct"]`` is asserted beside
each timing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from comparisons.bench.registry import BENCHMARKS
from comparisons.bench.sampler import Sampled, correct
from comparisons.bench.spec import Benchmark
from comparisons.bench.summary import call_of
from comparisons.bench.world import World
from comparisons.catalog import BY_ID


def _clock(durations: list[float]) -> Callable[[], float]:
    """A timer that makes each of pytest-benchmark's rounds last one measured duration.

    Start reads 0.0 and end reads the duration, so end - start is the duration exactly.
    """
    ticks = iter([tick for duration in durations for tick in (0.0, duration)])
    return lambda: next(ticks)


def record(benchmark: Any, durations: list[float]) -> None:
    """Give pytest-benchmark the interleaved rounds; with benchmarks disabled, nothing to time.

    pytest-benchmark times one test at a time, and its members here are three or four
    tests, so
    the rounds are measured by the sampler and replayed through the fixture's timer
    (``_timer``, its only private attribute used here; the check below fails if
    pytest-benchmark stops honouring it).
    """
    if not benchmark.enabled:
        benchmark.pedantic(lambda: None)
        return
    benchmark._timer = _clock(durations)
    benchmark.pedantic(lambda: None, rounds=len(durations), iterations=1)
    assert benchmark.stats.stats.data == durations


#: Each group's members: no Lite member where the row has no Lite form.
PAIRS = [pytest.param(bench, member, id=f"{bench.id}-{member}")
         for bench in BENCHMARKS for member in bench.members]


@pytest.mark.parametrize(("bench", "member"), PAIRS)
def test_benchmark(benchmark: Any, world: World, sampled: Sampled, bench: Benchmark,
                   member: str) -> None:
    samples = sampled.get(world, bench, timed=benchmark.enabled)
    statements = samples.statements[member]
    benchmark.group = f"{bench.id} {world.backend.name} {world.data.size}"
    benchmark.extra_info.update({
        "row": bench.id, "member": member, "backend": world.backend.name,
        "size": world.data.size, "statements": len(statements),
        # Each distinct statement once (N+1 sends one text a thousand times), shortened.
        "sql": [sql[:300] for sql in dict.fromkeys(s.sql for s in statements)][:3],
        # How the summary names the row, and what its legacy call warns (asserted below).
        "call": call_of(row.source["legacy"] if (row := BY_ID.get(bench.id)) else None,
                        bench.legacy),
        "warns": [w.__name__ for w in bench.legacy_warns],
    })
    record(benchmark, samples.durations.get(member, []))
    ok = correct(world, bench, samples, member)
    benchmark.extra_info["correct"] = ok
    expected = [w.__name__ for w in bench.legacy_warns] if member == "legacy" else []
    assert set(samples.warnings[member]) == set(expected), samples.warnings[member]
    assert ok, (f"{member} returned {str(samples.values[member])[:300]}; "
                f"the driver {str(samples.values['driver'])[:300]}")
