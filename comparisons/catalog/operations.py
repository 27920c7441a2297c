"""Rows of the "Comparison Table of Common Operations", the model, SELECT and CRUD."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import legacy.queries
import legacy.tutorial_models
import modern.as_written
import modern.models
import modern.queries
import modern.tutorial_models
import legacy.models
from comparisons.datasets import PER_PAGE
from comparisons.diff import Diff
from comparisons.observers import observe_model, observe_operation
from comparisons.rows import Case, Row, Side, Variant

LEGACY_API = ("LegacyAPIWarning",)

# Cases shared by several rows.
TABLE_CASES = (Case("empty", "empty"), Case("single", "single"), Case("many", "many"))
ID_CASES = (
    Case("existing id", "many", (3,)),
    Case("missing id", "many", (999,)),
    Case("empty table", "empty", (3,)),
    Case("same id twice", "many", (3,), repeat=2),
)
NAME_CASES = (
    Case("two matches", "many", ("alex",)),
    Case("non-ASCII", "many", ("Zoë",)),
    Case("no match", "many", ("nobody",)),
    Case("empty table", "empty", ("alex",)),
)
OR_CASES = (
    Case("name or age", "many", ("alex", 25)),
    Case("NULL ages", "many", ("bob", 60)),
    Case("empty table", "empty", ("alex", 25)),
)
PAGE_CASES = (
    Case("page 1", "many", (1, PER_PAGE)),
    Case("last page (partial)", "many", (3, PER_PAGE)),
    Case("page past the end", "many", (4, PER_PAGE)),
    Case("single row", "single", (1, PER_PAGE)),
    Case("empty table", "empty", (1, PER_PAGE)),
)


def _legacy(function: Callable[..., Any]) -> Side:
    return Side("legacy", function)


def _modern(function: Callable[..., Any]) -> Side:
    return Side("modern", function)


def operation(
    name: str, title: str, tutorial: tuple[str, str], cases: tuple[Case, ...], *,
    section: str = "operations", as_written: tuple[Diff, ...] = (), why: str = "",
    recommended: tuple[Diff, ...] = (), why_recommended: str = "",
    legacy_warnings: tuple[str, ...] = (),
) -> Row:
    """A row whose sides are same-named functions in legacy/ and modern/ modules.

    The modern side as written is ``modern.as_written.<name>`` where the tutorial's
    code differs from the recommendation, else ``modern.queries.<name>`` itself.
    """
    recommendation = _modern(getattr(modern.queries, name))
    written = getattr(modern.as_written, name, None)
    return Row(
        id=f"{section}.{name.removeprefix('select_')}",
        section=section,
        title=title,
        tutorial={"legacy": tutorial[0], "modern": tutorial[1]},
        legacy=_legacy(getattr(legacy.queries, name)),
        as_written=Variant(_modern(written) if written else recommendation, as_written, why),
        recommended=Variant(recommendation, recommended, why_recommended) if written else None,
        cases=cases,
        observer=observe_operation,
        warnings={"legacy": legacy_warnings, "modern": ()},
    )


ROWS: list[Row] = []

ROWS += [
    operation("all_records", "All records",
              ("Model.query.all()", "db.session.execute(select(Model)).scalars().all()"),
              TABLE_CASES),
    operation("get_by_id", "Get by ID",
              ("Model.query.get(id)", "db.session.get(Model, id)"),
              ID_CASES, legacy_warnings=LEGACY_API),
    operation("get_by_id_execute", "Get by ID (execute)",
              ("Model.query.get(id)",
               "db.session.execute(select(Model).where(Model.id == id)).scalar_one()"),
              ID_CASES, legacy_warnings=LEGACY_API),
    operation("simple_filter", "Simple filters",
              ('Model.query.filter_by(name="x")',
               'db.session.execute(select(Model).where(Model.name == "x"))'),
              NAME_CASES),
    operation("complex_filter", "Complex filters",
              ("Model.query.filter(or_(...))",
               "db.session.execute(select(Model).where(or_(...)))"),
              OR_CASES),
    operation("first_result", "First result",
              ("Model.query.first()", "db.session.execute(select(Model).limit(1)).scalar_one()"),
              TABLE_CASES),
    operation("sorting", "Sorting",
              ("Model.query.order_by(Model.name.desc())",
               "db.session.execute(select(Model).order_by(Model.name.desc()))"),
              TABLE_CASES),
    operation("pagination", "Pagination",
              ("Model.query.paginate(page=1, per_page=10)",
               "db.session.execute(select(Model).offset(0).limit(10))"),
              PAGE_CASES),
]
