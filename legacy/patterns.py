"""Migration patterns that decide an app's speed, in the legacy style (issue 10).

Mirrors ``modern/patterns.py``: same names, same signatures. The benchmarks
(``comparisons/benchmarks``) time each function against its modern twin and against
the same SQL through the bare driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import joinedload, selectinload

from legacy.models import Person, db
from legacy.relationships import Tag, User, count_posts

#: ``User.posts`` as loader options take it: ``db.relationship`` is untyped for mypy.
POSTS: Any = User.posts


def _titles(users: Iterable[Any]) -> dict[int, list[str]]:
    """Touch every user's posts, as a template listing them would."""
    return {user.id: sorted(post.title for post in user.posts) for user in users}


def children_lazy() -> dict[int, list[str]]:
    """``User.query.all()``, then ``user.posts`` per user: one SELECT per parent (N+1)."""
    return _titles(User.query.all())


def children_selectinload() -> dict[int, list[str]]:
    """``User.query.options(selectinload(User.posts)).all()``: parents, then posts IN (...)."""
    return _titles(User.query.options(selectinload(POSTS)).all())


def children_joinedload() -> dict[int, list[str]]:
    """``User.query.options(joinedload(User.posts)).all()``: one LEFT OUTER JOIN.

    The legacy ``Query`` de-duplicates the joined parents by itself.
    """
    return _titles(User.query.options(joinedload(POSTS)).all())


def collection_count(tag_id: int) -> int:
    """``Tag.query.get(id).posts.count()``: the dynamic relationship is a ``Query``."""
    return count_posts(Tag.query.get(tag_id))


def collection_load(tag_id: int) -> int:
    """``len(Tag.query.get(id).posts.all())``: counting by loading every post."""
    return len(Tag.query.get(tag_id).posts.all())


def first_without_limit() -> Person | None:
    """``Model.query.first()``, the legacy side of the 2.x form without ``LIMIT``.

    ``Query.first()`` adds ``LIMIT 1`` itself.
    """
    return Person.query.first()  # type: ignore[no-any-return]


def get_twice(id: int) -> list[Person | None]:
    """``Model.query.get(id)`` twice in one request: the second comes from the identity map."""
    return [Person.query.get(id), Person.query.get(id)]


def bulk_insert(people: Iterable[Mapping[str, Any]]) -> None:
    """``db.session.add_all([Model(...), ...])``, then commit: the ORM's unit of work."""
    db.session.add_all([Person(**person) for person in people])
    db.session.commit()


def bulk_update(name: str, new_name: str) -> int:
    """``Model.query.filter_by(name=...).update({...})``, then commit: one UPDATE ... WHERE."""
    count = Person.query.filter_by(name=name).update({"name": new_name})
    db.session.commit()
    return int(count)
