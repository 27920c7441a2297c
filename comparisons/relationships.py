"""How the relationship rows are observed: model sets, their namespaces, and scenarios.

A side of a relationship row is a :class:`ModelSet`: the tutorial's snippet for one
relationship, built afresh (``legacy.tutorial_relationships``,
``modern.tutorial_relationships``), or the corrected pair (``legacy.relationships``,
``modern.relationships``). Each set gets a namespace of its own holding only its
tables, created once per lab (see :func:`space_for`): the two styles' tables share
names but not their schema, and the database must report each as created.

Every case of a row is one scenario run on the same seeded data in both styles; its
observation holds plain values (ids, kinds, row dicts) so the two styles compare.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.writeonly import WriteOnlyCollection

import legacy.relationships
import legacy.tutorial_relationships
import modern.relationships
import modern.tutorial_relationships
from comparisons.backends import Backend, namespace
from comparisons.lab import Lab, emptying, make_app
from comparisons.observe import Observation, kind_of
from comparisons.rows import Case, Side
from comparisons.schema import describe, roles_of, tables_of
from comparisons.sql import Statement, recording

KINDS = ("one_to_many", "many_to_many", "one_to_one")

#: The relationship each kind is about: (parent class, attribute, child class, attribute).
ENDS = {
    "one_to_many": ("User", "posts", "Post", "author"),
    "many_to_many": ("Post", "tags", "Tag", "posts"),
    "one_to_one": ("User", "profile", "Profile", "user"),
}


@dataclass(frozen=True)
class ModelSet:
    """Where a side's models come from; ``load`` is called once per namespace."""

    name: str
    load: Callable[[], ModuleType]
    #: The project module whose code this is (the report prints its source).
    module: ModuleType

    @property
    def __wrapped__(self) -> ModuleType:
        # inspect.getsource unwraps __wrapped__: a set's source is its module's.
        return self.module


TUTORIAL = {"legacy": legacy.tutorial_relationships, "modern": modern.tutorial_relationships}
CORRECTED = {"legacy": legacy.relationships, "modern": modern.relationships}


def tutorial(style: str, kind: str) -> ModelSet:
    """The tutorial's snippet ``kind`` in ``style``, as written."""
    module = TUTORIAL[style]
    return ModelSet(f"tutorial.{style}.{kind}", lambda: module.build(kind), module)


def corrected(style: str) -> ModelSet:
    """The project's corrected, schema-identical pair."""
    module = CORRECTED[style]
    return ModelSet(f"corrected.{style}", lambda: module, module)


@dataclass(frozen=True)
class TutorialSets:
    """The tutorial's snippets in ``style``, by kind: a side whose cases are the kinds."""

    style: str

    def __call__(self, kind: str) -> ModelSet:
        return tutorial(self.style, kind)

    @property
    def __wrapped__(self) -> ModuleType:
        return TUTORIAL[self.style]


@dataclass
class Space:
    """One model set's tables in a namespace of their own, with a Flask app on them."""

    app: Flask
    style: str
    models: ModuleType
    tables: list[sa.Table]
    #: Reads and seeds from outside the session under test. Pooled, unlike the lab's:
    #: every use is a transaction of its own, so it still sees only committed rows.
    outside: sa.Engine
    #: The tables hold the seeded graph, untouched since: no need to seed again.
    seeded: bool = False

    @property
    def db(self) -> SQLAlchemy:
        return self.models.db  # type: ignore[no-any-return]

    def state(self) -> list[list[Any]]:
        """Every row, as ``[role, *values]``, read from outside the session under test.

        Tables are named by role (``association`` for ``tags`` and ``post_tag``): a row
        differs between the styles only if its values do.
        """
        role = {name: role for role, name in roles_of(self.tables).items()}
        with self.outside.connect() as connection:
            rows = [[role[table.name], *row] for table in self.tables
                    for row in connection.execute(table.select())]
        # Sorted: an association table without a key has no order of its own.
        return sorted(rows, key=str)

    def reset(self, rows: Mapping[str, list[dict[str, Any]]]) -> None:
        """Empty the tables, restart their ids, insert ``rows`` in seed order."""
        with self.outside.begin() as connection:
            for statement in emptying(self.outside.dialect.name, [t.name for t in self.tables]):
                connection.exec_driver_sql(statement)
            for table in self.tables:
                for row in rows.get(table.name, ()):
                    connection.execute(table.insert(), row)

    def seed(self) -> None:
        """Insert the seeded graph; the caller may change it (see :meth:`ensure_seeded`)."""
        self.reset(seed_rows(self.tables))
        self.seeded = False

    def ensure_seeded(self) -> None:
        """The seeded graph, inserted again only if something may have changed it."""
        if not self.seeded:
            self.reset(seed_rows(self.tables))
        self.seeded = True

    @contextlib.contextmanager
    def watching_writes(self) -> Iterator[None]:
        """Mark the tables as no longer seeded if the app's engine sends any write.

        Seeding takes most of a scenario's time on a server; most scenarios only read.
        """
        def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if not statement.lstrip().upper().startswith(("SELECT", "BEGIN")):
                self.seeded = False

        sa.event.listen(self.db.engine, "before_cursor_execute", listen)
        try:
            yield
        finally:
            sa.event.remove(self.db.engine, "before_cursor_execute", listen)


