"""The migration guide's ``User``/``Address`` models, plus ``posts``, for Flask-SQLAlchemy-Lite.

Schema-identical to ``legacy.guide_models`` and ``modern.guide_models`` (``Author`` is
the guide's ``User``, ``Article`` its ``Post``: see there), on Lite's ``Base``: "Each
model subclasses the base and defines at least a ``__tablename__`` and a primary key
column" (Lite's docs, "Models"), so every table is named here, as ``db.Model`` named
them. Importing this module puts the tables in ``Base.metadata``, the metadata the
``lite`` style creates (``comparisons.catalog.styles.LITE``).

The legacy dynamic ``Author.articles`` has two replacements here, on the same key:

* ``articles``: ``DynamicMapped[Article] = relationship()``. Lite has no ``db.Query``
  and no ``db.relationship()`` to set it as ``query_class``: the collection is
  SQLAlchemy's ``AppenderQuery`` over the plain ``Query``, and so is every query it
  generates (Lite's session keeps SQLAlchemy's default ``query_cls``).
* ``articles_write_only``: ``WriteOnlyMapped[Article]``, SQLAlchemy's successor to
  ``lazy="dynamic"``, the form recommended here as in ``modern``.

The many-to-many ``Article.topics``/``Topic.articles`` is declared as in ``modern``, on
modern's tables copied onto Lite's metadata (``Table.to_metadata``).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DynamicMapped, Mapped, WriteOnlyMapped, mapped_column, relationship

import modern.guide_models as modern_models
from lite.models import Base

_SAME_KEY = "articles,articles_write_only,author"


class Author(Base):
    __tablename__ = "author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    fullname: Mapped[str | None] = mapped_column(String(100))
    addresses: Mapped[list[Address]] = relationship(back_populates="author",
                                                    order_by="Address.id")
    articles: DynamicMapped[Article] = relationship(back_populates="author",
                                                    overlaps=_SAME_KEY)
    articles_write_only: WriteOnlyMapped[Article] = relationship(overlaps=_SAME_KEY)


class Address(Base):
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    email: Mapped[str] = mapped_column(String(100))
    author: Mapped[Author] = relationship(back_populates="addresses")


#: The many-to-many's table is modern's, copied onto Lite's metadata: schema-identical by
#: construction (``Table.to_metadata``), not by a second copy of its columns.
article_topic = modern_models.article_topic.to_metadata(Base.metadata)


class Article(Base):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[Author] = relationship(back_populates="articles", overlaps=_SAME_KEY)
    topics: Mapped[list[Topic]] = relationship(secondary=article_topic,
                                               back_populates="articles")


class Topic(Base):
    # modern's table, as article_topic: Topic.id and Topic.name are its columns.
    __table__ = modern_models.Topic.__table__.to_metadata(Base.metadata)

    articles: Mapped[list[Article]] = relationship(secondary=article_topic,
                                                   back_populates="topics")
