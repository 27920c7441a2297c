"""The tutorial's relationships in the 2.x style, corrected; schema-identical to ``legacy``.

What changes from the tutorial's modern code, and why:

* ``post_tag`` is defined before the classes and passed as an object, with a composite
  primary key; the tutorial defines it after them and names it by string.
* ``profile.user_id`` is UNIQUE, so the database holds a one-to-one, not just the ORM.
* ``User.profile`` is ``Mapped[Profile | None]``: a new user has no profile yet.
* The parents cascade ``all, delete-orphan``: the keys are NOT NULL (``Mapped[int]``), so
  the default cascade cannot orphan a child by setting its key to NULL.
* ``Tag.posts`` replaces ``lazy='dynamic'`` with ``WriteOnlyMapped``, SQLAlchemy 2.x's
  successor to the legacy dynamic loader: ``tag.posts.add(post)`` instead of ``append``,
  ``db.session.scalars(tag.posts.select())`` instead of iterating or ``.all()`` (the
  functions below, mirrored in ``legacy.relationships``). It cannot be loaded, so
  deleting a tag relies on ``ON DELETE CASCADE`` (``passive_deletes=True``), which
  SQLite enforces only with ``PRAGMA foreign_keys=ON``. ``DynamicMapped`` would keep
  the legacy call sites unchanged instead, all but Flask-SQLAlchemy's ``paginate()``
  (see comparisons/tests/test_relationships.py).
* Replacing a profile in one step fails on the UNIQUE key (the new row is INSERTed
  before the old one is DELETEd), in both styles: delete the old one and flush first.
* ``list[...]`` rather than ``typing.List``, and a length on every string (MariaDB
  refuses a VARCHAR without one).
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, func, select
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from modern.models import db

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
    # passive_deletes: a write-only collection cannot be loaded to unlink a deleted tag;
    # ON DELETE CASCADE does it (where foreign keys are enforced: not SQLite by default).
    posts: WriteOnlyMapped[Post] = relationship(secondary=post_tag, back_populates="tags",
                                                passive_deletes=True)


class Profile(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    user: Mapped[User] = relationship(back_populates="profile")


# Call sites of the write-only ``Tag.posts``, mirrored by name in ``legacy.relationships``.

def posts_of(tag: Tag) -> list[Post]:
    """``tag.posts.all()`` becomes ``db.session.scalars(tag.posts.select())``."""
    return list(db.session.scalars(tag.posts.select().order_by(Post.id)))


def count_posts(tag: Tag) -> int:
    """``tag.posts.count()`` becomes a COUNT over ``tag.posts.select()``."""
    counted = select(func.count()).select_from(tag.posts.select().subquery())
    return int(db.session.scalar(counted) or 0)


def posts_titled(tag: Tag, title: str) -> list[Post]:
    """``tag.posts.filter_by(title=...)`` becomes ``.select().filter_by(title=...)``."""
    return list(db.session.scalars(tag.posts.select().filter_by(title=title)))


def link(tag: Tag, post: Post) -> None:
    """``tag.posts.append(post)`` becomes ``tag.posts.add(post)``."""
    tag.posts.add(post)
