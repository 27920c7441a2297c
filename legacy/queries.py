"""The tutorial's operations in the legacy style: one function per table row.

Mirrors ``modern/queries.py``: same names, same signatures. Each docstring quotes the
tutorial's legacy cell.
"""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy.pagination import Pagination
from flask_sqlalchemy.query import Query
from sqlalchemy import or_

from legacy.models import Person, db

# -- Comparison Table of Common Operations -------------------------------------------


def all_records() -> list[Person]:
    """All records: ``Model.query.all()``."""
    return Person.query.all()  # type: ignore[no-any-return]


def get_by_id(id: int) -> Person | None:
    """Get by ID: ``Model.query.get(id)``."""
    return Person.query.get(id)  # type: ignore[no-any-return]


def get_by_id_execute(id: int) -> Person | None:
    """Get by ID: ``Model.query.get(id)``, the legacy side of the ``execute`` variant."""
    return Person.query.get(id)  # type: ignore[no-any-return]


def simple_filter(name: str) -> Query:
    """Simple filters: ``Model.query.filter_by(name="x")``."""
    return Person.query.filter_by(name=name)  # type: ignore[no-any-return]


def complex_filter(name: str, age: int) -> Query:
    """Complex filters: ``Model.query.filter(or_(...))``."""
    return Person.query.filter(or_(Person.name == name, Person.age > age))  # type: ignore[no-any-return]


def first_result() -> Person | None:
    """First result: ``Model.query.first()``."""
    return Person.query.first()  # type: ignore[no-any-return]


def sorting() -> Query:
    """Sorting: ``Model.query.order_by(Model.name.desc())``."""
    return Person.query.order_by(Person.name.desc())  # type: ignore[no-any-return]


def pagination(page: int, per_page: int) -> Pagination:
    """Pagination: ``Model.query.paginate(page=1, per_page=10)``."""
    return Person.query.paginate(page=page, per_page=per_page)  # type: ignore[no-any-return]


# -- SELECT section's own examples ----------------------------------------------------


def select_all_people() -> list[dict[str, Any]]:
    """``all_people = Person.query.all()`` then ``list(map(lambda x: x.serialize(), ...))``."""
    all_people = Person.query.all()
    return list(map(lambda x: x.serialize(), all_people))


def select_get_by_id(id: int) -> Person | None:
    """``person = Person.query.get(3)``."""
    return Person.query.get(id)  # type: ignore[no-any-return]


def select_filter(name: str) -> list[dict[str, Any]]:
    """``Person.query.filter_by(name = "alex")`` then ``list(map(... serialize ...))``."""
    all_people = Person.query.filter_by(name=name)
    return list(map(lambda x: x.serialize(), all_people))


def select_advanced_filter(name: str, age: int) -> Query:
    """No legacy code in the SELECT section; the table's ``Model.query.filter(or_(...))``."""
    return Person.query.filter(or_(Person.name == name, Person.age > age))  # type: ignore[no-any-return]


# -- Beyond the tutorial -------------------------------------------------------------


def count_filter(name: str) -> int:
    """Count after filter: ``Model.query.filter_by(name=n).count()``."""
    return Person.query.filter_by(name=name).count()  # type: ignore[no-any-return]


# -- INSERT, UPDATE, DELETE -----------------------------------------------------------


def insert(name: str, age: int | None) -> None:
    """``person = Person(...)``, ``db.session.add(person)``, ``db.session.commit()``."""
    person = Person(name=name, age=age)
    db.session.add(person)
    db.session.commit()


def update(id: int, name: str) -> None:
    """``person = Person.query.get(3)``, ``person.name = "Bob"``, ``db.session.commit()``."""
    person = Person.query.get(id)
    person.name = name
    db.session.commit()


def delete(id: int) -> None:
    """``person = Person.query.get(3)``, ``db.session.delete(person)``, ``db.session.commit()``."""
    person = Person.query.get(id)
    db.session.delete(person)
    db.session.commit()
