"""Model sets and their namespaces: where each side of a relationship row lives.

A side of a relationship row is a :class:`ModelSet`: the tutorial's snippet for one
relationship, built afresh, or the corrected pair (the catalog names them:
``comparisons.catalog.model_sets``). Each set gets a namespace of its own holding only its
tables, created once per lab (see :func:`space_for`): the two styles' tables share
names but not their schema, and the database must report each as created.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm.writeonly import WriteOnlyCollection

from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from comparisons.databases.schema import roles_of, tables_of
from comparisons.engine.lab import Lab, make_app, refill
from comparisons.engine.styles import Style
from comparisons.values.rows import Side

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
    def db(self) -> Any:  # Flask-SQLAlchemy's or Lite's extension
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
        refill(self.outside, self.tables, rows)

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
def open_space(backend: Backend, style: Style, models: ModuleType) -> Iterator[Space]:
    """``models``' tables, and only those, in a fresh namespace on ``backend``."""
    tables = tables_of(models)
    # The set's own metadata: Flask-SQLAlchemy's db.metadata, Lite's Base.metadata.
    metadata = tables[0].metadata
    with namespace(backend, "rel") as url:
        app = make_app(models.db, url, f"comparisons.relationships.{style.name}",
                       style.configure)
        outside = sa.create_engine(url)
        try:
            with app.app_context():
                metadata.create_all(models.db.engine, tables=tables)
            yield Space(app, style.name, models, tables, outside)
        finally:
            # No drop_all: the namespace's drop removes the tables (see Lab.close).
            with app.app_context():
                models.db.engine.dispose()
            outside.dispose()


def space_for(lab: Lab, side: Side) -> Space:
    """The namespace of ``side``'s model set on ``lab``'s backend, opened on first use
    and dropped with the lab: a namespace per set, not per case."""
    models_set: ModelSet = side.target
    return lab.resource(f"relationships:{side.style}:{models_set.name}",
                        lambda: open_space(lab.backend, lab.styles[side.style],
                                           models_set.load()))


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


def members(db: Any, collection: Any) -> list[Any]:
    """What a collection holds, however it is read: a write-only one only by SELECT."""
    if isinstance(collection, WriteOnlyCollection):
        return list(db.session.scalars(collection.select()))
    return list(collection)
