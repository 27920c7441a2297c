"""pytest-benchmark's saved JSON as a table of ratios: legacy / 2.x and 2.x / driver.

Ratios are medians of round-by-round ratios: the sampler interleaves the members, so
round ``i`` of each ran side by side (``comparisons/benchmarks/sampler.py``). ``spread``
is the relative interquartile range of the legacy / 2.x ratio.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from comparisons.bench import results as reader  # writer and reader share fields
from comparisons.bench.results import FIELDS
from comparisons.bench.stats import median, quartiles, ratios, relative_iqr

MEMBERS = ("legacy", "modern", "driver")


class SummaryError(ValueError):
    """The saved JSON cannot be summarised; the message is one line for the user."""


@dataclass(frozen=True)
class Result(reader.Result):
    """One row on one backend at one size: what the report reads from the summary, the
    row's id, then what only the terminal table and the chart show."""

    id: str
    driver_spread: float
    #: First and third quartiles of each ratio, for the chart's whiskers.
    over_modern_iqr: tuple[float, float]
    over_driver_iqr: tuple[float, float]
    rounds: int
    statements: tuple[int, int, int]

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def _members(entries: list[dict[str, Any]], group: str) -> dict[str, dict[str, Any]]:
    found = {entry["extra_info"]["member"]: entry for entry in entries}
    missing = [m for m in MEMBERS if m not in found]
    if missing:
        raise SummaryError(f"group {group!r} lacks member(s) {', '.join(missing)}")
    for member, entry in found.items():
        if not entry["stats"].get("data"):
            raise SummaryError(f"group {group!r}, {member}: no per-round data "
                               "(save with --benchmark-json, benchmarks enabled)")
    return found


def result(entries: list[dict[str, Any]]) -> Result:
    """The three members of one group as one result."""
    info = entries[0]["extra_info"]
    group = f"{info['row']} {info['backend']} {info['size']}"
    members = _members(entries, group)
    data = {m: [float(t) for t in members[m]["stats"]["data"]] for m in MEMBERS}
    try:
        over_modern = ratios(data["legacy"], data["modern"])
        over_driver = ratios(data["modern"], data["driver"])
    except ValueError as error:
        raise SummaryError(f"group {group!r}: {error}") from None
    return Result(
        id=info["row"], backend=info["backend"], size=int(info["size"]),
        legacy_s=median(data["legacy"]), modern_s=median(data["modern"]),
        driver_s=median(data["driver"]),
        legacy_over_modern=median(over_modern), modern_over_driver=median(over_driver),
        spread=relative_iqr(over_modern),
        correct=all(members[m]["extra_info"].get("correct") is True for m in MEMBERS),
        driver_spread=relative_iqr(over_driver), over_modern_iqr=quartiles(over_modern),
        over_driver_iqr=quartiles(over_driver), rounds=len(data["legacy"]),
        statements=tuple(int(members[m]["extra_info"].get("statements", 0))
                         for m in MEMBERS),  # type: ignore[arg-type]
    )


def results(saved: Mapping[str, Any]) -> list[Result]:
    """Every group of a pytest-benchmark JSON, in the order they ran."""
    groups: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    try:
        for entry in saved["benchmarks"]:
            info = entry["extra_info"]
            groups.setdefault((info["row"], info["backend"], info["size"]), []).append(entry)
    except (KeyError, TypeError) as error:
        raise SummaryError(f"not a benchmark JSON of this project (missing {error})") from None
    if not groups:
        raise SummaryError("the benchmark JSON holds no benchmarks")
    return [result(entries) for entries in groups.values()]


def summary(found: Iterable[Result], versions: Mapping[str, str]) -> dict[str, Any]:
    """The JSON the report reads: ``{"versions": {...}, "results": [...]}``."""
    return {"versions": dict(versions), "results": [r.as_json() for r in found]}


def seconds(value: float) -> str:
    """A duration with a unit a reader compares at a glance."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-6:.3g} µs"


def tables(found: list[Result]) -> list[Table]:
    """One rich table per backend and size."""
    made: dict[tuple[str, int], Table] = {}
    for r in found:
        table = made.get((r.backend, r.size))
        if table is None:
            table = made[(r.backend, r.size)] = Table(
                title=f"{r.backend}, {r.size:,} rows: medians of interleaved rounds")
            for name in ("row", "legacy", "2.x", "driver", "legacy/2.x", "2.x/driver",
                         "statements", "rounds", "ok"):
                table.add_column(name, justify="left" if name == "row" else "right",
                                 no_wrap=True)
        table.add_row(
            r.id, seconds(r.legacy_s), seconds(r.modern_s), seconds(r.driver_s),
            f"{r.legacy_over_modern:.2f} ±{r.spread / 2:.0%}",
            f"{r.modern_over_driver:.1f} ±{r.driver_spread / 2:.0%}",
            "/".join(str(n) for n in r.statements), str(r.rounds),
            "yes" if r.correct else "[bold red]NO[/]",
        )
    return list(made.values())


def show(found: list[Result], console: Console | None = None) -> None:
    # Piped to a file, rich would assume 80 columns and cut the row names.
    console = console or Console(width=None if sys.stdout.isatty() else 140)
    for table in tables(found):
        console.print(table)
    console.print("legacy/2.x above 1: the legacy style is slower. ± is half the "
                  "interquartile range of the round-by-round ratio, relative to its median. "
                  "statements: SQL statements sent by legacy/2.x/driver.")
