"""The commonest legacy ``Query`` shapes of real applications, one function per row.

Mirrors ``modern/shapes.py``: same names, same signatures, over the migration guide's
models (``legacy.guide_models``). Issue 17 counted these shapes in eight open-source
Flask-SQLAlchemy applications: ``with_parent()`` (233 sites), column and multi-entity
queries (119), ``add_columns()`` (64), ``outerjoin()`` (60), ``with_entities()`` (58),
loader options (143), ``group_by()``/``having()`` (49), ``limit()``/``offset()`` and
slicing (48), ``subquery()``/``scalar()``/``exists()``/``one_or_none()``/``add_entity()``
(74), and the compositions ``query.filter.all``, ``query.filter_by.count`` and a query
stored and continued. Each docstring is the call as those applications write it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, orm

from legacy.guide_models import Address, Author
from legacy.models import db


def with_parent(author_id: int) -> list[Address]:
    """``Address.query.with_parent(author, Author.addresses).all()``."""
    author = db.session.get(Author, author_id)
    return Address.query.with_parent(author, Author.addresses).all()  # type: ignore[no-any-return]


def column_query(name: str) -> list[Any]:
    """``db.session.query(User.fullname).filter_by(name=n).all()``: Rows of one column."""
    return db.session.query(Author.fullname).filter_by(name=name).order_by(Author.id).all()  # type: ignore[no-any-return]


def multi_entity() -> list[Any]:
    """``db.session.query(User, Address.email).join(User.addresses).all()``: Rows of an
    entity and a column, after a join that fans out."""
    query = db.session.query(Author, Address.email).join(Author.addresses)
    return query.order_by(Author.id, Address.id).all()  # type: ignore[no-any-return]


def add_columns() -> list[Any]:
    """``User.query.outerjoin(User.addresses).add_columns(func.count(Address.id))
    .group_by(User.id).all()``: each user and how many addresses it has."""
    query = (Author.query.outerjoin(Author.addresses).add_columns(func.count(Address.id))
             .group_by(Author.id, Author.name, Author.fullname))
    return query.order_by(Author.id).all()  # type: ignore[no-any-return]


def add_entity(email: str) -> list[Any]:
    """``User.query.join(User.addresses).add_entity(Address).filter(Address.email == e)
    .all()``: Rows of two entities."""
    query = Author.query.join(Author.addresses).add_entity(Address)
    return query.filter(Address.email == email).order_by(Address.id).all()  # type: ignore[no-any-return]


def outerjoin(without_address: bool) -> list[Author]:
    """``User.query.outerjoin(User.addresses).all()``, and with
    ``.filter(Address.id.is_(None))``: the users that have no address."""
    query = Author.query.outerjoin(Author.addresses)
    if without_address:
        query = query.filter(Address.id.is_(None))
    return query.order_by(Author.id).all()  # type: ignore[no-any-return]


def with_entities(name: str) -> list[Any]:
    """``User.query.filter_by(name=n).with_entities(User.id, User.fullname).all()``."""
    query = Author.query.filter_by(name=name).with_entities(Author.id, Author.fullname)
    return query.order_by(Author.id).all()  # type: ignore[no-any-return]


def _option(option: str) -> Any:
    """The loader option named ``option``, on the author's columns or addresses."""
    # Untyped db.relationship() is a RelationshipProperty to mypy, not an attribute.
    addresses: Any = Author.addresses
    # Typed: at mypy 1.17 with SQLAlchemy 2.0.31 (the floors) the lambdas join to an
    # untyped callable, and calling it is an error in a typed context.
    options: dict[str, Callable[[], Any]] = {
        "load_only": lambda: orm.load_only(Author.name),
        "undefer": lambda: orm.undefer(Author.fullname),
        "subqueryload": lambda: orm.subqueryload(addresses),
        "selectinload": lambda: orm.selectinload(addresses),
        "lazyload": lambda: orm.lazyload(addresses),
        "raiseload": lambda: orm.raiseload(addresses),
    }
    return options[option]()


def loader_option(option: str) -> list[tuple[str, str | None, list[str]]]:
    """``User.query.options(selectinload(User.addresses)).all()`` and the other loader
    options (``load_only``, ``undefer``, ``subqueryload``, ``lazyload``,
    ``raiseload``); then each user's columns and addresses are read."""
    authors = Author.query.options(_option(option)).order_by(Author.id).all()
    return [(a.name, a.fullname, [x.email for x in a.addresses]) for a in authors]


def group_by_having(least: int) -> list[Any]:
    """``db.session.query(User.name, func.count(User.id)).group_by(User.name)
    .having(func.count(User.id) >= n).all()``."""
    query = (db.session.query(Author.name, func.count(Author.id)).group_by(Author.name)
             .having(func.count(Author.id) >= least))
    return query.order_by(Author.name).all()  # type: ignore[no-any-return]


def limit_offset(limit: int, offset: int) -> list[Author]:
    """``User.query.order_by(User.id).limit(n).offset(m).all()``."""
    return Author.query.order_by(Author.id).limit(limit).offset(offset).all()  # type: ignore[no-any-return]


def slice_(start: int | None, stop: int | None) -> list[Author]:
    """``User.query.order_by(User.id)[start:stop]``."""
    return Author.query.order_by(Author.id)[start:stop]  # type: ignore[no-any-return]


def scalar(name: str) -> str | None:
    """``db.session.query(User.fullname).filter_by(name=n).scalar()``."""
    return db.session.query(Author.fullname).filter_by(name=name).scalar()  # type: ignore[no-any-return]


def one_or_none(email: str) -> Author | None:
    """``User.query.join(User.addresses).filter(Address.email == e).one_or_none()``."""
    query = Author.query.join(Author.addresses).filter(Address.email == email)
    return query.one_or_none()  # type: ignore[no-any-return]


def exists(name: str) -> bool:
    """``db.session.query(User.query.filter_by(name=n).exists()).scalar()``."""
    return db.session.query(Author.query.filter_by(name=name).exists()).scalar()  # type: ignore[no-any-return]


def subquery(least: int) -> list[Author]:
    """``db.session.query(Address.author_id, func.count('*').label('n'))
    .group_by(Address.author_id).subquery()``, joined to: the users with at least
    ``least`` addresses."""
    counts = (db.session.query(Address.author_id, func.count("*").label("n"))
              .group_by(Address.author_id).subquery())
    query = Author.query.join(counts, Author.id == counts.c.author_id)
    return query.filter(counts.c.n >= least).order_by(Author.id).all()  # type: ignore[no-any-return]


def filter_all(name: str) -> list[Author]:
    """``User.query.filter(User.name == n).all()``."""
    return Author.query.filter(Author.name == name).all()  # type: ignore[no-any-return]


def filter_by_count(name: str) -> int:
    """``User.query.filter_by(name=n).count()``."""
    return Author.query.filter_by(name=name).count()  # type: ignore[no-any-return]


def stored_query(name: str) -> tuple[int, Author | None]:
    """A query stored and continued: ``q = User.query.filter_by(name=n)``, then
    ``q.count()`` and ``q.order_by(User.id).first()``."""
    query = Author.query.filter_by(name=name)
    total = query.count()
    return total, query.order_by(Author.id).first()
