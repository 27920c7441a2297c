"""The 2.x forms of the commonest legacy ``Query`` shapes, in the form this project recommends.

Mirrors ``legacy/shapes.py``: same names, same signatures. Each is the exactly
equivalent form where there is one: ``.unique()`` where the legacy Query returns
entities after a join (it de-duplicates them), ``scalar_one_or_none()`` for
``Query.scalar()`` (which raises on two rows), ``LIMIT 1`` for ``first()``, a subquery
count for ``count()``. The shorter forms migrations write instead are in
``modern/shapes_alternatives.py``; the catalog (``comparisons/catalog/shapes.py``) says
how each behaves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Integer, func, literal_column, orm, select

from modern.guide_models import Address, Author
from modern.models import db


def with_parent(author_id: int) -> Sequence[Address]:
    """``select(Address).where(with_parent(author, Author.addresses))``."""
    author = db.session.get(Author, author_id)
    statement = select(Address).where(orm.with_parent(author, Author.addresses))
    return db.session.scalars(statement).all()


def column_query(name: str) -> Sequence[Any]:
    """``db.session.execute(select(User.fullname).filter_by(name=n)).all()``: Rows."""
    statement = select(Author.fullname).filter_by(name=name).order_by(Author.id)
    return db.session.execute(statement).all()


def multi_entity() -> Sequence[Any]:
    """``db.session.execute(select(User, Address.email).join(User.addresses)).unique()
    .all()``: the legacy Query de-duplicates Rows that hold an entity."""
    statement = (select(Author, Address.email).join(Author.addresses)
                 .order_by(Author.id, Address.id))
    return db.session.execute(statement).unique().all()


def add_columns() -> Sequence[Any]:
    """``select(User).outerjoin(User.addresses).add_columns(func.count(Address.id))
    .group_by(User.id)``, executed: Rows."""
    statement = (select(Author).outerjoin(Author.addresses).add_columns(func.count(Address.id))
                 .group_by(Author.id, Author.name, Author.fullname).order_by(Author.id))
    return db.session.execute(statement).unique().all()


def add_entity(email: str) -> Sequence[Any]:
    """``select(User).join(User.addresses).add_columns(Address).where(Address.email == e)``,
    executed: Rows of two entities."""
    statement = (select(Author).join(Author.addresses).add_columns(Address)
                 .where(Address.email == email).order_by(Address.id))
    return db.session.execute(statement).unique().all()


def outerjoin(without_address: bool) -> Sequence[Author]:
    """``db.session.scalars(select(User).outerjoin(User.addresses)).unique().all()``."""
    statement = select(Author).outerjoin(Author.addresses)
    if without_address:
        statement = statement.where(Address.id.is_(None))
    return db.session.scalars(statement.order_by(Author.id)).unique().all()


def with_entities(name: str) -> Sequence[Any]:
    """``select(User).filter_by(name=n).with_only_columns(User.id, User.fullname)``,
    executed: Rows."""
    statement = (select(Author).filter_by(name=name)
                 .with_only_columns(Author.id, Author.fullname).order_by(Author.id))
    return db.session.execute(statement).all()


def _option(option: str) -> Any:
    """The loader option named ``option``, as ``legacy.shapes`` builds it."""
    # Typed: at mypy 1.17 with SQLAlchemy 2.0.31 (the floors) the lambdas join to an
    # untyped callable, and calling it is an error in a typed context.
    options: dict[str, Callable[[], Any]] = {
        "load_only": lambda: orm.load_only(Author.name),
        "undefer": lambda: orm.undefer(Author.fullname),
        "subqueryload": lambda: orm.subqueryload(Author.addresses),
        "selectinload": lambda: orm.selectinload(Author.addresses),
        "lazyload": lambda: orm.lazyload(Author.addresses),
        "raiseload": lambda: orm.raiseload(Author.addresses),
    }
    return options[option]()


def loader_option(option: str) -> list[tuple[str, str | None, list[str]]]:
    """``db.session.scalars(select(User).options(selectinload(User.addresses))).all()``
    and the other options; then each user's columns and addresses are read."""
    statement = select(Author).options(_option(option)).order_by(Author.id)
    authors = db.session.scalars(statement).all()
    return [(a.name, a.fullname, [x.email for x in a.addresses]) for a in authors]


