"""Forms SQLAlchemy 2.0 removed, and the legacy forms that still run: one pair per row.

Each row of ``comparisons.catalog.removed`` has a function here that still runs on the
installed SQLAlchemy (the row's legacy side, written as a legacy app writes it, with
``Model.query``) and, named ``<row>_removed``, the removed call itself, as 1.x code
wrote it, run on the same legacy app: it raises on SQLAlchemy 2.0 and 2.1. The models
are the migration guide's (``legacy.guide_models``). Mirrored by ``modern.removed``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import orm, select, text

from legacy.guide_models import Address, Author
from legacy.models import db

# Untyped db.relationship() is a RelationshipProperty to mypy, not an attribute.
ADDRESSES: Any = Author.addresses


def _emails(authors: list[Any]) -> list[tuple[str, list[str]]]:
    return [(author.name, [a.email for a in author.addresses]) for author in authors]


def joinedload_string() -> list[tuple[str, list[str]]]:
    """``Author.query.options(joinedload(Author.addresses)).all()``: the attribute, not its
    name; each author with the e-mails its eagerly loaded ``addresses`` hold."""
    query = Author.query.options(orm.joinedload(ADDRESSES)).order_by(Author.id)
    return _emails(query.all())


def joinedload_string_removed() -> list[tuple[str, list[str]]]:
    """``Author.query.options(joinedload("addresses")).all()``: the 1.x string form."""
    query = Author.query.options(orm.joinedload("addresses")).order_by(Author.id)  # type: ignore[arg-type]
    return _emails(query.all())


def _columns(authors: list[Any]) -> list[tuple[int, str, str | None]]:
    return [(author.id, author.name, author.fullname) for author in authors]


def load_only_string(name: str) -> list[tuple[int, str, str | None]]:
    """``Author.query.options(load_only(Author.name)).filter_by(name=n).all()``; reading
    ``fullname`` afterwards loads the deferred column, one SELECT per author."""
    query = Author.query.options(orm.load_only(Author.name)).filter_by(name=name)
    return _columns(query.order_by(Author.id).all())


def load_only_string_removed(name: str) -> list[tuple[int, str, str | None]]:
    """``Author.query.options(load_only("name")).filter_by(name=n).all()``: by string."""
    query = Author.query.options(orm.load_only("name")).filter_by(name=name)  # type: ignore[arg-type]
    return _columns(query.order_by(Author.id).all())


def from_self(pattern: str) -> list[Any]:
    """``Query.from_self()``'s work, by hand: the joined, filtered query as a subquery,
    its authors selected through ``aliased(Author, subquery)``, by the legacy ``Query``."""
    inner = Author.query.join(ADDRESSES).filter(Address.email.like(pattern)).subquery()
    outer = orm.aliased(Author, inner)
    return db.session.query(outer).order_by(outer.id).all()  # type: ignore[no-any-return]


def from_self_removed(pattern: str) -> list[Any]:
    """``Author.query.join(Author.addresses).filter(...).from_self().all()``."""
    query: Any = Author.query.join(ADDRESSES).filter(Address.email.like(pattern))
    return query.from_self().order_by(Author.id).all()  # type: ignore[no-any-return]


def _answer(result: Any) -> Any:
    """A statement's rows, or the number of rows it changed."""
    return result.all() if result.returns_rows else result.rowcount


def session_execute_string(sql: str) -> Any:
    """``db.session.execute(text(sql))``: the textual SQL declared with ``text()``."""
    return _answer(db.session.execute(text(sql)))


def session_execute_string_removed(sql: str) -> Any:
    """``db.session.execute("raw SQL")``: a plain string, as 1.x accepted it."""
    return _answer(db.session.execute(sql))  # type: ignore[call-overload]


def engine_execute(sql: str) -> Any:
    """What ``db.engine.execute(sql)`` did in 1.x: run the SQL on a connection of its own
    and commit a write ("autocommit"), written as it still runs: ``engine.begin()``."""
    with db.engine.begin() as connection:
        return _answer(connection.execute(text(sql)))


def engine_execute_removed(sql: str) -> Any:
    """``db.engine.execute("raw SQL")``."""
    return _answer(db.engine.execute(sql))  # type: ignore[attr-defined]


def select_list(entity: bool) -> Any:
    """``db.session.execute(select(Author.id, Author.name))``, or ``select(Author)``:
    the columns as positional arguments, as 1.4 also accepted them."""
    statement = select(Author) if entity else select(Author.id, Author.name)
    rows = db.session.execute(statement.order_by(Author.id)).all()
    return [(row[0].id, row[0].name) if entity else row for row in rows]


def select_list_removed(entity: bool) -> Any:
    """``db.session.execute(select([Author.id, Author.name]))``, or ``select([Author])``:
    the 1.x list argument."""
    columns = [Author] if entity else [Author.id, Author.name]
    statement = select(columns)  # type: ignore[call-overload]
    rows = db.session.execute(statement.order_by(Author.id)).all()
    return [(row[0].id, row[0].name) if entity else row for row in rows]
