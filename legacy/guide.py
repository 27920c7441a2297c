"""The 1.x-style side of SQLAlchemy's "Migrating to 2.0" guide: one function per row.

Mirrors ``modern/guide.py``: same names, same signatures. Each docstring quotes the
guide's "Overview of Major ORM Querying Patterns" (its 1.x column), written here with
``Model.query``, which Flask-SQLAlchemy defines as ``db.session.query(Model)``. The
guide's ``User`` is ``Author`` (see ``legacy.guide_models``). The rows of
Flask-SQLAlchemy's helpers (``fsa.*``), of the dynamic relationship (``dynamic.*``) and
of SQLAlchemy 2.1's changes (``sa21.*``) follow, quoting Flask-SQLAlchemy 3.1's docs.
"""

from __future__ import annotations

from typing import Any, Literal

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import orm, text

from legacy.guide_models import Address, Article, Author
from legacy.models import db

Sync = Literal["auto", "evaluate", "fetch", False]


def filter_by_one(name: str) -> Author:
    """``session.query(User).filter_by(name='some user').one()``."""
    return Author.query.filter_by(name=name).one()  # type: ignore[no-any-return]


def filter_by_first(name: str) -> Author | None:
    """``session.query(User).filter_by(name='some user').first()``."""
    return Author.query.filter_by(name=name).first()  # type: ignore[no-any-return]


def joinedload() -> list[Author]:
    """``session.query(User).options(joinedload(User.addresses)).order_by(User.id).all()``
    (the guide's "ORM Query Unified with Core Select"; its table has no ``order_by``)."""
    # Untyped db.relationship() is a RelationshipProperty to mypy, not an attribute.
    option = orm.joinedload(Author.addresses)  # type: ignore[arg-type]
    return Author.query.options(option).order_by(Author.id).all()  # type: ignore[no-any-return]


def join_filter(email: str) -> list[Author]:
    """``session.query(User).join(Address).filter(Address.email == 'e@sa.us').all()``."""
    return Author.query.join(Address).filter(Address.email == email).all()  # type: ignore[no-any-return]


def from_statement(sql: str) -> list[Author]:
    """``session.query(User).from_statement(text("select * from users")).all()``."""
    return Author.query.from_statement(text(sql)).all()  # type: ignore[no-any-return]


def contains_eager(email: str) -> list[tuple[str, list[str]]]:
    """``session.query(User).join(User.addresses).options(contains_eager(User.addresses))
    .populate_existing().all()``, filtered on an address.

    Author 1 is loaded first, with all its addresses: ``populate_existing`` is what
    replaces that loaded collection by the rows the query returns. Each author comes
    back with the e-mails its ``addresses`` then hold.
    """
    preloaded: Any = db.session.get(Author, 1)
    preloaded.addresses  # noqa: B018  # loads the collection
    option = orm.contains_eager(Author.addresses)  # type: ignore[arg-type]
    authors = (Author.query.join(Author.addresses).filter(Address.email == email)
               .options(option).populate_existing().all())
    return [(author.name, [a.email for a in author.addresses]) for author in authors]


def bulk_update(name: str, fullname: str, sync: Sync) -> tuple[int, str | None]:
    """``session.query(User).filter(User.name == 'foo').update({"fullname": "Foo Bar"},
    synchronize_session="evaluate")``, committed.

    Returns the number of rows matched and the ``fullname`` that an author loaded
    before the UPDATE shows afterwards, read before the commit expires it.
    """
    loaded = Author.query.filter_by(name=name).first()
    matched = Author.query.filter(Author.name == name).update(
        {"fullname": fullname}, synchronize_session=sync)
    seen = loaded.fullname if loaded is not None else None
    db.session.commit()
    return matched, seen


def bulk_delete(email: str, sync: Sync) -> tuple[int, bool | None]:
    """``session.query(Address).filter(Address.email == e).delete(synchronize_session=...)``,
    committed (the guide's ``update`` row, for DELETE).

    Returns the number of rows matched and whether an address loaded before the DELETE
    is still in the session afterwards.
    """
    loaded = Address.query.filter_by(email=email).first()
    matched = Address.query.filter(Address.email == email).delete(synchronize_session=sync)
    still_there = loaded in db.session if loaded is not None else None
    db.session.commit()
    return matched, still_there


