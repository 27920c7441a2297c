"""The official docs' own 2.x forms, exactly as written, where they differ from ``guide.py``.

SQLAlchemy's "Migrating to 2.0" guide (its "Overview of Major ORM Querying Patterns"
table), SQLAlchemy's "Dynamic Relationship Loaders" section and Flask-SQLAlchemy 3.1's
docs; only names (``Author`` for ``User``) and literals are parameters. Rows whose
official form is already the recommended one (``filter_by_one``, ``filter_by_first``,
``joinedload``, ``bulk_update``, ``bulk_delete``, ``count``, ``get_or_404``,
``one_or_404``, ``paginate``, ``paginate_columns``) are not repeated here. Where no doc
shows the 2.x form (``count_join``, the ``sa21`` rows), it is the guide's own form
applied to the legacy line: the mechanical rewrite the guide's table teaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import func, orm, select, text

from modern.guide_models import Address, Article, Author
from modern.models import db


def join_filter(email: str) -> Sequence[Author]:
    """``session.execute(select(User).join(Address).where(Address.email == 'e@sa.us'))
    .scalars().all()``."""
    statement = select(Author).join(Address).where(Address.email == email)
    return db.session.execute(statement).scalars().all()


def from_statement(sql: str) -> Sequence[Author]:
    """``session.scalars(select(User).from_statement(text("select * from users"))).all()``."""
    return db.session.scalars(select(Author).from_statement(text(sql))).all()


def contains_eager(email: str) -> list[tuple[str, list[str]]]:
    """``session.execute(select(User).join(User.addresses).options(contains_eager(
    User.addresses)).execution_options(populate_existing=True)).scalars().all()``,
    filtered on an address, after loading author 1 (as ``legacy.guide``)."""
    preloaded = db.session.get(Author, 1)
    preloaded.addresses  # type: ignore[union-attr]  # noqa: B018  # loads the collection
    statement = (select(Author).join(Author.addresses).where(Address.email == email)
                 .options(orm.contains_eager(Author.addresses))
                 .execution_options(populate_existing=True))
    authors = db.session.execute(statement).scalars().all()
    return [(author.name, [a.email for a in author.addresses]) for author in authors]


def count_join(distinct: bool) -> int:
    """``session.scalar(select(func.count()).select_from(User))`` with the legacy line's
    ``join(User.addresses)`` and ``distinct()``."""
    statement = select(func.count()).select_from(Author).join(Author.addresses)
    if distinct:
        statement = statement.distinct()
    return db.session.scalar(statement) or 0


def first_or_404(name: str) -> Author:
    """``db.first_or_404(db.select(User).filter_by(username=username))``."""
    return cast(Author, db.first_or_404(select(Author).filter_by(name=name)))


def dynamic_relationship(author_id: int, call: str) -> Any:
    """``posts: DynamicMapped[Post] = relationship()`` ("Dynamic Relationship Loaders"):
    the legacy call sites, unchanged, on ``Author.articles``."""
    author = db.session.get(Author, author_id)
    return legacy_call_sites(author.articles, call)  # type: ignore[union-attr]


def legacy_call_sites(articles: Any, call: str, model: Any = Article) -> Any:
    """``legacy.guide.dynamic_relationship``'s call sites, on any dynamic collection:
    ``model`` is its class, the commit goes through its own session (Lite's too)."""
    if call == "filter_by().all()":
        return articles.filter_by(title="Hello").all()
    if call == "count()":
        return articles.count()
    if call == "order_by().first()":
        return articles.order_by(model.title.desc()).first()
    if call == "paginate()":
        return articles.paginate(page=1, per_page=3)
    if call == "order_by().paginate()":
        return articles.order_by(model.id).paginate(page=1, per_page=3)
    if call == "append()":
        articles.append(model(title="New"))
        articles.session.commit()
        return None
    raise ValueError(call)


def filter_by_after_join(column: str, value: Any) -> Sequence[Author]:
    """``session.scalars(select(User).join(User.addresses).filter_by(**{column: value}))
    .all()``."""
    statement = select(Author).join(Author.addresses).filter_by(**{column: value})
    return db.session.scalars(statement).all()


def query_in_execute(email: str) -> Sequence[Author]:
    """Half-migrated code: the legacy ``Query`` handed to ``session.execute()``."""
    inner = db.session.query(Address.author_id).filter(Address.email == email)
    query = db.session.query(Author).filter(Author.id.in_(inner)).order_by(Author.id)
    return db.session.execute(query).scalars().all()  # type: ignore[call-overload]
