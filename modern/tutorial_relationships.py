"""The tutorial's modern relationship models, exactly as written ("Relationships in SQLAlchemy").

As in ``legacy.tutorial_relationships``, each snippet is kept as its text, verbatim, and
:func:`build` runs it in a fresh module with a fresh ``db``. What the tutorial leaves
out is supplied here, the least that lets its text run: the imports (``List`` among
them) and a ``db`` whose ``model_class`` is a ``DeclarativeBase``, without which
Flask-SQLAlchemy 3.1 does not map ``Mapped`` annotations on ``db.Model``.
"""

from __future__ import annotations

import itertools
import sys
from types import ModuleType

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

ONE_TO_MANY = """\
class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    posts: Mapped[List["Post"]] = relationship(back_populates="author")

class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    author: Mapped["User"] = relationship(back_populates="posts")
"""

MANY_TO_MANY = """\
class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    tags: Mapped[List["Tag"]] = relationship(secondary="post_tag", back_populates="posts")

class Tag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    posts: Mapped[List["Post"]] = relationship(secondary="post_tag", back_populates="tags")

post_tag = Table(
    "post_tag",
    db.metadata,
    Column("post_id", ForeignKey("post.id")),
    Column("tag_id", ForeignKey("tag.id"))
)
"""

ONE_TO_ONE = """\
class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    profile: Mapped["Profile"] = relationship(back_populates="user")

class Profile(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    user: Mapped["User"] = relationship(back_populates="profile")
"""

SNIPPETS = {"one_to_many": ONE_TO_MANY, "many_to_many": MANY_TO_MANY, "one_to_one": ONE_TO_ONE}

#: The imports the tutorial's snippets use without showing them.
IMPORTS = """\
from typing import List
from sqlalchemy import Column, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
"""

_builds = itertools.count(1)


def build(kind: str) -> ModuleType:
    """A new module holding snippet ``kind`` run as written, on a new declarative ``db``."""

    class Base(DeclarativeBase):
        pass

    module = ModuleType(f"{__name__}.{kind}_{next(_builds)}")
    module.db = SQLAlchemy(model_class=Base)  # type: ignore[attr-defined]
    # SQLAlchemy resolves annotations through sys.modules[cls.__module__].
    sys.modules[module.__name__] = module
    # dont_inherit: the snippet runs without this file's ``from __future__ import``.
    code = compile(IMPORTS + SNIPPETS[kind], module.__name__, "exec", dont_inherit=True)
    exec(code, module.__dict__)
    return module
