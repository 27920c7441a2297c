"""The 2.x side of SQLAlchemy's "Migrating to 2.0" guide, on Flask-SQLAlchemy-Lite.

Mirrors ``legacy/guide.py`` and ``modern/guide.py``: same names, same signatures. The
guide's rows (``filter_by_one`` to ``count_join``) and the ``sa21`` rows are
``modern.guide``'s own code, letter for letter: Lite's ``db.session`` is a plain
``Session`` with the same methods. They are copies, not imports, because each reads
the module's ``db`` and models, and here those are Lite's. What differs is where
Flask-SQLAlchemy 3.1 has a helper Lite does not: Lite has ``get_or_abort`` and
``one_or_abort`` but no ``first_or_404``, no ``paginate`` ("It does not provide query
recording, pagination, query methods, etc.", its docs) and no ``db.Query`` for a
dynamic relationship. There the code is the shortest that does what the legacy did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from flask import abort
from sqlalchemy import CursorResult, delete, func, orm, select, text, update

from lite import pagination
from lite.guide_models import Address, Article, Author
from lite.models import db
from lite.pagination import Page

Sync = Literal["auto", "evaluate", "fetch", False]


def filter_by_one(name: str) -> Author:
    """``session.execute(select(User).filter_by(name="some user")).scalar_one()``."""
    return db.session.execute(select(Author).filter_by(name=name)).scalar_one()


def filter_by_first(name: str) -> Author | None:
    """``session.scalars(select(User).filter_by(name="some user").limit(1)).first()``."""
    return db.session.scalars(select(Author).filter_by(name=name).limit(1)).first()


def joinedload() -> Sequence[Author]:
    """``session.scalars(select(User).options(joinedload(User.addresses))).unique().all()``,
    ordered by id as the legacy side is."""
    statement = select(Author).options(orm.joinedload(Author.addresses)).order_by(Author.id)
    return db.session.scalars(statement).unique().all()


def join_filter(email: str) -> Sequence[Author]:
    """``session.execute(select(User).join(Address).where(Address.email == 'e@sa.us'))
    .scalars().all()``, plus ``.unique()``: the legacy ``Query`` returns each entity once."""
    statement = select(Author).join(Address).where(Address.email == email)
    return db.session.execute(statement).scalars().unique().all()


def from_statement(sql: str) -> Sequence[Author]:
    """``session.scalars(select(User).from_statement(text("select * from users"))).all()``,
    plus ``.unique()``: the legacy ``Query`` returns each entity once."""
    return db.session.scalars(select(Author).from_statement(text(sql))).unique().all()


def contains_eager(email: str) -> list[tuple[str, list[str]]]:
    """``session.execute(select(User).join(User.addresses).options(contains_eager(
    User.addresses)).execution_options(populate_existing=True)).scalars().all()``, filtered
    on an address, plus ``.unique()``, which a collection loaded by a join requires."""
    preloaded = db.session.get(Author, 1)
    preloaded.addresses  # type: ignore[union-attr]  # noqa: B018  # loads the collection
    statement = (select(Author).join(Author.addresses).where(Address.email == email)
                 .options(orm.contains_eager(Author.addresses))
                 .execution_options(populate_existing=True))
    authors = db.session.execute(statement).scalars().unique().all()
    return [(author.name, [a.email for a in author.addresses]) for author in authors]


def bulk_update(name: str, fullname: str, sync: Sync) -> tuple[int, str | None]:
    """``session.execute(update(User).where(User.name == 'foo').values(fullname="Foo Bar")
    .execution_options(synchronize_session="evaluate"))``, committed.

    ``execute()`` returns a ``CursorResult``: its ``rowcount`` is what ``Query.update``
    returned.
    """
    loaded = db.session.scalars(select(Author).filter_by(name=name).limit(1)).first()
    statement = (update(Author).where(Author.name == name).values(fullname=fullname)
                 .execution_options(synchronize_session=sync))
    result = db.session.execute(statement)
    # A CursorResult, as DML's always is; the type hints of SQLAlchemy 2.1 say Result
    # (2.0's had an overload for DML), so mypy needs to be told.
    assert isinstance(result, CursorResult)
    matched = result.rowcount
    seen = loaded.fullname if loaded is not None else None
    db.session.commit()
    return matched, seen


def bulk_delete(email: str, sync: Sync) -> tuple[int, bool | None]:
    """``session.execute(delete(Address).where(Address.email == e)
    .execution_options(synchronize_session=...))``, committed."""
    loaded = db.session.scalars(select(Address).filter_by(email=email).limit(1)).first()
    statement = (delete(Address).where(Address.email == email)
                 .execution_options(synchronize_session=sync))
    result = db.session.execute(statement)
    # A CursorResult, as in bulk_update.
    assert isinstance(result, CursorResult)
    matched = result.rowcount
    still_there = loaded in db.session if loaded is not None else None
    db.session.commit()
    return matched, still_there


def count() -> int:
    """``session.scalar(select(func.count()).select_from(User))``."""
    return db.session.scalar(select(func.count()).select_from(Author)) or 0


def count_join(distinct: bool) -> int:
    """What ``Query.count()`` runs: ``SELECT count(*) FROM (<the query>)``; the guide's
    ``select(func.count()).select_from(User)`` cannot take the join's ``distinct()``."""
    counted = select(Author).join(Author.addresses)
    if distinct:
        counted = counted.distinct()
    return db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0


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


# -- SQLAlchemy 2.1's changes -------------------------------------------------------------


def filter_by_after_join(column: str, value: Any) -> Sequence[Author]:
    """The column named on the entity the legacy ``filter_by`` used, the joined one, and
    ``.unique()``: the same result on SQLAlchemy 2.0 and 2.1."""
    statement = select(Author).join(Author.addresses).where(getattr(Address, column) == value)
    return db.session.scalars(statement).unique().all()


def query_in_execute(email: str) -> Sequence[Author]:
    """Both queries as ``select()``: ``session.execute()`` takes no ``Query`` on 2.1."""
    inner = select(Address.author_id).where(Address.email == email)
    statement = select(Author).where(Author.id.in_(inner)).order_by(Author.id)
    return db.session.scalars(statement).all()
