"""Every catalog row, on every selected backend: what is observed is what is declared.

Each variant of each row declares its verdict and its differences (``comparisons/
catalog/``); these tests hold the declaration to what really happens, on this backend
and this SQLAlchemy version. A failure prints the declared reason next to what was found.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comparisons.catalog import ROWS
from comparisons.databases.backends import Backend
from comparisons.document.report import sqlalchemy_minor
from comparisons.engine.judge import Outcome, check_claim
from comparisons.engine.lab import Lab
from comparisons.values.rows import Row

Outcomes = Callable[[Row, str], Outcome]

ROW_VARIANTS = [pytest.param(row, v.key, id=f"{row.id}-{v.key}")
                for row in ROWS for v in row.variants]


@pytest.mark.parametrize(("row", "key"), ROW_VARIANTS)
def test_verdict_is_the_declared_one(
    outcomes: Outcomes, backend: Backend, row: Row, key: str
) -> None:
    """The graded verdict is the one the catalog declares for this backend and version."""
    variant = row.variant(key)
    declared, _ = variant.expected(backend.name, sqlalchemy_minor())
    found = outcomes(row, key)
    assert found.verdict == declared, (
        f"{variant.why}\naspects: {dict(found.aspects)}\n"
        + "\n".join(d.sentence() for d in found.differences)
        + f"\nEvery observation in full: python -m comparisons --row {row.id} "
          f"--db {backend.name} --observed")


@pytest.mark.parametrize(("row", "key"), ROW_VARIANTS)
def test_differences_are_the_declared_ones(
    outcomes: Outcomes, backend: Backend, row: Row, key: str
) -> None:
    """The modern code differs from the legacy code exactly as the catalog declares."""
    variant = row.variant(key)
    _, declared = variant.expected(backend.name, sqlalchemy_minor())
    found = outcomes(row, key).differences
    assert [d.sentence() for d in found] == [d.sentence() for d in declared], (
        f"{variant.why}\nEvery observation in full: python -m comparisons --row {row.id} "
        f"--db {backend.name} --observed")


@pytest.mark.parametrize(("row", "key"), ROW_VARIANTS)
def test_warnings_are_the_expected_ones(outcomes: Outcomes, row: Row, key: str) -> None:
    """Each side warns exactly as expected in every case: LegacyAPIWarning from
    ``Query.get`` on the legacy side where the row says so, nothing from 2.x code."""
    outcome = outcomes(row, key)
    style = row.variant(key).side.style
    for side, observed in (("legacy", outcome.baseline), (style, outcome.candidate)):
        expected = expected_warnings(row, key, side)
        for case, observation in observed.items():
            assert observation.warnings == expected, f"{side}, {case}"


def expected_warnings(row: Row, key: str, side: str) -> tuple[str, ...]:
    """A side's expected warnings: the legacy's, else the variant's on this SQLAlchemy
    version (``"as_written@2.0"``), the variant's, or the style's; by default none."""
    names = [side] if side == "legacy" else [f"{key}@{sqlalchemy_minor()}", key, side]
    return tuple(next((row.warnings[n] for n in names if n in row.warnings), ()))


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in ROWS if row.claim])
def test_source_claim(lab: Lab, backend: Backend, row: Row) -> None:
    """The source's sentence holds, or does not, on this backend as the catalog says."""
    assert row.claim is not None
    holds, explanation = check_claim(lab, row)
    assert holds is row.claim.holds[backend.name], explanation
