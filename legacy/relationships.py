"""The tutorial's relationships in the legacy style, corrected to the modern pair's schema.

Schema-identical to ``modern.relationships`` (one table each, shared by both styles in a
lab). The corrections, each one a difference the tutorial's own two sets show:

* ``post.user_id`` and ``profile.user_id`` are NOT NULL, as ``Mapped[int]`` makes them in
  the modern style; the tutorial's legacy columns are nullable.
* ``profile.user_id`` is UNIQUE: without it, "one-to-one" is only what the ORM loads, not
  what the database holds.
* The association table is ``post_tag`` with a composite primary key, so the same tag
  cannot be linked to a post twice; the tutorial names it ``tags`` and gives it no key.
* ``post_tag``'s keys are ``ON DELETE CASCADE``: the modern ``Tag.posts`` is write-only
  and leaves the links of a deleted tag to the database.
* The parents cascade ``all, delete-orphan``: with NOT NULL keys, the default cascade
  would try to set a removed child's key to NULL and fail.

The legacy idioms stay: ``db.Column``, ``backref``, ``lazy='dynamic'``.
"""

from __future__ import annotations

from legacy.models import db

post_tag = db.Table(
    "post_tag",
    db.Column("post_id", db.Integer, db.ForeignKey("post.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id", ondelete="CASCADE"),
              primary_key=True),
)


class User(db.Model):  # type: ignore[name-defined,misc]  # db.Model is dynamic for mypy
    __tablename__ = "user"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    posts = db.relationship("Post", backref="author", cascade="all, delete-orphan")
    profile = db.relationship("Profile", uselist=False, backref="user",
                              cascade="all, delete-orphan")


class Post(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "post"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    tags = db.relationship("Tag", secondary=post_tag,
                           backref=db.backref("posts", lazy="dynamic"))


class Tag(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "tag"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False, unique=True)


class Profile(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "profile"

    id = db.Column(db.Integer, primary_key=True)
    bio = db.Column(db.String(200), nullable=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False, unique=True)


# Call sites of the dynamic ``Tag.posts``, mirrored by name in ``modern.relationships``.

def posts_of(tag: Tag) -> list[Post]:
    """``tag.posts.all()``: the dynamic backref is a query."""
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
