"""Shorter 2.x forms of the commonest shapes, which migrations write and which differ.

Each function is named ``<row>_<variant>``, takes the row's arguments and is a variant of
that row in the catalog (``comparisons/catalog/shapes.py``), which says how it differs
from the legacy code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from modern.guide_models import Address, Author
from modern.models import db


def with_parent_collection(author_id: int) -> list[Address]:
    """``author.addresses``: the relationship's own collection, for ``with_parent()``."""
    author = db.session.get(Author, author_id)
    return list(author.addresses)  # type: ignore[union-attr]


def column_query_scalars(name: str) -> Sequence[str | None]:
    """``db.session.scalars(select(User.fullname).filter_by(name=n)).all()``: the values."""
    statement = select(Author.fullname).filter_by(name=name).order_by(Author.id)
    return db.session.scalars(statement).all()


def multi_entity_without_unique() -> Sequence[Any]:
    """``db.session.execute(select(User, Address.email).join(User.addresses)).all()``."""
    statement = (select(Author, Address.email).join(Author.addresses)
                 .order_by(Author.id, Address.id))
    return db.session.execute(statement).all()


def outerjoin_without_unique(without_address: bool) -> Sequence[Author]:
    """``db.session.scalars(select(User).outerjoin(User.addresses)).all()``."""
    statement = select(Author).outerjoin(Author.addresses)
    if without_address:
        statement = statement.where(Address.id.is_(None))
    return db.session.scalars(statement.order_by(Author.id)).all()


def scalar_session_scalar(name: str) -> str | None:
    """``db.session.scalar(select(User.fullname).filter_by(name=n))`` for ``.scalar()``."""
    return db.session.scalar(select(Author.fullname).filter_by(name=name))


def one_or_none_without_unique(email: str) -> Author | None:
    """``db.session.scalars(select(User).join(...).where(...)).one_or_none()``."""
    statement = select(Author).join(Author.addresses).where(Address.email == email)
    return db.session.scalars(statement).one_or_none()


def exists_select_entity(name: str) -> bool:
    """``db.session.scalar(select(select(User).filter_by(name=n).exists()))``."""
    return bool(db.session.scalar(select(select(Author).filter_by(name=name).exists())))


def filter_by_count_select_from(name: str) -> int:
    """``db.session.scalar(select(func.count()).select_from(User).filter_by(name=n))``."""
    statement = select(func.count()).select_from(Author).filter_by(name=name)
    return db.session.scalar(statement) or 0


def stored_query_result(name: str) -> tuple[int, Author | None]:
    """The result stored instead of the select: ``rows = db.session.scalars(stmt)``, then
    ``len(rows.all())`` and ``rows.first()``."""
    rows = db.session.scalars(select(Author).filter_by(name=name).order_by(Author.id))
    total = len(rows.all())
    return total, rows.first()


def slice_select_slice(start: int | None, stop: int | None) -> Sequence[Author]:
    """``db.session.scalars(select(User).order_by(User.id).slice(start, stop)).all()``."""
    statement = select(Author).order_by(Author.id).slice(start, stop)  # type: ignore[arg-type]
    return db.session.scalars(statement).all()
