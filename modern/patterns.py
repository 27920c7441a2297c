"""Migration patterns that decide an app's speed, in the 2.x style (issue 10).

Mirrors ``legacy/patterns.py``: same names, same signatures. Where the 2.x form is the
one migrations tend to produce rather than the recommended one (``first_without_limit``,
``get_twice``), the docstring says so and quotes SQLAlchemy's own warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import joinedload, selectinload

from modern.models import Person, db
from modern.relationships import Tag, User, count_posts


def _titles(users: Sequence[User]) -> dict[int, list[str]]:
    """Touch every user's posts, as a template listing them would."""
    return {user.id: sorted(post.title for post in user.posts) for user in users}


def children_lazy() -> dict[int, list[str]]:
    """``db.session.scalars(select(User)).all()``, then ``user.posts``: N+1 SELECTs."""
    return _titles(db.session.scalars(select(User)).all())


def children_selectinload() -> dict[int, list[str]]:
    """``select(User).options(selectinload(User.posts))``: parents, then posts IN (...).

    SQLAlchemy sends the IN list in chunks of 500 parents
    (``SelectInLoader._chunksize``).
    """
    statement = select(User).options(selectinload(User.posts))
    return _titles(db.session.scalars(statement).all())


def children_joinedload() -> dict[int, list[str]]:
    """``select(User).options(joinedload(User.posts))`` with ``.unique()``.

    SQLAlchemy 2.x: "The unique() method must be invoked on this Result, as it
    contains results that include joined eager loads against collections".
    """
    statement = select(User).options(joinedload(User.posts))
    return _titles(db.session.scalars(statement).unique().all())


def collection_count(tag_id: int) -> int:
    """``WriteOnlyMapped``: a COUNT over ``tag.posts.select()``, the tag from ``Session.get``."""
    return count_posts(db.session.get(Tag, tag_id))  # type: ignore[arg-type]


def collection_load(tag_id: int) -> int:
    """``len(db.session.scalars(tag.posts.select()).all())``: counting by loading."""
    tag = db.session.get(Tag, tag_id)
    return len(db.session.scalars(tag.posts.select()).all())  # type: ignore[union-attr]


def first_without_limit() -> Person | None:
    """``db.session.execute(select(Model)).scalars().first()``: no ``LIMIT``.

    SQLAlchemy's ``Result.first`` docstring: "in contrast to the behavior of the legacy
    ORM Query.first() method, **no limit is applied** to the SQL query [...] for a DBAPI
    driver that buffers results in memory before yielding rows, all rows will be sent
    to the Python process and all but the first row will be discarded."
    """
    return db.session.execute(select(Person)).scalars().first()


def get_twice(id: int) -> list[Person | None]:
    """``select(Model).where(Model.id == id)`` twice, as ``get_by_id_execute`` writes it.

    A fresh SELECT each time: only ``Session.get`` looks in the identity map first.
    """
    statement = select(Person).where(Person.id == id)
    return [db.session.execute(statement).scalar_one_or_none() for _ in range(2)]


def bulk_insert(people: Iterable[Mapping[str, Any]]) -> None:
    """``db.session.execute(insert(Model), [dicts])``, then commit: ORM bulk INSERT."""
    db.session.execute(insert(Person), [dict(person) for person in people])
    db.session.commit()


def bulk_update(name: str, new_name: str) -> int:
    """``db.session.execute(update(Model).where(...).values(...))``, then commit."""
    statement = update(Person).where(Person.name == name).values(name=new_name)
    count = db.session.execute(statement).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    return int(count)
