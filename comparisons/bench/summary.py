"""pytest-benchmark's saved JSON as a table of ratios: legacy / 2.x, Lite / 2.x, 2.x / driver.

Ratios are medians of round-by-round ratios: the sampler interleaves the members, so
round ``i`` of each ran side by side (``comparisons/bench/sampler.py``). ``spread``
is the relative interquartile range of the legacy / 2.x ratio (its IQR over its
median): the terminal, the page and ``bench.json`` show that one number.

The terminal names each row by its legacy call (``call_of``) and gives, for a ratio far
from 1, a reason read from what was measured (``reason``): the statement counts, the
SQL each side sent, else the catalog's why of the 2.x form.
"""

from __future__ import annotations

import inspect
import math
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from comparisons.bench import results as reader  # writer and reader share fields
from comparisons.bench.results import FIELDS, legacy_call
from comparisons.bench.stats import median, quartiles, ratios, relative_iqr

#: The members every group has; a group has a ``lite`` member where its row has a Lite form.
MEMBERS = ("legacy", "modern", "driver")
LITE = "lite"
#: A legacy / 2.x ratio beyond this either way gets a reason in the terminal.
FAR = 1.1
#: What the SQL of one side may hold and the other's not, as a reason names it.
CLAUSES = {"LIMIT": r"\bLIMIT\b", "OFFSET": r"\bOFFSET\b", "JOIN": r"\bJOIN\b",
           "DISTINCT": r"\bDISTINCT\b", "ORDER BY": r"\bORDER BY\b",
           "RETURNING": r"\bRETURNING\b", "a subquery": r"\(\s*SELECT\b",
           "IN (...)": r"\bIN \("}


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
    #: Each member's distinct statements, as the benchmark recorded them (shortened).
    sql: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
    #: The row's legacy call (``call_of``), and the warnings its legacy member emits on
    #: every call (the benchmark asserts them); empty in a JSON saved before them.
    call: str = ""
    warns: tuple[str, ...] = ()
    #: First and third quartiles of Lite / 2.x, and the statements Lite sent (``None``,
    #: ``0``: no Lite member).
    lite_iqr: tuple[float, float] | None = None
    lite_statements: int = 0

    @property
    def lite_spread(self) -> float | None:
        """The relative interquartile range of Lite / 2.x, as ``spread`` is legacy's."""
        if self.lite_iqr is None or self.lite_over_modern is None:
            return None
        return (self.lite_iqr[1] - self.lite_iqr[0]) / self.lite_over_modern

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
    """The members of one group (three, four with Lite) as one result."""
    info = entries[0]["extra_info"]
    group = f"{info['row']} {info['backend']} {info['size']}"
    members = _members(entries, group)
    data = {m: [float(t) for t in entry["stats"]["data"]] for m, entry in members.items()}
    try:
        over_modern = ratios(data["legacy"], data["modern"])
        over_driver = ratios(data["modern"], data["driver"])
        lite = ratios(data[LITE], data["modern"]) if LITE in data else None
    except ValueError as error:
        raise SummaryError(f"group {group!r}: {error}") from None
    return Result(
        id=info["row"], backend=info["backend"], size=int(info["size"]),
        legacy_s=median(data["legacy"]), modern_s=median(data["modern"]),
        driver_s=median(data["driver"]),
        legacy_over_modern=median(over_modern), modern_over_driver=median(over_driver),
        spread=relative_iqr(over_modern),
        correct=all(entry["extra_info"].get("correct") is True for entry in members.values()),
        lite_s=median(data[LITE]) if lite else None,
        lite_over_modern=median(lite) if lite else None,
        lite_iqr=quartiles(lite) if lite else None,
        lite_statements=int(members[LITE]["extra_info"].get("statements", 0)) if lite else 0,
        driver_spread=relative_iqr(over_driver), over_modern_iqr=quartiles(over_modern),
        over_driver_iqr=quartiles(over_driver), rounds=len(data["legacy"]),
        statements=tuple(int(members[m]["extra_info"].get("statements", 0))
                         for m in MEMBERS),  # type: ignore[arg-type]
        sql=tuple(tuple(members[m]["extra_info"].get("sql", ()))
                  for m in MEMBERS),  # type: ignore[arg-type]
        call=str(members["legacy"]["extra_info"].get("call", "")),
        warns=tuple(members["legacy"]["extra_info"].get("warns", ())),
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


def call_of(source: str | None, legacy: Callable[..., Any]) -> str:
    """How a reader names a benchmark row: the first statement of its catalog row's
    legacy ``source``; else (a pattern, a bulk write) the first ````code```` of its legacy
    function's docstring. The benchmarks record it (``extra_info["call"]``)."""
    if source is not None:
        return legacy_call(source)
    found = re.search(r"``(.+?)``", inspect.getdoc(legacy) or "")
    return found.group(1) if found else ""


def _clauses(statements: Sequence[str]) -> set[str]:
    text = " ".join(" ".join(statements).split())
    return {name for name, pattern in CLAUSES.items() if re.search(pattern, text)}


def far(r: Result) -> bool:
    return abs(math.log(r.legacy_over_modern)) > math.log(FAR)


def reason(r: Result) -> str:
    """Why legacy / 2.x is far from 1, from what was measured: the statement counts,
    else a clause in one side's SQL only, else the same SQL (and the warning legacy
    emits, where it does); ``""`` when it is near 1."""
    if not far(r):
        return ""
    legacy, modern, _ = r.statements
    if legacy != modern:
        return f"legacy sends {legacy:,} statements, 2.x {modern:,}"
    only_legacy = sorted(_clauses(r.sql[0]) - _clauses(r.sql[1]))
    only_modern = sorted(_clauses(r.sql[1]) - _clauses(r.sql[0]))
    parts = [f"{', '.join(only_legacy)} in legacy's SQL only" if only_legacy else "",
             f"{', '.join(only_modern)} in 2.x's SQL only" if only_modern else ""]
    if any(parts):
        return "; ".join(part for part in parts if part)
    same = f"the same SQL, {legacy:,} statement{'s' if legacy != 1 else ''} each"
    if r.warns and r.legacy_over_modern > 1:
        return f"{same}; legacy warns {', '.join(r.warns)} on every call"
    return f"{same}: the time goes to each style's own Python"


def seconds_of(r: Result) -> str:
    """The medians (the driver's is in 2.x ÷ driver): short enough for one line."""
    lite = f"Lite {seconds(r.lite_s)}" if r.lite_s is not None else "no Lite form"
    return f"legacy {seconds(r.legacy_s)} · 2.x {seconds(r.modern_s)} · {lite}"


def lite_cell(r: Result) -> Text:
    """Lite ÷ 2.x, coloured as legacy ÷ 2.x when far from 1; a dash without a Lite form."""
    if r.lite_over_modern is None:
        return Text("—", style="dim")
    ratio = r.lite_over_modern
    off = abs(math.log(ratio)) > math.log(FAR)
    return Text(f"{ratio:.2f}", style="red" if off and ratio > 1 else "blue" if off else "")


def tables(found: list[Result]) -> list[Table]:
    """One rich table per backend and size, legacy / 2.x from high to low: each row named
    by its legacy call, its id and, far from 1, the reason."""
    grouped: dict[tuple[str, int], list[Result]] = {}
    for r in found:
        grouped.setdefault((r.backend, r.size), []).append(r)
    made = []
    for (backend, size), group in grouped.items():
        table = Table(title=f"{backend}, {size:,} rows", title_justify="left",
                      box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
        # Headers on two lines: the row's cell keeps the width, within 80 columns.
        table.add_column("legacy\n÷ 2.x", justify="right", no_wrap=True)
        table.add_column("IQR", justify="right", no_wrap=True)
        table.add_column("row: legacy call, id; why far from 1", ratio=1, overflow="fold")
        table.add_column("Lite\n÷ 2.x", justify="right", no_wrap=True)
        table.add_column("2.x ÷\ndriver", justify="right", no_wrap=True)
        for r in sorted(group, key=lambda r: -r.legacy_over_modern):
            cell = Text(r.call or r.id, style="bold")
            if r.call:
                cell.append(f"  {r.id}", style="dim")
            why = reason(r)
            if why:
                cell.append(f"\n{why}", style="italic")
            cell.append(f"\n{seconds_of(r)}", style="dim")
            if not r.correct:
                cell.append("\nWRONG RESULT: see bench.pytest-benchmark.json",
                            style="bold red")
            ratio = Text(f"{r.legacy_over_modern:.2f}",
                         style="red" if far(r) and r.legacy_over_modern > 1 else
                         "blue" if far(r) else "")
            table.add_row(ratio, f"{r.spread:.0%}", cell, lite_cell(r),
                          f"{r.modern_over_driver:.1f}")
        made.append(table)
    return made


LEGEND = ("legacy ÷ 2.x: the median of round-by-round ratios of the two styles' times "
          "(above 1: legacy is slower). IQR: those ratios' interquartile range over their "
          "median (bench.json's spread; the page's spread). Lite ÷ 2.x: the same for "
          "Flask-SQLAlchemy-Lite's form against 2.x on Flask-SQLAlchemy 3.1 (— : the row "
          "has no Lite form). 2.x ÷ driver: what the ORM "
          f"adds to the same SQL through the bare cursor. A ratio beyond {FAR} either way "
          "gives a reason: the statement counts, a clause in one side's SQL only, "
          "else the same SQL.")


def show(found: list[Result], console: Console | None = None) -> None:
    """The tables, then the legend; within the terminal's width (piped: 80 columns)."""
    console = console or Console(width=shutil.get_terminal_size((80, 24)).columns)
    for table in tables(found):
        console.print(table)
    console.print(LEGEND, highlight=False)
