"""The tutorial's relationships for Flask-SQLAlchemy-Lite; schema-identical to ``legacy``.

``modern.relationships`` with Lite's ``Base`` for ``db.Model`` and ``Base.metadata`` for
``db.metadata``. The call sites of the write-only ``Tag.posts`` are that module's own
code, re-created on Lite's ``db`` and models (:func:`lite.on_lite`). Its docstring says
why each model is as it is. Lite adds one thing to know: the tutorial's snippets name
no tables, and a plain ``DeclarativeBase`` does not name them
(``lite.tutorial_relationships``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

import modern.relationships as _2x
from lite import on_lite
from lite.models import Base, db

#: The association table is 2.x's, copied onto Lite's metadata (``Table.to_metadata``):
#: schema-identical by construction, not by a second copy of its columns.
post_tag = _2x.post_tag.to_metadata(Base.metadata)


class User(Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    posts: Mapped[list[Post]] = relationship(back_populates="author",
                                             cascade="all, delete-orphan")
    profile: Mapped[Profile | None] = relationship(back_populates="user",
                                                   cascade="all, delete-orphan")


class Post(Base):
    __tablename__ = "post"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    author: Mapped[User] = relationship(back_populates="posts")
    tags: Mapped[list[Tag]] = relationship(secondary=post_tag, back_populates="posts")


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    # passive_deletes: a write-only collection cannot be loaded to unlink a deleted tag;
    # ON DELETE CASCADE does it (where foreign keys are enforced: not SQLite by default).
    posts: WriteOnlyMapped[Post] = relationship(secondary=post_tag, back_populates="tags",
                                                passive_deletes=True)


class Profile(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    user: Mapped[User] = relationship(back_populates="profile")


_lite = on_lite(_2x, __name__, db=db, post_tag=post_tag, User=User, Post=Post, Tag=Tag,
                Profile=Profile)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.relationships`` that Lite does not write out: its own
    code, on Lite's names (:func:`lite.on_lite`)."""
    return _lite.attribute(name)
