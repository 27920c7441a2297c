"""Every catalog row, on every selected backend: what is observed is what is claimed.

The catalog (``comparisons/catalog/``) states, per row and backend, how the modern code
differs from the legacy code and why; these tests hold it to what really happens.
A failure prints the claim's reason next to the differences actually found.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comparisons.backends import Backend
from comparisons.catalog import ROWS
from comparisons.lab import Lab
from comparisons.report import row_verdict
from comparisons.rows import VARIANTS, Outcome, Row, run, verdict
from comparisons.styles import STYLES

Outcomes = Callable[[Row, str], Outcome]

ROW_VARIANTS = [
    pytest.param(row, name, id=f"{row.id}-{name}")
    for row in ROWS
    for name in VARIANTS
    if name == "as_written" or row.recommended is not None
]
BY_ROW = [pytest.param(row, id=row.id) for row in ROWS]


@pytest.fixture(scope="session")
def outcomes(lab: Lab) -> Outcomes:
    """Run each row's variant once per backend; every test below reads the same run."""
    cache: dict[tuple[str, str], Outcome] = {}

    def outcome(row: Row, variant: str) -> Outcome:
        key = (row.id, variant)
        if key not in cache:
            cache[key] = run(lab, row, variant)
        return cache[key]

    return outcome


@pytest.mark.parametrize(("row", "variant"), ROW_VARIANTS)
def test_differences_are_the_claimed_ones(
    outcomes: Outcomes, backend: Backend, row: Row, variant: str
) -> None:
    """The modern code differs from the legacy code exactly as the catalog claims."""
    claimed = row.variant(variant)
    found = outcomes(row, variant).differences
    assert [d.sentence() for d in found] == [
        d.sentence() for d in claimed.claimed(backend.name)
    ], claimed.why


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("row", BY_ROW)
def test_warnings_are_the_expected_ones(outcomes: Outcomes, row: Row, style: str) -> None:
    """Each style warns exactly as expected, in every case: LegacyAPIWarning from
    ``Query.get`` on the legacy side, nothing from the 2.x code."""
    expected = tuple(row.warnings.get(style, ()))
    for variant in ("as_written", "recommended"):
        outcome = outcomes(row, variant)
        observed = outcome.legacy if style == "legacy" else outcome.modern
        for case, observation in observed.items():
            assert observation.warnings == expected, f"{variant}, {case}"


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in ROWS if row.claim])
def test_tutorial_claim(lab: Lab, backend: Backend, row: Row) -> None:
    """The tutorial's sentence holds, or does not, on this backend as the catalog says."""
    assert row.claim is not None
    holds, explanation = row.claim.check(lab)
    assert holds is row.claim.holds[backend.name], explanation


@pytest.mark.parametrize("row", BY_ROW)
def test_report_gives_the_claimed_verdicts(
    lab: Lab, outcomes: Outcomes, backend: Backend, row: Row
) -> None:
    """``python -m comparisons --json`` reports the verdicts these claims imply."""
    reported = row_verdict(lab, row, outcomes)
    for name in VARIANTS:
        assert reported[name] == verdict(row.variant(name).claimed(backend.name)), name
