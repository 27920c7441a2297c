"""The migration guide's ``User``/``Address`` models, plus ``posts``, in the 2.x style.

Schema-identical to ``legacy.guide_models`` (``Author`` is the guide's ``User``,
``Article`` its ``Post``: see there). The legacy dynamic ``Author.articles`` has three
2.x replacements here, one attribute each, all on the same foreign key:

* ``articles``: ``DynamicMapped[Article] = relationship()``, as SQLAlchemy's "Dynamic
  Relationship Loaders" section writes it. Its query is SQLAlchemy's ``AppenderQuery``
  over the plain ``Query``: no Flask-SQLAlchemy ``paginate()``.
* ``articles_fsa_query``: the same with ``query_class=db.Query``, which is what
  ``db.relationship()`` sets by default; the legacy call sites keep working.
* ``articles_write_only``: ``WriteOnlyMapped[Article]``, SQLAlchemy's successor to
  ``lazy="dynamic"``, which has its own calls (``select()``, ``add()``).

``overlaps`` tells the mapper the three are meant to write the same column.

The many-to-many ``Article.topics`` is the legacy ``backref`` written out on both sides:
``Mapped[list[...]]`` with ``secondary=article_topic`` and ``back_populates`` (SQLAlchemy's
"Many To Many" in "Basic Relationship Patterns").
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import DynamicMapped, Mapped, WriteOnlyMapped, mapped_column, relationship

from modern.models import db

_SAME_KEY = "articles,articles_fsa_query,articles_write_only,author"


class Author(db.Model):  # type: ignore[name-defined,misc]  # db.Model is dynamic for mypy
    __tablename__ = "author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    fullname: Mapped[str | None] = mapped_column(String(100))
    addresses: Mapped[list[Address]] = relationship(back_populates="author",
                                                    order_by="Address.id")
    articles: DynamicMapped[Article] = relationship(back_populates="author",
                                                    overlaps=_SAME_KEY)
    articles_fsa_query: DynamicMapped[Article] = relationship(query_class=db.Query,
                                                              overlaps=_SAME_KEY)
    articles_write_only: WriteOnlyMapped[Article] = relationship(overlaps=_SAME_KEY)


class Address(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    email: Mapped[str] = mapped_column(String(100))
    author: Mapped[Author] = relationship(back_populates="addresses")


article_topic = Table(
    "article_topic",
    db.metadata,
    Column("article_id", ForeignKey("article.id"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True),
)


class Article(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[Author] = relationship(back_populates="articles", overlaps=_SAME_KEY)
    topics: Mapped[list[Topic]] = relationship(secondary=article_topic,
                                               back_populates="articles")


class Topic(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    articles: Mapped[list[Article]] = relationship(secondary=article_topic,
                                                   back_populates="topics")
