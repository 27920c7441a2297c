"""Comparing two observations: the differences, each one short sentence."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from comparisons.observe import Observation

EVERY = "every case"


@dataclass(frozen=True, order=True)
class Diff:
    """One way the modern side differed from the legacy side, in the named cases."""

    aspect: str
    legacy: str
    modern: str
    cases: str = EVERY  # comma-separated case names, or EVERY

    def sentence(self) -> str:
        return f"{self.aspect} ({self.cases}): legacy {self.legacy}; modern {self.modern}"


def _short(value: Any, limit: int = 120) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _timing(obs: Observation) -> str:
    at_call = sum(s.phase == "call" for s in obs.statements)
    return f"{at_call} at call, {len(obs.statements) - at_call} on use"


def compare(legacy: Observation, modern: Observation) -> list[tuple[str, str, str]]:
    """(aspect, legacy, modern) for every way ``modern`` differs from ``legacy``."""
    found: list[tuple[str, str, str]] = []

    def differ(aspect: str, left: Any, right: Any) -> None:
        if left != right:
            found.append((aspect, str(left), str(right)))

    differ("raises", legacy.error or "nothing", modern.error or "nothing")
    if legacy.error is None and modern.error is None:
        differ("returns", legacy.kind, modern.kind)
    if legacy.items and modern.items:
        differ("items", legacy.items, modern.items)
    if legacy.error is None and modern.error is None:
        same_shape = (legacy.kind, legacy.items) == (modern.kind, modern.items)
        if same_shape:
            _compare_values(found, "value", legacy.value, modern.value)
        else:
            differ("records", _short(legacy.records), _short(modern.records))
    differ("statements", len(legacy.statements), len(modern.statements))
    if len(legacy.statements) == len(modern.statements):
        for mine, theirs in zip(legacy.statements, modern.statements, strict=True):
            differ("sql", mine.sql, theirs.sql)
            differ("parameters", _short(mine.params), _short(theirs.params))
        differ("sql runs", _timing(legacy), _timing(modern))
    extra = sorted(set(modern.warnings) - set(legacy.warnings))
    differ("warnings", "none", ", ".join(extra) if extra else "none")
    if legacy.state != modern.state:
        only_legacy, only_modern = _only_in(legacy.state, modern.state)
        found.append(("database afterwards", f"also has {_short(only_legacy)}",
                      f"also has {_short(only_modern)}"))
    return found


def _only_in(left: Any, right: Any) -> tuple[list[Any], list[Any]]:
    """Rows that only one side's table holds afterwards."""
    left, right = list(left or []), list(right or [])
    return [r for r in left if r not in right], [r for r in right if r not in left]


def _compare_values(found: list[tuple[str, str, str]], aspect: str, left: Any, right: Any) -> None:
    # Dicts of the same keys (a schema, a page) differ key by key: one sentence each.
    if isinstance(left, dict) and isinstance(right, dict) and left.keys() == right.keys():
        for key in left:
            _compare_values(found, f"{aspect}.{key}", left[key], right[key])
    elif isinstance(left, list) and isinstance(right, list) and left != right:
        if len(left) != len(right):
            found.append((aspect, f"{len(left)} items", f"{len(right)} items"))
        else:  # the first differing item says enough
            index = next(i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b)
            _compare_values(found, f"{aspect}[{index}]", left[index], right[index])
    elif left != right:
        found.append((aspect, _short(left), _short(right)))


def collect(pairs: Mapping[str, tuple[Observation, Observation]]) -> list[Diff]:
    """Differences over named cases, each merged across the cases where it occurred."""
    where: dict[tuple[str, str, str], list[str]] = {}
    for case, (legacy, modern) in pairs.items():
        for key in dict.fromkeys(compare(legacy, modern)):
            where.setdefault(key, []).append(case)
    return sorted(
        Diff(*key, cases=EVERY if len(cases) == len(pairs) else ", ".join(cases))
        for key, cases in where.items()
    )


def sentences(diffs: Iterable[Diff]) -> list[str]:
    return [d.sentence() for d in diffs]
