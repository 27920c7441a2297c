"""The catalog's main findings, spelled out one by one against a seeded table.

The catalog tests check every row generically; these say, in plain Python, what a
migrating developer would trip over, and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import LegacyAPIWarning, NoResultFound
from werkzeug.exceptions import NotFound

import legacy.queries
import legacy.tutorial_models
import modern.as_written
import modern.queries
import modern.tutorial_models
from comparisons.engine.capture import capturing, recording
from comparisons.engine.datasets import PER_PAGE, seed
from comparisons.engine.lab import Lab


@pytest.fixture
def people(lab: Lab) -> Iterator[Lab]:
    """The "many" data set in ``person``; each style's app context is pushed by the test."""
    for style in ("legacy", "modern"):
        lab.reset(style, seed("many"), reuse="many")
    yield lab


def _emitted(lab: Lab, style: str, call: Callable[[], object]) -> list[str]:
    """The statements ``call`` sends, exactly as the driver receives them."""
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    with lab.apps[style].app_context():
        engine = lab.dbs[style].engine
        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            call()
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
    return [statement for statement in seen if statement != "BEGIN"]


def test_query_get_is_legacy_api(people: Lab) -> None:
    """``Model.query.get`` still works but warns: SQLAlchemy 2.x moved it to Session.get."""
    legacy_api = pytest.warns(LegacyAPIWarning, match=r"Query.get\(\) method is considered legacy")
    with people.apps["legacy"].app_context(), legacy_api:
        person = legacy.queries.get_by_id(3)
    assert person is not None and person.name == "bob"


def test_scalar_one_raises_where_get_returns_none(people: Lab) -> None:
    """The table's ``.scalar_one()`` demands exactly one row: a missing id raises
    NoResultFound, where ``Model.query.get`` and ``db.session.get`` return None."""
    with people.apps["modern"].app_context():
        assert modern.queries.get_by_id(999) is None
        assert modern.queries.get_by_id_execute(999) is None
        with pytest.raises(NoResultFound):
            modern.as_written.get_by_id_execute(999)


def test_execute_without_scalars_hands_back_rows(people: Lab) -> None:
    """``db.session.execute(select(Model))`` yields one-element Rows, not models:
    ``row.name`` fails, ``row.Person.name`` works. ``.scalars()`` unwraps them."""
    with people.apps["modern"].app_context():
        row = modern.as_written.simple_filter("alex").first()
        assert isinstance(row, sa.Row)
        with pytest.raises(AttributeError):
            row.name  # noqa: B018
        assert row.Person.name == "alex"
        assert [p.name for p in modern.queries.simple_filter("alex")] == ["alex", "alex"]


def test_query_waits_to_be_iterated(people: Lab) -> None:
    """A legacy Query sends nothing until iterated; execute() sends its SELECT at once."""
    with people.apps["legacy"].app_context(), \
            recording(people.dbs["legacy"].engine) as legacy_sql:
        query = legacy.queries.simple_filter("alex")
        assert legacy_sql.statements == []
        assert len(query.all()) == 2
        assert len(legacy_sql.statements) == 1
    with people.apps["modern"].app_context(), \
            recording(people.dbs["modern"].engine) as modern_sql:
        modern.queries.simple_filter("alex")
        assert [s.params for s in modern_sql.statements] == [["alex"]]


def test_query_labels_columns_and_select_does_not(people: Lab) -> None:
    """The one SQL difference the comparison normalises away: Query labels each column
    (``person.id AS person_id``), select() does not. The database does the same work."""
    [labelled] = _emitted(people, "legacy", legacy.queries.all_records)
    [plain] = _emitted(people, "modern", modern.queries.all_records)
    assert "person.id AS person_id" in labelled
    assert " AS " not in plain
    compared = []
    for style, call in (("legacy", legacy.queries.all_records),
                        ("modern", modern.queries.all_records)):
        with people.apps[style].app_context(), capturing(people.engine(style)) as capture:
            call()
        compared.append([s.sql for s in capture.statements])
    assert compared[0] == compared[1]


def test_paginate_counts_and_404s_past_the_end(people: Lab) -> None:
    """``paginate`` aborts with 404 past the last page and knows the total;
    the tutorial's ``offset().limit()`` returns nothing and knows no total.
    ``db.paginate(select(...))`` behaves like the legacy ``Query.paginate``."""
    with people.apps["legacy"].app_context():
        assert legacy.queries.pagination(3, PER_PAGE).total == 23
        with pytest.raises(NotFound):
            legacy.queries.pagination(4, PER_PAGE)
    with people.apps["modern"].app_context():
        assert modern.queries.pagination(3, PER_PAGE).total == 23
        with pytest.raises(NotFound):
            modern.queries.pagination(4, PER_PAGE)
        assert modern.as_written.pagination(4, PER_PAGE).all() == []


@pytest.mark.parametrize("module", [legacy.tutorial_models, modern.tutorial_models],
                         ids=["legacy", "modern"])
def test_tutorial_insert_names_columns_person_lacks(module: object) -> None:
    """The tutorial's INSERT passes ``username`` and ``email``; its Person (either
    style) has only ``id`` and ``name``, so the constructor raises TypeError."""
    with pytest.raises(TypeError, match="'username' is an invalid keyword argument"):
        module.Person(username="Bob", email="bob@example.com")  # type: ignore[attr-defined]


def test_tutorial_modern_person_has_no_query() -> None:
    """The tutorial's modern Person subclasses ``Base``, not ``db.Model``: it is mapped
    in the same metadata (``create_all`` creates it) but has no ``Person.query``."""
    assert modern.tutorial_models.Person.metadata is modern.tutorial_models.db.metadata
    # dir(), not hasattr(): Model.query is a descriptor that needs an app context.
    assert "query" not in dir(modern.tutorial_models.Person)
    assert "query" in dir(legacy.tutorial_models.Person)
