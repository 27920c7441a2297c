"""What each style costs: legacy, 2.x and the raw driver, one benchmark group per row.

Run with ``pytest comparisons/benchmarks`` (add ``--db all`` for every backend). Each
round is one request's worth of work: call, consume the result, close the session, so
the identity map of one round does not serve the next. Beside each timing,
``extra_info["correct"]`` records whether that implementation returned the rows the
raw driver did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy.exc import LegacyAPIWarning

import legacy.queries
import modern.queries
from comparisons.datasets import seed
from comparisons.lab import Lab
from comparisons.observe import materialise
from comparisons.plain import plain

COLUMNS = "SELECT id, name, age FROM person"
#: Row name -> (arguments, the same query for the raw driver, "{p}" a placeholder).
ROWS: dict[str, tuple[tuple[Any, ...], str]] = {
    "all_records": ((), COLUMNS),
    "get_by_id": ((3,), COLUMNS + " WHERE id = {p}"),
    "simple_filter": (("alex",), COLUMNS + " WHERE name = {p}"),
    "first_result": ((), COLUMNS + " LIMIT 1"),
    "sorting": ((), COLUMNS + " ORDER BY name DESC"),
}
STYLES = {"legacy": legacy.queries, "modern": modern.queries}
Record = tuple[Any, ...]


@pytest.fixture
def people(lab: Lab) -> Lab:
    for style in lab.styles:
        lab.reset(style, seed("many"), reuse="many")
    return lab


def _records(value: Any) -> list[Record]:
    """Any style's result as (id, name, age) tuples, for the correctness flag."""
    rows = value if isinstance(value, list) else [value]
    return [(r["id"], r["name"], r["age"]) for r in rows if r is not None]


def _orm_round(lab: Lab, style: str, name: str, args: tuple[Any, ...]) -> Callable[[], Any]:
    function = getattr(STYLES[style], name)
    session = lab.dbs[style].session

    def one_request() -> Any:
        value = plain(materialise(function(*args)))
        session.remove()
        return value

    return one_request


def _driver_round(lab: Lab, name: str, args: tuple[Any, ...]) -> Callable[[], Any]:
    engine = lab.engine("modern")
    placeholder = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    sql = ROWS[name][1].format(p=placeholder)

    def one_request() -> Any:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, args)
            rows = [{"id": r[0], "name": r[1], "age": r[2]} for r in cursor.fetchall()]
            connection.commit()
        finally:
            connection.close()
        return rows[0] if name in ("get_by_id", "first_result") else rows

    return one_request


@contextlib.contextmanager
def _expected_warnings(style: str, name: str) -> Iterator[None]:
    """Query.get is legacy API: its warning is expected, and asserted, in every round."""
    if style == "legacy" and name == "get_by_id":
        with pytest.warns(LegacyAPIWarning):
            yield
    else:
        yield


@pytest.mark.parametrize("implementation", ["legacy", "modern", "driver"])
@pytest.mark.parametrize("name", ROWS)
def test_operation(benchmark: Any, people: Lab, name: str, implementation: str) -> None:
    args = ROWS[name][0]
    benchmark.group = f"{name}-{people.backend.name}"
    expected = _records(_driver_round(people, name, args)())
    if implementation == "driver":
        one_request = _driver_round(people, name, args)
    else:
        one_request = _orm_round(people, implementation, name, args)
    with people.apps["modern" if implementation == "driver" else implementation].app_context(), \
            _expected_warnings(implementation, name):
        value = benchmark(one_request)
    correct = _records(value) == expected
    benchmark.extra_info["correct"] = correct
    assert correct, f"{implementation} returned other rows than the driver"
