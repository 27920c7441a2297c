"""The corrected relationships in the 2.x style, with ``Tag.posts`` as ``DynamicMapped``.

``modern.relationships`` but for one attribute: the legacy ``backref("posts",
lazy="dynamic")`` becomes ``DynamicMapped[Post] = relationship(...,
query_class=db.Query)``, the drop-in that keeps the legacy call sites unchanged
(``tag.posts.all()``, ``.count()``, ``.filter_by()``, ``.append()``; the functions below
are ``legacy.relationships``' own, letter for letter). ``query_class=db.Query`` is what
Flask-SQLAlchemy's ``db.relationship()`` and ``db.backref()`` set: the collection's query
is Flask-SQLAlchemy's, with ``paginate()``. ``WriteOnlyMapped`` (``modern.relationships``)
stays the long-term form: SQLAlchemy's "Dynamic Relationship Loaders" section calls the
dynamic loader legacy.

Schema-identical to ``legacy.relationships`` and ``modern.relationships``. The classes
share those modules' names and tables, so they live on a ``db`` of their own (one
registry, one metadata): a lab creates them in the model set's own namespace.
Without ``passive_deletes``, as the legacy backref: deleting a tag unlinks it through
the ORM, on SQLite too.
"""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import DeclarativeBase, DynamicMapped, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

post_tag = Table(
    "post_tag",
    db.metadata,
    Column("post_id", ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class User(db.Model):  # type: ignore[name-defined,misc]  # db.Model is dynamic for mypy
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    posts: Mapped[list[Post]] = relationship(back_populates="author",
                                             cascade="all, delete-orphan")
    profile: Mapped[Profile | None] = relationship(back_populates="user",
                                                   cascade="all, delete-orphan")


class Post(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "post"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    author: Mapped[User] = relationship(back_populates="posts")
    tags: Mapped[list[Tag]] = relationship(secondary=post_tag, back_populates="posts")


class Tag(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    # query_class: Flask-SQLAlchemy's Query, as db.backref(..., lazy="dynamic") gives.
    posts: DynamicMapped[Post] = relationship(secondary=post_tag, back_populates="tags",
                                              query_class=db.Query)


class Profile(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    user: Mapped[User] = relationship(back_populates="profile")


# Call sites of the dynamic ``Tag.posts``: ``legacy.relationships``' own, unchanged.

def posts_of(tag: Tag) -> list[Post]:
    """``tag.posts.all()``: the dynamic collection is a query."""
    return list(tag.posts.order_by(Post.id).all())


def count_posts(tag: Tag) -> int:
    """``tag.posts.count()``."""
    return int(tag.posts.count())


def posts_titled(tag: Tag, title: str) -> list[Post]:
    """``tag.posts.filter_by(title=...)``."""
    return list(tag.posts.filter_by(title=title).all())


def link(tag: Tag, post: Post) -> None:
    """``tag.posts.append(post)``."""
    tag.posts.append(post)
