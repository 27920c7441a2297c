"""The tutorial's modern code exactly as written, where it differs from ``queries.py``.

Only the literal values are parameters (``"x"``, ``3``, ``offset(0).limit(10)``). Rows
whose tutorial code is already the recommended form are not repeated here.
"""

from __future__ import annotations

from sqlalchemy import Result, or_, select

from modern.models import Person, db


def get_by_id_execute(id: int) -> Person:
    """``db.session.execute(select(Model).where(Model.id == id)).scalar_one()``."""
    return db.session.execute(select(Person).where(Person.id == id)).scalar_one()


def simple_filter(name: str) -> Result[tuple[Person]]:
    """``db.session.execute(select(Model).where(Model.name == "x"))``."""
    return db.session.execute(select(Person).where(Person.name == name))


def complex_filter(name: str, age: int) -> Result[tuple[Person]]:
    """``db.session.execute(select(Model).where(or_(...)))``."""
    return db.session.execute(select(Person).where(or_(Person.name == name, Person.age > age)))


def first_result() -> Person:
    """``db.session.execute(select(Model).limit(1)).scalar_one()``."""
    return db.session.execute(select(Person).limit(1)).scalar_one()


def sorting() -> Result[tuple[Person]]:
    """``db.session.execute(select(Model).order_by(Model.name.desc()))``."""
    return db.session.execute(select(Person).order_by(Person.name.desc()))


def pagination(page: int, per_page: int) -> Result[tuple[Person]]:
    """``db.session.execute(select(Model).offset(0).limit(10))`` for page 1 of 10."""
    return db.session.execute(select(Person).offset((page - 1) * per_page).limit(per_page))


def select_all_people() -> object:
    """``all_people = db.session.execute(select(Person)).scalars().all()``: no serialize."""
    return db.session.execute(select(Person)).scalars().all()


def select_filter(name: str) -> object:
    """``db.session.execute(select(Person).where(Person.name == "alex")).scalars().all()``."""
    return db.session.execute(select(Person).where(Person.name == name)).scalars().all()


def insert(name: str, age: int | None) -> None:
    """``person = Person(username = <username_value>, email = <email_value>)``, add, commit.

    The tutorial's Person has neither ``username`` nor ``email``.
    """
    person = Person(username=name, email=age)
    db.session.add(person)
    db.session.commit()
