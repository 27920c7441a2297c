"""The tutorial's operations in the 2.x style, in the form this project recommends.

Mirrors ``legacy/queries.py``: same names, same signatures. Where the tutorial's own
modern code differs from what is here, it is in ``modern/as_written.py``, and the
catalog (``comparisons/catalog/operations.py``) says how the two behave differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select

from modern.models import Person, db

# -- Comparison Table of Common Operations -------------------------------------------


def all_records() -> Sequence[Person]:
    """All records: ``db.session.execute(select(Model)).scalars().all()``."""
    return db.session.execute(select(Person)).scalars().all()


def get_by_id(id: int) -> Person | None:
    """Get by ID: ``db.session.get(Model, id)``."""
    return db.session.get(Person, id)


def get_by_id_execute(id: int) -> Person | None:
    """Get by ID: ``db.session.execute(select(Model).where(Model.id == id))``, one or None.

    The table ends with ``.scalar_one()``; ``.scalar_one_or_none()`` (the SELECT
    section's form) returns None for a missing id, as ``Model.query.get`` does.
    """
    return db.session.execute(select(Person).where(Person.id == id)).scalar_one_or_none()


def simple_filter(name: str) -> Sequence[Person]:
    """Simple filters: ``db.session.execute(select(Model).where(Model.name == "x"))``."""
    return db.session.execute(select(Person).where(Person.name == name)).scalars().all()


def complex_filter(name: str, age: int) -> Sequence[Person]:
    """Complex filters: ``db.session.execute(select(Model).where(or_(...)))``."""
    statement = select(Person).where(or_(Person.name == name, Person.age > age))
    return db.session.execute(statement).scalars().all()


def first_result() -> Person | None:
    """First result: ``db.session.execute(select(Model).limit(1))``, first or None."""
    return db.session.execute(select(Person).limit(1)).scalars().first()


def sorting() -> Sequence[Person]:
    """Sorting: ``db.session.execute(select(Model).order_by(Model.name.desc()))``."""
    statement = select(Person).order_by(Person.name.desc())
    return db.session.execute(statement).scalars().all()


def pagination(page: int, per_page: int) -> Pagination:
    """Pagination: ``db.paginate(select(Model), page=1, per_page=10)``.

    Flask-SQLAlchemy's own 2.x-style pagination: it counts and 404s like
    ``Query.paginate``, which a bare ``offset``/``limit`` does not.
    """
    return db.paginate(select(Person), page=page, per_page=per_page)


# -- SELECT section's own examples ----------------------------------------------------


def select_all_people() -> list[dict[str, Any]]:
    """``db.session.execute(select(Person)).scalars().all()``, serialized like the legacy."""
    all_people = db.session.execute(select(Person)).scalars().all()
    return [person.serialize() for person in all_people]


def select_get_by_id(id: int) -> Person | None:
    """``db.session.execute(select(Person).where(Person.id == 3)).scalar_one_or_none()``."""
    return db.session.execute(select(Person).where(Person.id == id)).scalar_one_or_none()


def select_filter(name: str) -> list[dict[str, Any]]:
    """``db.session.execute(select(Person).where(Person.name == "alex")).scalars().all()``."""
    people = db.session.execute(select(Person).where(Person.name == name)).scalars().all()
    return [person.serialize() for person in people]


def select_advanced_filter(name: str, age: int) -> Sequence[Person]:
    """``select(Person).where(or_(Person.name == "alex", Person.age > 25))``, scalars."""
    statement = select(Person).where(or_(Person.name == name, Person.age > age))
    return db.session.execute(statement).scalars().all()


# -- Beyond the tutorial -------------------------------------------------------------


def count_filter(name: str) -> int:
    """Count after filter:
    ``db.session.scalar(select(func.count()).select_from(Model).filter_by(name=n))``."""
    return db.session.scalar(select(func.count()).select_from(Person).filter_by(name=name)) or 0


# -- INSERT, UPDATE, DELETE -----------------------------------------------------------


def insert(name: str, age: int | None) -> None:
    """``person = Person(...)``, ``db.session.add(person)``, ``db.session.commit()``."""
    person = Person(name=name, age=age)
    db.session.add(person)
    db.session.commit()


def update(id: int, name: str) -> None:
    """``person = db.session.get(Person, 3)``, ``person.name = "Bob"``, commit."""
    person = db.session.get(Person, id)
    person.name = name  # type: ignore[union-attr]  # as the tutorial: no None check
    db.session.commit()


def delete(id: int) -> None:
    """``person = db.session.get(Person, 3)``, ``db.session.delete(person)``, commit."""
    person = db.session.get(Person, id)
    db.session.delete(person)
    db.session.commit()
