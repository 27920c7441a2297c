"""Running a row's baseline and a candidate on a lab, case by case, and grading them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from comparisons.engine.compare import aspects, collect
from comparisons.engine.lab import Lab
from comparisons.values.diff import Diff
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Row, Side
from comparisons.values.verdicts import grade


@dataclass(frozen=True)
class Outcome:
    """A row's variant run on one backend: the observations, differences and verdict.

    ``baseline`` is the legacy code's observations, ``candidate`` the variant's, by case.
    """

    baseline: Mapping[str, Observation]
    candidate: Mapping[str, Observation]
    differences: tuple[Diff, ...]
    aspects: Mapping[str, str]
    verdict: str

    def to_json(self) -> dict[str, Any]:
        """``{"baseline", "candidate": {case: observation}, "differences", "aspects",
        "verdict"}``, which :meth:`from_json` reads back exactly."""
        return {
            "baseline": {case: obs.to_json() for case, obs in self.baseline.items()},
            "candidate": {case: obs.to_json() for case, obs in self.candidate.items()},
            "differences": [d.to_json() for d in self.differences],
            "aspects": dict(self.aspects),
            "verdict": self.verdict,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        keys = {"baseline", "candidate", "differences", "aspects", "verdict"}
        if set(data) != keys:
            raise ValueError(f"an outcome has the fields {sorted(keys)}: got {sorted(data)}")
        return cls(
            {case: Observation.from_json(obs) for case, obs in data["baseline"].items()},
            {case: Observation.from_json(obs) for case, obs in data["candidate"].items()},
            tuple(Diff.from_json(d) for d in data["differences"]),
            dict(data["aspects"]), data["verdict"],
        )


def judge(baseline: Mapping[str, Observation],
          candidate: Mapping[str, Observation]) -> Outcome:
    """Compare a baseline and a candidate case by case, and grade what differs.

    Only the observations are read: two sides observed elsewhere and read back with
    ``Observation.from_json`` are judged exactly as they were where they ran.
    """
    pairs = {name: (baseline[name], candidate[name]) for name in baseline}
    differences = tuple(collect(pairs))
    vector = aspects(pairs, differences)
    raised = [(a.error is not None, b.error is not None) for a, b in pairs.values()]
    return Outcome(baseline, candidate, differences, vector, grade(vector, raised))


def run(lab: Lab, row: Row, key: str) -> Outcome:
    """Run a variant (the candidate) and its baseline on every case, and judge them.

    The baseline of a row is observed once per case on a lab, whichever variant
    it is compared with: its observation does not depend on the variant.
    """
    variant = row.variant(key)
    side = variant.baseline or row.legacy
    baseline = {c.name: _baseline(lab, row, side, c) for c in row.cases}
    candidate = {c.name: row.observer(lab, variant.side, c) for c in row.cases}
    return judge(baseline, candidate)


def _baseline(lab: Lab, row: Row, side: Side, case: Case) -> Observation:
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
