"""``Query.paginate`` for Flask-SQLAlchemy-Lite, which has none.

Lite's docs: "It does not provide query recording, pagination, query methods, etc."
This is the least code that does what the legacy ``Model.query.paginate(page=...,
per_page=...)`` did (Flask-SQLAlchemy 3.1, ``Pagination.__init__``): refuse a page or
``per_page`` below 1, SELECT the page, abort with 404 when a page other than the first
is empty, then COUNT (``Query.paginate`` caps ``per_page`` only when given a
``max_per_page``; its default is None, not the 100 ``Pagination``'s docstring names).
The count is the second query legacy code sent too; what Lite users lose is the rest
of ``Pagination`` (``has_next``, ``next_num``, ``iter_pages()``, ``next()``...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any, Generic, TypeVar

from flask import abort
from sqlalchemy import Select, func, select

from lite.models import db

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: the attributes of Flask-SQLAlchemy's ``Pagination`` that a page needs."""

    items: Sequence[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page) if self.total else 0


def paginate(statement: Select[Any], page: int, per_page: int, error_out: bool = True,
             scalars: bool = True) -> Page[Any]:
    """``statement``'s entities on ``page``; 404 past the end, as legacy ``paginate``.

    ``error_out=False`` turns each 404 into what ``Query.paginate`` does then: page 1
    for a page below 1, 20 for a ``per_page`` below 1, an empty page past the end.
    ``scalars=False`` keeps the rows of a select of several columns, which
    ``Query.paginate`` pages as rows (as Lite's own ``one_or_abort(scalar=False)``).
    """
    if error_out and (page < 1 or per_page < 1):
        abort(404)
    page, per_page = max(page, 1), per_page if per_page >= 1 else 20
    window = statement.limit(per_page).offset((page - 1) * per_page)
    result = db.session.execute(window)
    items = result.scalars().all() if scalars else result.all()
    if not items and page != 1 and error_out:
        abort(404)
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    return Page(items, page, per_page, db.session.scalar(counted) or 0)