@contextlib.contextmanager
def open_space(backend: Backend, style: str, models: ModuleType) -> Iterator[Space]:
    """``models``' tables, and only those, in a fresh namespace on ``backend``."""
    tables = tables_of(models)
    with namespace(backend, "rel") as url:
        app = make_app(models.db, url, f"comparisons.relationships.{style}")
        outside = sa.create_engine(url)
        try:
            with app.app_context():
                models.db.metadata.create_all(models.db.engine, tables=tables)
            yield Space(app, style, models, tables, outside)
        finally:
            with app.app_context():
                models.db.metadata.drop_all(models.db.engine, tables=tables)
                models.db.engine.dispose()
            outside.dispose()


def space_for(lab: Lab, side: Side) -> Space:
    """The namespace of ``side``'s model set on ``lab``'s backend, opened on first use
    and dropped with the lab: a namespace per set, not per case."""
    models_set: ModelSet = side.target
    return lab.resource(f"relationships:{side.style}:{models_set.name}",
                        lambda: open_space(lab.backend, side.style, models_set.load()))


# --- Data -------------------------------------------------------------------------------

#: The seeded graph: user 1 has posts 1 and 2, user 2 has post 3, user 3 has none;
#: tag 1 is shared by posts 1, 2, 3, tag 2 is on post 1; users 1 and 2 have a profile.
POST_AUTHORS = (1, 1, 2)
LINKS = ((1, 1), (2, 1), (3, 1), (1, 2))
PROFILE_USERS = (1, 2)
COUNTS = {"user": 3, "tag": 2}


def seed_rows(tables: list[sa.Table]) -> dict[str, list[dict[str, Any]]]:
    """The seeded graph for whichever of its tables a set has, columns filled as needed."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        if "id" not in table.c:
            post, tag = (c.name for c in table.columns)
            rows[table.name] = [{post: p, tag: t} for p, t in LINKS]
        elif table.name == "post":
            rows["post"] = [_filled(table, i, user_id=u) for i, u in enumerate(POST_AUTHORS, 1)]
        elif table.name == "profile":
            rows["profile"] = [_filled(table, i, user_id=u)
                               for i, u in enumerate(PROFILE_USERS, 1)]
        else:
            rows[table.name] = [_filled(table, i) for i in range(1, COUNTS[table.name] + 1)]
    return rows


def _filled(table: sa.Table, number: int, **keys: int) -> dict[str, Any]:
    """A row of ``table``: the keys it has, and a value for each required string."""
    row: dict[str, Any] = {name: value for name, value in keys.items() if name in table.c}
    for column in table.columns:
        if isinstance(column.type, sa.String) and not column.nullable:
            row[column.name] = f"{table.name} {number}"
    return row


def new(cls: type, number: int, **attrs: Any) -> Any:
    """An instance of ``cls`` with its required strings filled, as in :func:`seed_rows`."""
    table = cls.__table__  # type: ignore[attr-defined]
    return cls(**{**_filled(table, number), **attrs})


def ids(objects: Any) -> list[int]:
    return sorted(obj.id for obj in objects)


def members(db: SQLAlchemy, collection: Any) -> list[Any]:
    """What a collection holds, however it is read: a write-only one only by SELECT."""
    if isinstance(collection, WriteOnlyCollection):
        return list(db.session.scalars(collection.select()))
    return list(collection)


# --- Observing --------------------------------------------------------------------------

Scenario = Callable[[Space], Any]


def observer(scenarios: Mapping[str, Scenario]) -> Callable[[Lab, Side, Case], Observation]:
    """An observer running ``scenarios[case.name]`` in the side's space."""

    def observe(lab: Lab, side: Side, case: Case) -> Observation:
        return run_scenario(space_for(lab, side), scenarios[case.name])

    return observe


