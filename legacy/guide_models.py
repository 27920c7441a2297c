"""The migration guide's ``User``/``Address`` models, plus a dynamic ``posts``, legacy style.

SQLAlchemy's "Migrating to 2.0" guide writes its examples against a ``User`` with many
``Address``; Flask-SQLAlchemy's docs add a ``lazy="dynamic"`` collection. Here the user
is ``Author`` and the post ``Article``: the lab's registry already maps a ``User`` and a
``Post`` (``legacy.relationships``), and a second class of either name would make every
``relationship("Post")`` there ambiguous.

Schema-identical to ``modern.guide_models``: ``fullname`` is the NULL column, ``email``
is not unique (one author has the same address twice), and the keys are NOT NULL as
``Mapped[int]`` makes them.

``Article.topics`` is a many-to-many through the association table ``article_topic``
(Flask-SQLAlchemy's "Many-to-Many Relationships": ``db.Table`` with a composite primary
key, ``secondary=`` and a ``backref``). ``Topic``, not ``Tag``: ``legacy.relationships``
maps a ``Tag`` (and a ``tag``/``post_tag``) in the same registry and metadata already.
"""

from __future__ import annotations

from legacy.models import db


class Author(db.Model):  # type: ignore[name-defined,misc]  # db.Model is dynamic for mypy
    __tablename__ = "author"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    fullname = db.Column(db.String(100), nullable=True)
    # order_by: a collection's order is otherwise whatever the database returns.
    addresses = db.relationship("Address", backref="author", order_by="Address.id")
    # db.relationship sets query_class=db.Query: the dynamic query has paginate().
    articles = db.relationship("Article", backref="author", lazy="dynamic")


class Address(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "address"

    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"), nullable=False)
    email = db.Column(db.String(100), nullable=False)


article_topic = db.Table(
    "article_topic",
    db.Column("article_id", db.Integer, db.ForeignKey("article.id"), primary_key=True),
    db.Column("topic_id", db.Integer, db.ForeignKey("topic.id"), primary_key=True),
)


class Article(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "article"

    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"), nullable=False)
    title = db.Column(db.String(100), nullable=False)
    topics = db.relationship("Topic", secondary=article_topic, backref="articles")


class Topic(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "topic"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
