"""The tutorial's legacy relationship models, exactly as written ("Relationships in SQLAlchemy").

The tutorial shows three independent snippets; two declare a ``User``, two a ``Post``,
and the many-to-many one reads a module-level ``tags`` table from a class body. So each
snippet is kept here as its text, verbatim, and :func:`build` runs that text in a fresh
module of its own with a fresh ``db = SQLAlchemy()``: the sets never share a registry
or a table, the catalog quotes the very code that runs, and every build is new, so a
test can look at the classes before their mappers are configured.
"""

from __future__ import annotations

import itertools
import sys
from types import ModuleType

from flask_sqlalchemy import SQLAlchemy

ONE_TO_MANY = """\
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship('Post', backref='author')

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
"""

MANY_TO_MANY = """\
tags = db.Table('tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id')),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'))
)

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tags = db.relationship('Tag', secondary=tags, backref=db.backref('posts', lazy='dynamic'))

class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
"""

ONE_TO_ONE = """\
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    profile = db.relationship('Profile', uselist=False, backref='user')

class Profile(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
"""

SNIPPETS = {"one_to_many": ONE_TO_MANY, "many_to_many": MANY_TO_MANY, "one_to_one": ONE_TO_ONE}

_builds = itertools.count(1)


def build(kind: str) -> ModuleType:
    """A new module holding snippet ``kind`` run as written, on a new ``db = SQLAlchemy()``."""
    module = ModuleType(f"{__name__}.{kind}_{next(_builds)}")
    module.db = SQLAlchemy()  # type: ignore[attr-defined]
    # SQLAlchemy resolves names through sys.modules[cls.__module__].
    sys.modules[module.__name__] = module
    # dont_inherit: the snippet runs without this file's ``from __future__ import``.
    exec(compile(SNIPPETS[kind], module.__name__, "exec", dont_inherit=True), module.__dict__)
    return module
