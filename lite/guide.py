"""The 2.x side of SQLAlchemy's "Migrating to 2.0" guide, on Flask-SQLAlchemy-Lite.

Mirrors ``legacy/guide.py`` and ``modern/guide.py``: same names, same signatures. The
guide's rows (``filter_by_one`` to ``count_join``) and the ``sa21`` rows are
``modern.guide``'s own code, re-created on Lite's ``db`` and models
(:func:`lite.on_lite`): Lite's ``db.session`` is a plain ``Session`` with the same
methods. What differs is written out here, where Flask-SQLAlchemy 3.1 has a helper
Lite does not: Lite has ``get_or_abort`` and ``one_or_abort`` but no ``first_or_404``,
no ``paginate`` ("It does not provide query recording, pagination, query methods,
etc.", its docs) and no ``db.Query`` for a dynamic relationship. There the code is the
shortest that does what the legacy did.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import func, select

import modern.guide as _2x
from lite import on_lite, pagination
from lite.guide_models import Address, Article, Author
from lite.models import db
from lite.pagination import Page

# -- Flask-SQLAlchemy 3.1's helpers, on Lite --------------------------------------------


def get_or_404(id: int) -> Author:
    """``db.get_or_abort(User, id)``: Lite's ``get_or_404``, ``Session.get`` or 404."""
    return db.get_or_abort(Author, id)


def first_or_404(name: str) -> Author:
    """Lite has no ``first_or_404``; ``one_or_abort`` would abort on two matches.
    ``scalars(select(...).limit(1)).first()``, or 404: ``Query.first_or_404``'s work."""
    first = db.session.scalars(select(Author).filter_by(name=name).limit(1)).first()
    return first if first is not None else abort(404)


def one_or_404(name: str) -> Author:
    """``db.one_or_abort(select(User).filter_by(username=username))``: ``scalar_one()``,
    404 on ``NoResultFound`` and ``MultipleResultsFound``."""
    # Lite types its argument Select[tuple[M]], SQLAlchemy 2.0's shape of Select[M].
    return db.one_or_abort(select(Author).filter_by(name=name))  # type: ignore[arg-type]


def paginate(page: int, per_page: int, error_out: bool = True) -> tuple[Page[Author], ...]:
    """``lite.pagination.paginate`` on the same select, and the next and previous pages
    as ``Pagination.next()`` and ``prev()`` ask for them: ``error_out=False``."""
    statement = select(Author).where(Author.name != "grace").order_by(Author.name, Author.id)
    current = pagination.paginate(statement, page, per_page, error_out)
    following = pagination.paginate(statement, current.page + 1, current.per_page, False)
    previous = pagination.paginate(statement, current.page - 1, current.per_page, False)
    return current, following, previous


def paginate_columns(page: int, per_page: int) -> Page[Any]:
    """``lite.pagination.paginate(select(User.id, User.name), scalars=False)``: a page of
    rows, as ``Query.paginate`` pages a query of two columns."""
    statement = select(Author.id, Author.name).order_by(Author.id)
    # SQLAlchemy 2.1 types this Select[int, str], which paginate's Select[Any] refuses.
    return pagination.paginate(statement, page, per_page, scalars=False)  # type: ignore[arg-type]


# -- WriteOnlyMapped, the successor of lazy="dynamic" ----------------------------------


def dynamic_relationship(author_id: int, call: str) -> Any:
    """Each call site rewritten for ``WriteOnlyMapped``: a ``select()`` the session runs,
    ``add()`` for ``append()``, ``lite.pagination.paginate()`` for ``paginate()``."""
    articles = db.session.get(Author, author_id).articles_write_only  # type: ignore[union-attr]
    if call == "filter_by().all()":
        return db.session.scalars(articles.select().filter_by(title="Hello")).all()
    if call == "count()":
        return db.session.scalar(select(func.count()).select_from(articles.select().subquery()))
    if call == "order_by().first()":
        newest = articles.select().order_by(Article.title.desc()).limit(1)
        return db.session.scalars(newest).first()
    if call == "paginate()":
        return pagination.paginate(articles.select(), 1, 3)
    if call == "order_by().paginate()":
        return pagination.paginate(articles.select().order_by(Article.id), 1, 3)
    if call == "append()":
        articles.add(Article(title="New"))
        db.session.commit()
        return None
    raise ValueError(call)


_lite = on_lite(_2x, __name__, db=db, Author=Author, Address=Address, Article=Article,
                get_or_404=get_or_404, first_or_404=first_or_404, one_or_404=one_or_404,
                paginate=paginate, paginate_columns=paginate_columns,
                dynamic_relationship=dynamic_relationship)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.guide`` that Lite does not write out: its own
    code, on Lite's names (:func:`lite.on_lite`)."""
    return _lite.attribute(name)
