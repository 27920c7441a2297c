"""The 2.x replacements of the forms SQLAlchemy 2.0 removed (``legacy.removed``).

Same names and signatures as ``legacy.removed``'s functions that still run; each
docstring quotes the 2.x form. Rows: ``comparisons.catalog.removed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import orm, select, text

from modern.guide_models import Address, Author
from modern.models import db


def _emails(authors: Sequence[Author]) -> list[tuple[str, list[str]]]:
    return [(author.name, [a.email for a in author.addresses]) for author in authors]


def joinedload_string() -> list[tuple[str, list[str]]]:
    """``db.session.scalars(select(Author).options(joinedload(Author.addresses)))
    .unique().all()``: a joined collection needs ``.unique()``."""
    statement = select(Author).options(orm.joinedload(Author.addresses)).order_by(Author.id)
    return _emails(db.session.scalars(statement).unique().all())


def load_only_string(name: str) -> list[tuple[int, str, str | None]]:
    """``db.session.scalars(select(Author).options(load_only(Author.name))
    .filter_by(name=n)).all()``."""
    statement = select(Author).options(orm.load_only(Author.name)).filter_by(name=name)
    authors = db.session.scalars(statement.order_by(Author.id)).all()
    return [(author.id, author.name, author.fullname) for author in authors]


def _from_self(pattern: str) -> Any:
    inner = select(Author).join(Author.addresses).where(Address.email.like(pattern))
    outer = orm.aliased(Author, inner.subquery())
    return db.session.scalars(select(outer).order_by(outer.id))


def from_self(pattern: str) -> Sequence[Author]:
    """The guide's ``from_self()`` replacement, plus ``.unique()``: ``subq = select(User)
    .where(...).subquery(); ua = aliased(User, subq); session.execute(select(ua)
    .order_by(ua.id)).scalars()``."""
    return _from_self(pattern).unique().all()  # type: ignore[no-any-return]


def from_self_as_written(pattern: str) -> Sequence[Author]:
    """The guide's ``from_self()`` replacement as written: ``subq = select(User).where(...)
    .subquery(); ua = aliased(User, subq); session.execute(select(ua).order_by(ua.id))
    .scalars()``."""
    return _from_self(pattern).all()  # type: ignore[no-any-return]


def _answer(result: Any) -> Any:
    return result.all() if result.returns_rows else result.rowcount


def session_execute_string(sql: str) -> Any:
    """``db.session.execute(text(sql))``."""
    return _answer(db.session.execute(text(sql)))


def engine_execute(sql: str) -> Any:
    """``with db.engine.begin() as connection: connection.execute(text(sql))``: the
    connection commits when the block ends, as ``engine.execute()`` autocommitted."""
    with db.engine.begin() as connection:
        return _answer(connection.execute(text(sql)))


def engine_execute_connect(sql: str) -> Any:
    """``with db.engine.connect() as connection: connection.execute(text(sql))``: no
    commit, so a write is rolled back when the connection closes."""
    with db.engine.connect() as connection:
        return _answer(connection.execute(text(sql)))


def select_list(entity: bool) -> Any:
    """``db.session.execute(select(Author.id, Author.name))``, or ``select(Author)``:
    positional arguments."""
    statement = select(Author) if entity else select(Author.id, Author.name)
    rows = db.session.execute(statement.order_by(Author.id)).all()
    return [(row[0].id, row[0].name) if entity else row for row in rows]
