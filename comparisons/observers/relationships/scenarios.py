"""Scenarios: every case of a relationship row, run on the same seeded data in both styles.

An observation holds plain values (ids, kinds, row dicts) so the two styles compare.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from comparisons.databases.schema import describe, roles_of
from comparisons.engine.capture import capturing, recording
from comparisons.engine.lab import Lab
from comparisons.engine.observe import kind_of, observed
from comparisons.engine.styles import current_session
from comparisons.observers.relationships.sets import (
    ENDS,
    LINKS,
    Space,
    ids,
    members,
    new,
    space_for,
)
from comparisons.values.observation import Observation, Statement
from comparisons.values.plain import plain
from comparisons.values.rows import Case, Side

# --- Observing --------------------------------------------------------------------------

Scenario = Callable[[Space], Any]


def observer(scenarios: Mapping[str, Scenario]) -> Callable[[Lab, Side, Case], Observation]:
    """An observer running ``scenarios[case.name]`` in the side's space."""

    def observe(lab: Lab, side: Side, case: Case) -> Observation:
        return run_scenario(space_for(lab, side), scenarios[case.name])

    return observe


def run_scenario(space: Space, scenario: Scenario) -> Observation:
    """Seed, run ``scenario`` in one session, read the tables back from outside.

    A loading scenario returns :class:`Loaded`; its value (the objects reached, the
    number of queries) is compared, and its statements are captured like every
    scenario's. Between the tutorial's styles the SQL differs by the association
    table's name (``tags``, ``post_tag``), which the schema case reports too.
    """
    space.ensure_seeded()
    with space.app.app_context(), space.watching_writes(), \
            capturing(space.db.engine) as capture:
        try:
            result = scenario(space)
        except sa.exc.SQLAlchemyError as exc:
            capture.raised(exc)
            space.seeded = False  # a failed INSERT may still have used up an id
        else:
            value = plain(result.value if isinstance(result, Loaded) else result)
        finally:
            space.db.session.rollback()
            current_session(space.db).close()
    return observed(capture, "scenario", None if capture.error else value,
                          state=plain(space.state()))


@dataclass(frozen=True)
class Loaded:
    """A scenario's value together with the statements that produced it."""

    value: Any
    statements: tuple[Statement, ...]


def one(space: Space, name: str, id: int) -> Any:
    return space.db.session.get(getattr(space.models, name), id)


def commit(space: Space) -> str:
    space.db.session.commit()
    return "committed"


# --- Scenarios, shared by the kinds -----------------------------------------------------

def store(kind: str) -> Scenario:
    """Build the seeded graph's shape through the relationship, commit it."""

    def scenario(space: Space) -> str:
        space.reset({})
        m = space.models
        if kind == "one_to_many":
            first, second = new(m.User, 1), new(m.User, 2)
            first.posts.append(new(m.Post, 1))
            first.posts.append(new(m.Post, 2))
            new(m.Post, 3, author=second)
            space.db.session.add_all([first, second])
        elif kind == "many_to_many":
            author = {"author": new(m.User, 1)} if hasattr(m, "User") else {}
            posts = [new(m.Post, i, **author) for i in (1, 2, 3)]
            tags = [new(m.Tag, 1), new(m.Tag, 2)]
            for post_id, tag_id in LINKS:
                posts[post_id - 1].tags.append(tags[tag_id - 1])
            space.db.session.add_all(posts)
        else:
            users = [new(m.User, i) for i in (1, 2)]
            for number, user in enumerate(users, 1):
                user.profile = new(m.Profile, number)
            space.db.session.add_all(users)
        return commit(space)

    return scenario


#: The ids of each class in the seeded graph.
SEEDED_IDS = {"User": (1, 2, 3), "Post": (1, 2, 3), "Tag": (1, 2), "Profile": (1, 2)}


def navigate(kind: str) -> Scenario:
    """Each end of the relationship, from a fresh session: which objects it reaches."""
    parent, forward, child, backward = ENDS[kind]

    def scenario(space: Space) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, attribute in ((parent, forward), (child, backward)):
            for number in SEEDED_IDS[name]:
                target = getattr(one(space, name, number), attribute)
                found[f"{name} {number}.{attribute}"] = _reach(space.db, target)
        return found

    return scenario


def collection(kind: str) -> Scenario:
    """What the collection side is and what it supports, on a loaded parent."""
    if kind == "one_to_one":
        return _scalar_end
    name, attribute = ("User", "posts") if kind == "one_to_many" else ("Tag", "posts")

    def scenario(space: Space) -> dict[str, Any]:
        owner = one(space, name, 1)
        engine = space.db.engine
        with recording(engine) as access:
            value = getattr(owner, attribute)
        extra = new(space.models.Post, 9)
        with recording(engine) as first:
            _attempt(lambda: list(value))
        with recording(engine) as again:
            iterated = _attempt(lambda: ids(value))
        return {
            "type": type(value).__name__,
            "len()": _attempt(lambda: len(value)),
            "iterate": iterated,
            "statements": f"{len(access.statements)} on access, {len(first.statements)} on "
                          f"first iteration, {len(again.statements)} on the next",
            "count()": _attempt(lambda: value.count()),
            "filter_by(id=2)": _attempt(lambda: ids(value.filter_by(id=2))),
            "append(post)": _attempt(lambda: value.append(extra) or "accepted"),
            "add(post)": _attempt(lambda: value.add(extra) or "accepted"),
        }

    return scenario