def group_by_having(least: int) -> Sequence[Any]:
    """``select(User.name, func.count(User.id)).group_by(User.name)
    .having(func.count(User.id) >= n)``, executed: Rows."""
    statement = (select(Author.name, func.count(Author.id)).group_by(Author.name)
                 .having(func.count(Author.id) >= least).order_by(Author.name))
    return db.session.execute(statement).all()


def limit_offset(limit: int, offset: int) -> Sequence[Author]:
    """``db.session.scalars(select(User).order_by(User.id).limit(n).offset(m)).all()``."""
    statement = select(Author).order_by(Author.id).limit(limit).offset(offset)
    return db.session.scalars(statement).all()


def slice_(start: int | None, stop: int | None) -> Sequence[Author]:
    """``db.session.scalars(select(User).order_by(User.id).slice(start, stop)).all()``,
    after the two checks ``Query.__getitem__`` makes first (``orm.util._getitem``): an
    empty range is ``[]`` without SQL, a negative bound an ``IndexError``."""
    if start is not None and stop is not None and stop - start <= 0:
        return []
    if (start is not None and start < 0) or (stop is not None and stop < 0):
        raise IndexError("negative indexes are not accepted by SQL index / slice operators")
    statement = select(Author).order_by(Author.id).slice(start, stop)  # type: ignore[arg-type]
    return db.session.scalars(statement).all()


def scalar(name: str) -> str | None:
    """``db.session.execute(select(User.fullname).filter_by(name=n)).scalar_one_or_none()``:
    ``Query.scalar()`` calls ``one()``, and raises on two rows."""
    statement = select(Author.fullname).filter_by(name=name)
    return db.session.execute(statement).scalar_one_or_none()


def one_or_none(email: str) -> Author | None:
    """``db.session.scalars(select(User).join(User.addresses).where(Address.email == e))
    .unique().one_or_none()``."""
    statement = select(Author).join(Author.addresses).where(Address.email == email)
    return db.session.scalars(statement).unique().one_or_none()


def exists(name: str) -> bool:
    """``db.session.scalar(select(select(literal_column("1")).select_from(User)
    .filter_by(name=n).exists()))``: ``Query.exists()``'s ``EXISTS (SELECT 1 ...)``."""
    inner = select(literal_column("1", Integer)).select_from(Author).filter_by(name=name)
    return bool(db.session.scalar(select(inner.exists())))


def subquery(least: int) -> Sequence[Author]:
    """``select(Address.author_id, func.count('*').label('n')).group_by(Address.author_id)
    .subquery()``, joined to."""
    counts = (select(Address.author_id, func.count("*").label("n"))
              .group_by(Address.author_id).subquery())
    statement = (select(Author).join(counts, Author.id == counts.c.author_id)
                 .where(counts.c.n >= least).order_by(Author.id))
    return db.session.scalars(statement).unique().all()


def filter_all(name: str) -> Sequence[Author]:
    """``db.session.scalars(select(User).where(User.name == n)).all()``."""
    return db.session.scalars(select(Author).where(Author.name == name)).all()


def filter_by_count(name: str) -> int:
    """``db.session.scalar(select(func.count()).select_from(select(User).filter_by(name=n)
    .subquery()))``: what ``Query.count()`` runs."""
    counted = select(Author).filter_by(name=name).subquery()
    return db.session.scalar(select(func.count()).select_from(counted)) or 0


def stored_query(name: str) -> tuple[int, Author | None]:
    """The select stored and continued: ``stmt = select(User).filter_by(name=n)``, then
    its count and ``stmt.order_by(User.id).limit(1)``."""
    statement = select(Author).filter_by(name=name)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    first = db.session.scalars(statement.order_by(Author.id).limit(1)).first()
    return total, first
