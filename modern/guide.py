"""The 2.x side of SQLAlchemy's "Migrating to 2.0" guide, in the form this project recommends.

Mirrors ``legacy/guide.py``: same names, same signatures. Each docstring quotes the
guide's 2.0 column (or Flask-SQLAlchemy 3.1's docs); where what runs here differs from
that text, the text as written runs in ``modern/guide_as_written.py``, further forms in
``modern/guide_alternatives.py``, and the catalog says how each behaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, cast

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import CursorResult, delete, func, orm, select, text, update

from modern.guide_models import Address, Article, Author
from modern.models import db

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


# -- Flask-SQLAlchemy 3.1's helpers ("Modifying and Querying Data") -------------------


def get_or_404(id: int) -> Author:
    """``db.get_or_404(User, id)``."""
    return db.get_or_404(Author, id)


def first_or_404(name: str) -> Author:
    """``db.first_or_404(db.select(User).filter_by(username=username))``, plus
    ``limit(1)``: ``db.first_or_404`` runs ``.scalar()``, which adds no LIMIT."""
    return cast(Author, db.first_or_404(select(Author).filter_by(name=name).limit(1)))


def one_or_404(name: str) -> Author:
    """``db.one_or_404(db.select(User).filter_by(username=username))``."""
    return cast(Author, db.one_or_404(select(Author).filter_by(name=name)))


def paginate(page: int, per_page: int, error_out: bool = True) -> tuple[Pagination, ...]:
    """``db.paginate(db.select(User).order_by(User.join_date))``, filtered, with the
    same arguments, and the page's ``next()`` and ``prev()``."""
    statement = select(Author).where(Author.name != "grace").order_by(Author.name, Author.id)
    current = db.paginate(statement, page=page, per_page=per_page, error_out=error_out)
    return current, current.next(), current.prev()


def paginate_columns(page: int, per_page: int) -> Pagination:
    """``db.paginate(select(User.id, User.name))``: there is no other 2.x helper, and
    ``db.paginate`` "applies ``unique()`` and ``scalars()`` modifiers to the result, so
    compound selects will not return the expected results" (its docstring)."""
    statement = select(Author.id, Author.name).order_by(Author.id)
    # SQLAlchemy 2.1 types this Select[int, str], which db.paginate's Select[Any] refuses.
    return db.paginate(statement, page=page, per_page=per_page)  # type: ignore[arg-type]


# -- WriteOnlyMapped, the successor of lazy="dynamic" ----------------------------------


def dynamic_relationship(author_id: int, call: str) -> Any:
    """Each call site rewritten for ``WriteOnlyMapped``: a ``select()`` the session runs,
    ``add()`` for ``append()``, ``db.paginate()`` for ``paginate()``."""
    articles = db.session.get(Author, author_id).articles_write_only  # type: ignore[union-attr]
    if call == "filter_by().all()":
        return db.session.scalars(articles.select().filter_by(title="Hello")).all()
    if call == "count()":
        return db.session.scalar(select(func.count()).select_from(articles.select().subquery()))
    if call == "order_by().first()":
        newest = articles.select().order_by(Article.title.desc()).limit(1)
        return db.session.scalars(newest).first()
    if call == "paginate()":
        return db.paginate(articles.select(), page=1, per_page=3)
    if call == "order_by().paginate()":
        return db.paginate(articles.select().order_by(Article.id), page=1, per_page=3)
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