def run_scenario(space: Space, scenario: Scenario) -> Observation:
    """Seed, run ``scenario`` in one session, read the tables back from outside.

    A loading scenario returns :class:`Loaded`; only its value (the objects reached,
    the number of queries) is compared here. Its SQL differs between the tutorial's
    styles only by the association table's name, which the schema case reports;
    ``test_relationships`` asserts the SQL itself.
    """
    space.ensure_seeded()
    with space.app.app_context(), space.watching_writes(), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = scenario(space)
            if isinstance(result, Loaded):
                result = result.value
            kind, value, error = "scenario", result, None
        except sa.exc.SQLAlchemyError as exc:
            kind, value, error = "exception", None, type(exc).__name__
            space.seeded = False  # a failed INSERT may still have used up an id
        finally:
            space.db.session.rollback()
            space.db.session.remove()
    return Observation(kind=kind, value=value, error=error, state=space.state(),
                       warnings=tuple(sorted({w.category.__name__ for w in caught})))


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


def _reach(db: SQLAlchemy, value: Any) -> Any:
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
    }
    if kind == "many_to_many":
        found["delete shared tag"] = delete_shared_tag
    if kind == "one_to_one":
        found["replace partner"] = replace_partner
    return found


def schema_of(space: Space) -> dict[str, str]:
    """The set's tables as the database reports them."""
    return describe(space.outside, roles_of(space.tables))


# --- Configuration: backref against back_populates, without a database -------------------

def observe_configuration(lab: Lab, side: Side, case: Case) -> Observation:
    """Which ends exist before and after the mappers are configured, and whether setting
    one end sets the other in Python, before any flush. ``case.name`` is the kind.

    Every observation builds its model set afresh: a configured registry cannot show
    what it looked like before.
    """
    models_set: ModelSet = side.target(case.name)  # a TutorialSets
    models = models_set.load()
    parent_name, forward, child_name, backward = ENDS[case.name]
    parent, child = getattr(models, parent_name), getattr(models, child_name)

    def present() -> str:
        return ", ".join(f"{cls.__name__}.{name}" for cls, name
                         in ((parent, forward), (child, backward)) if hasattr(cls, name))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        before = present()
        sa.inspect(parent).registry.configure()
        value = {
            "ends before configure": before,
            "ends after configure": present(),
            f"{parent_name}.{forward} set, {child_name}.{backward} reads":
                _mirrored(parent, forward, child, backward),
            f"{child_name}.{backward} set, {parent_name}.{forward} reads":
                _mirrored(child, backward, parent, forward),
        }
    return Observation(kind="configuration", value=value,
                       warnings=tuple(sorted({w.category.__name__ for w in caught})))


def _mirrored(owner_cls: type, name: str, other_cls: type, other_name: str) -> str:
    """Set ``owner.name`` to a new ``other``; what ``other.other_name`` then holds."""
    owner, other = owner_cls(), other_cls()
    current = getattr(owner, name)
    if current is None:
        setattr(owner, name, other)
    else:
        current.append(other)
    seen = getattr(other, other_name)
    if seen is owner:
        return "the owner"
    if seen is None:
        return "None"
    held = list(seen)
    return "a collection holding the owner" if held == [owner] else f"{type(seen).__name__} {held}"


# --- Typing: what mypy reports ------------------------------------------------------------

def observe_typing(lab: Lab, side: Side, case: Case) -> Observation:
    """mypy's answers for ``side``'s probe of relationship ``case.name``.

    The same on every backend: nothing here touches a database.
    """
    # Imported here: mypy is slow to import, and typing_probe imports this module.
    from comparisons.typing_probe import results

    return Observation(kind="mypy", value=results()[side.target.module(case.name)])