def count() -> int:
    """``session.query(User).count()``."""
    return Author.query.count()  # type: ignore[no-any-return]


def count_join(distinct: bool) -> int:
    """``session.query(User).join(User.addresses).count()``, and with ``.distinct()``."""
    query = Author.query.join(Author.addresses)
    if distinct:
        query = query.distinct()
    return query.count()  # type: ignore[no-any-return]


# -- Flask-SQLAlchemy 3.1's helpers ("Legacy Query Interface") --------------------------


def get_or_404(id: int) -> Author:
    """``User.query.get_or_404(id)``: "will raise a 404 if the row with the given id
    doesn't exist, otherwise it will return the instance"."""
    return Author.query.get_or_404(id)  # type: ignore[no-any-return]


def first_or_404(name: str) -> Author:
    """``User.query.filter_by(username=username).first_or_404()``: "will raise a 404 if
    the query does not return any results, otherwise it will return the first result"."""
    return Author.query.filter_by(name=name).first_or_404()  # type: ignore[no-any-return]


def one_or_404(name: str) -> Author:
    """``User.query.filter_by(username=username).one_or_404()``: "will raise a 404 if
    the query does not return exactly one result, otherwise it will return the result"."""
    return Author.query.filter_by(name=name).one_or_404()  # type: ignore[no-any-return]


def paginate(page: int, per_page: int, error_out: bool = True) -> tuple[Pagination, ...]:
    """``Query.paginate(page=..., per_page=..., error_out=...)`` on a filtered, ordered
    query, and the page's ``next()`` and ``prev()``."""
    query = Author.query.filter(Author.name != "grace").order_by(Author.name, Author.id)
    current = query.paginate(page=page, per_page=per_page, error_out=error_out)
    return current, current.next(), current.prev()


def paginate_columns(page: int, per_page: int) -> Pagination:
    """``db.session.query(User.id, User.name).paginate(...)``: a page of two columns."""
    query = db.session.query(Author.id, Author.name).order_by(Author.id)
    return query.paginate(page=page, per_page=per_page)  # type: ignore[no-any-return]


# -- lazy="dynamic" ------------------------------------------------------------------------


def dynamic_relationship(author_id: int, call: str) -> Any:
    """A dynamic collection's call sites, one per ``call``; Flask-SQLAlchemy's
    ``db.relationship(..., lazy='dynamic')`` gives the collection ``paginate()``."""
    author: Any = db.session.get(Author, author_id)  # an untyped legacy model
    if call == "filter_by().all()":
        return author.articles.filter_by(title="Hello").all()
    if call == "count()":
        return author.articles.count()
    if call == "order_by().first()":
        return author.articles.order_by(Article.title.desc()).first()
    if call == "paginate()":
        return author.articles.paginate(page=1, per_page=3)
    if call == "order_by().paginate()":
        return author.articles.order_by(Article.id).paginate(page=1, per_page=3)
    if call == "append()":
        author.articles.append(Article(title="New"))
        db.session.commit()
        return None
    raise ValueError(call)


# -- SQLAlchemy 2.1's changes ------------------------------------------------------------


def filter_by_after_join(column: str, value: Any) -> list[Author]:
    """``session.query(User).join(User.addresses).filter_by(**{column: value}).all()``:
    ``filter_by`` names a column of "the last entity that was the target of a call to
    ``Query.join``" (``Query.filter_by``'s docstring)."""
    return Author.query.join(Author.addresses).filter_by(**{column: value}).all()  # type: ignore[no-any-return]


def query_in_execute(email: str) -> list[Author]:
    """A ``Query`` with a ``Query`` inside ``in_()``: the starting point of half-migrated
    code (``modern.guide_as_written.query_in_execute``)."""
    inner = db.session.query(Address.author_id).filter(Address.email == email)
    return Author.query.filter(Author.id.in_(inner)).order_by(Author.id).all()  # type: ignore[no-any-return]