def _scalar_end(space: Space) -> dict[str, Any]:
    return {"User 1.profile": kind_of(one(space, "User", 1).profile),
            "User 3.profile": kind_of(one(space, "User", 3).profile),
            "Profile 1.user": kind_of(one(space, "Profile", 1).user)}


def _attempt(action: Callable[[], Any]) -> Any:
    """The action's result, or the name of the exception it raised."""
    try:
        return action()
    except Exception as exc:  # noqa: BLE001  # the exception is what is observed
        return f"raises {type(exc).__name__}"


def loading(kind: str, option: Callable[..., Any] | None) -> Scenario:
    """Load every parent, read each one's relationship: statements per loader strategy.

    The legacy side queries as legacy code does (``Model.query``, which makes joined
    rows unique by itself); the modern side with ``select()``, adding ``.unique()`` where
    2.x requires it (a joined eager load of a collection).
    """
    parent, forward, _, _ = ENDS[kind]

    def scenario(space: Space) -> Loaded:
        cls = getattr(space.models, parent)
        attribute = getattr(cls, forward)
        options = [option(attribute)] if option else []
        with recording(space.db.engine) as recorder:
            if space.style == "legacy":
                parents = cls.query.options(*options).order_by(cls.id).all()
            else:
                result = space.db.session.scalars(sa.select(cls).options(*options)
                                                  .order_by(cls.id))
                collection = sa.inspect(cls).relationships[forward].uselist
                parents = (result.unique() if option is joinedload and collection
                           else result).all()
            reached = {p.id: _reach(space.db, getattr(p, forward)) for p in parents}
        # SQLite's driver adds a BEGIN; the queries are what a loader strategy changes.
        queries = tuple(s for s in recorder.statements if s.sql.startswith("SELECT"))
        return Loaded({"reached": reached, "queries": len(queries)}, queries)

    return scenario


def _reach(db: Any, value: Any) -> Any:
    """An end's value as ids: one id, None, or the sorted ids a collection holds."""
    if value is None:
        return None
    return value.id if hasattr(value, "id") else ids(members(db, value))


def orphan(kind: str) -> Scenario:
    """A child stored without its parent."""
    child = {"one_to_many": "Post", "one_to_one": "Profile", "many_to_many": "Tag"}[kind]

    def scenario(space: Space) -> str:
        space.db.session.add(new(getattr(space.models, child), 9))
        return commit(space)

    return scenario


def delete_parent(kind: str) -> Scenario:
    """Delete the first parent, whose children are in the seeded data."""
    parent = ENDS[kind][0]

    def scenario(space: Space) -> str:
        space.db.session.delete(one(space, parent, 1))
        return commit(space)

    return scenario


def remove_child(kind: str) -> Scenario:
    """Take the first child out of the parent's collection (or set the scalar end to
    None), commit: what a cascade, or its absence, does with the child."""
    parent, forward, _, _ = ENDS[kind]

    def scenario(space: Space) -> str:
        owner = one(space, parent, 1)
        if kind == "one_to_one":
            setattr(owner, forward, None)
        else:
            children = getattr(owner, forward)
            children.remove(min(children, key=lambda child: child.id))
        return commit(space)

    return scenario


def delete_shared_tag(space: Space) -> str:
    """Delete tag 1, which three posts share."""
    space.db.session.delete(one(space, "Tag", 1))
    return commit(space)


def replace_partner(space: Space) -> str:
    """``user.profile = Profile()`` for a user who has one."""
    user = one(space, "User", 1)
    user.profile = new(space.models.Profile, 9)
    return commit(space)


LOADERS: dict[str, Callable[..., Any] | None] = {
    "lazy loading": None, "selectinload": selectinload, "joinedload": joinedload,
}


def scenarios(kind: str) -> dict[str, Scenario]:
    """Every scenario of relationship ``kind``, by case name."""
    found: dict[str, Scenario] = {
        "schema": schema_of,
        "store": store(kind),
        "navigate": navigate(kind),
        "collection": collection(kind),
        **{name: loading(kind, option) for name, option in LOADERS.items()},
        "child without parent": orphan(kind),
        "delete parent": delete_parent(kind),
        "remove child": remove_child(kind),
    }
    if kind == "many_to_many":
        found["delete shared tag"] = delete_shared_tag
    if kind == "one_to_one":
        found["replace partner"] = replace_partner
    return found


def schema_of(space: Space) -> dict[str, str]:
    """The set's tables as the database reports them."""
    return describe(space.outside, roles_of(space.tables))
