"""Running a row's baseline and a candidate on a lab, case by case, and grading them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from comparisons.engine.compare import aspects, collect
from comparisons.engine.lab import Lab
from comparisons.values.diff import Diff
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Row, Side
from comparisons.values.verdicts import grade


@dataclass(frozen=True)
class Outcome:
    """A row's variant run on one backend: the observations, differences and verdict."""

    legacy: Mapping[str, Observation]
    modern: Mapping[str, Observation]
    differences: tuple[Diff, ...]
    aspects: Mapping[str, str]
    verdict: str


def judge(legacy: Mapping[str, Observation], modern: Mapping[str, Observation]) -> Outcome:
    """Compare two sides case by case, and grade what differs."""
    pairs = {name: (legacy[name], modern[name]) for name in legacy}
    differences = tuple(collect(pairs))
    vector = aspects(pairs, differences)
    raised = [(a.error is not None, b.error is not None) for a, b in pairs.values()]
    return Outcome(legacy, modern, differences, vector, grade(vector, raised))


def run(lab: Lab, row: Row, key: str) -> Outcome:
    """Run a variant and its legacy side on every case, and judge them.

    The legacy side of a row is observed once per case on a lab, whichever variant
    it is compared with: its observation does not depend on the variant.
    """
    variant = row.variant(key)
    legacy_side = variant.baseline or row.legacy
    legacy = {c.name: _legacy(lab, row, legacy_side, c) for c in row.cases}
    modern = {c.name: row.observer(lab, variant.side, c) for c in row.cases}
    return judge(legacy, modern)


def _legacy(lab: Lab, row: Row, side: Side, case: Case) -> Observation:
    key = (row.id, side, case)
    if key not in lab.observed:
        lab.observed[key] = row.observer(lab, side, case)
    return cast(Observation, lab.observed[key])


def check_claim(lab: Lab, row: Row) -> tuple[bool, str]:
    """Whether the row's sentence holds on ``lab``, checked once per lab."""
    assert row.claim is not None, row.id
    key = ("claim", row.id)
    if key not in lab.observed:
        lab.observed[key] = row.claim.check(lab)
    return cast(tuple[bool, str], lab.observed[key])
