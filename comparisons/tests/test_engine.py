"""Negative controls: known-different pairs, each seen as exactly the aspect it differs in.

If the engine is weakened in an aspect (values compared after truncation, Python's
``==`` instead of canonical JSON, statements counted after execute, SQL skipped when
counts differ, a verdict that always says ``identical``), the pair for that aspect
stops being seen and its test fails.
"""

from __future__ import annotations

import datetime
import decimal

import pytest
import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from comparisons.engine.judge import judge
from comparisons.engine.observe import items_kind
from comparisons.values.observation import Observation, Statement
from comparisons.values.plain import HarnessError, plain
from comparisons.values.verdicts import DIFFERS, grade
from lite.pagination import Page


def people(n: int = 12, tenth: str = "judy") -> list[dict[str, object]]:
    names = [f"person {i}" for i in range(n)]
    names[9] = tenth
    return [{"id": i + 1, "name": name} for i, name in enumerate(names)]


def seen(legacy: Observation, modern: Observation) -> set[str]:
    """The aspects that differ for one case."""
    outcome = judge({"case": legacy}, {"case": modern})
    return {name for name, state in outcome.aspects.items() if state == DIFFERS}


def returned(value: object, *statements: Statement, warnings: tuple[str, ...] = (),
             state: object = None) -> Observation:
    return Observation(kind="list", value=plain(value), statements=statements,
                       warnings=warnings, state=state)


SELECT = Statement("SELECT person.id FROM person LIMIT ?", [1])
PAIRS = {
    "a different 10th record": (returned(people()), returned(people(tenth="mallory")),
                                {"values"}),
    "Decimal 1.5 and 2.5": (returned([decimal.Decimal("1.5")]),
                            returned([decimal.Decimal("2.5")]), {"values"}),
    "True and 1": (returned([True]), returned([1]), {"values"}),
    "1 and 1.0": (returned([1]), returned([1.0]), {"values"}),
    "Decimal(1) and 1": (returned([decimal.Decimal(1)]), returned([1]), {"values"}),
    "a date and its text": (returned([datetime.date(2026, 1, 1)]), returned(["2026-01-01"]),
                            {"values"}),
    "a missing LIMIT": (returned([], SELECT),
                        returned([], Statement("SELECT person.id FROM person", [])), {"sql"}),
    "a refused INSERT": (returned([], Statement("INSERT INTO t VALUES (?)", [1])),
                         returned([], Statement("INSERT INTO t VALUES (?)", [1],
                                                refused="IntegrityError")), {"sql"}),
    "a parameter changed after 200 characters": (
        returned([], Statement("SELECT ?", ["x" * 200 + "a"])),
        returned([], Statement("SELECT ?", ["x" * 200 + "b"])), {"sql"}),
    "one statement more": (returned([], SELECT), returned([], SELECT, SELECT),
                           {"statements", "sql"}),
    "a NOT NULL column": (
        Observation(kind="model", value={"post.user_id": "INTEGER NULL"}),
        Observation(kind="model", value={"post.user_id": "INTEGER NOT NULL"}), {"values"}),
    "a list against a Query": (returned([]), Observation(kind="Query", value=[]), {"kind"}),
    "SQL at the call, not on use": (
        returned([], Statement("SELECT 1", [], phase="use")),
        returned([], Statement("SELECT 1", [], phase="call")), {"timing"}),
    "a warning": (returned([], warnings=("LegacyAPIWarning",)), returned([]), {"warnings"}),
    "a row left behind": (returned([], state={"t": [{"id": 1}]}),
                          returned([], state={"t": []}), {"state"}),
    "an exception": (returned([]), Observation(kind="exception", value=None,
                                                error="NoResultFound"), {"raises"}),
    "a static type": (Observation(kind="mypy", value=None, types={"User.posts": "list[Post]"}),
                      Observation(kind="mypy", value=None, types={"User.posts": "Any"}),
                      {"types"}),
}


@pytest.mark.parametrize("pair", list(PAIRS))
def test_known_difference_is_seen_in_its_aspect_only(pair: str) -> None:
    legacy, modern, aspects = PAIRS[pair]
    assert seen(legacy, modern) == aspects
    assert seen(legacy, legacy) == set()


def test_row_labels_are_kept() -> None:
    """A Row keeps its keys: the same values under other labels differ."""
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        first = connection.execute(sa.text("SELECT 1 AS a")).one()
        second = connection.execute(sa.text("SELECT 1 AS b")).one()
    assert seen(returned([first]), returned([second])) == {"values"}


class ListPagination(Pagination):
    """Flask-SQLAlchemy's ``Pagination`` over a list: a page without a database."""

    def _query_items(self) -> list[object]:
        rows: list[object] = self._query_args["rows"]
        return rows[self._query_offset:self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["rows"])


def pages_returned(*pages: object) -> Observation:
    return Observation(kind="tuple", value=plain(pages), items=items_kind(pages))


def test_tuples_of_pages_of_two_kinds() -> None:
    """A tuple of ``Pagination``s against one of Lite's ``Page``s (``fsa.paginate``): a
    kind of item, not values, while every field both have agrees; a field that differs
    in any of the pages, not only the first, is a value."""
    rows = list(range(1, 8))
    legacy = pages_returned(ListPagination(page=1, per_page=3, rows=rows),
                            ListPagination(page=2, per_page=3, rows=rows))
    lite = pages_returned(Page(rows[:3], 1, 3, 7), Page(rows[3:6], 2, 3, 7))
    assert seen(legacy, lite) == {"kind"}
    assert seen(legacy, pages_returned(Page(rows[:3], 1, 3, 7), Page(rows[3:6], 2, 4, 7))) \
        == {"kind", "values"}
    assert seen(legacy, pages_returned(Page(rows[:3], 1, 3, 7), Page(rows[3:5], 2, 3, 7))) \
        == {"kind", "values"}


def test_unrepresentable_value_is_a_harness_error() -> None:
    """A value without a canonical form fails loudly; it is never an observation."""
    with pytest.raises(HarnessError):
        plain(object())


@pytest.mark.parametrize(("raised", "aspects", "verdict"), [
    ([(True, True)], {}, "both-fail"),
    ([(False, True), (True, True)], {"raises": DIFFERS}, "breaks"),
    ([(False, True), (False, False)], {"raises": DIFFERS}, "behaviour-change"),
    ([(False, False)], {"values": DIFFERS}, "behaviour-change"),
    ([(False, False)], {"state": DIFFERS}, "behaviour-change"),
    ([(False, False)], {"kind": DIFFERS, "sql": DIFFERS}, "caller-changes"),
    ([(False, False)], {"timing": DIFFERS}, "caller-changes"),
    ([(False, False)], {"sql": DIFFERS, "warnings": DIFFERS}, "drop-in"),
    ([(False, False)], {"statements": DIFFERS}, "drop-in"),
    ([(False, False)], {}, "identical"),
])
def test_grade(raised: list[tuple[bool, bool]], aspects: dict[str, str], verdict: str) -> None:
    assert grade(aspects, raised) == verdict
