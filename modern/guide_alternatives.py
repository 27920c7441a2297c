"""Further 2.x forms of the guide's rows: what migrations write beside the official form.

Each function is named ``<row>_<variant>``, takes the row's arguments and is a variant of
that row in the catalog. Docstrings say where each form is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, orm, select

from modern.guide_as_written import legacy_call_sites
from modern.guide_models import Address, Author
from modern.models import db


def filter_by_one_row(name: str) -> Row[Any]:
    """Flask-SQLAlchemy 3.1's "Select" example:
    ``user = db.session.execute(db.select(User).filter_by(username=username)).one()``."""
    return db.session.execute(select(Author).filter_by(name=name)).one()


def filter_by_first_without_limit(name: str) -> Author | None:
    """The guide's ``first()`` row without ``limit(1)``: "for first(), no LIMIT is applied
    automatically; add limit(1) if LIMIT is desired on the query" (its own warning)."""
    return db.session.scalars(select(Author).filter_by(name=name)).first()


def joinedload_rows() -> Sequence[Row[Any]]:
    """The guide's "ORM Query Unified with Core Select" section: ``users =
    session.execute(select(User).options(joinedload(User.addresses)).order_by(User.id))
    .unique().all()``: no ``.scalars()``."""
    statement = select(Author).options(orm.joinedload(Author.addresses)).order_by(Author.id)
    return db.session.execute(statement).unique().all()


def joinedload_without_unique() -> Sequence[Author]:
    """The table's form without ``.unique()``, which the guide says "will raise"."""
    statement = select(Author).options(orm.joinedload(Author.addresses)).order_by(Author.id)
    return db.session.scalars(statement).all()


def count_column() -> int:
    """The guide's second ``count()`` form: ``session.scalar(select(func.count(User.id)))``."""
    return db.session.scalar(select(func.count(Author.id))) or 0


def dynamic_relationship_fsa_query(author_id: int, call: str) -> Any:
    """``DynamicMapped`` with ``relationship(query_class=db.Query)`` (what
    ``db.relationship`` sets): the legacy call sites, unchanged."""
    author = db.session.get(Author, author_id)
    return legacy_call_sites(author.articles_fsa_query, call)  # type: ignore[union-attr]


def query_in_execute_inside_in(email: str) -> Sequence[Author]:
    """Half-migrated code: a ``select()`` with the legacy ``Query`` inside ``in_()``."""
    inner = db.session.query(Address.author_id).filter(Address.email == email)
    statement = select(Author).where(Author.id.in_(inner)).order_by(Author.id)
    return db.session.scalars(statement).all()
