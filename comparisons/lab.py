"""A lab is one backend's namespace with a Flask app per style, ready to seed and observe.

Each style keeps its own ``SQLAlchemy`` extension, so each gets its own Flask app and
engine, all pointing at the same namespace: legacy and modern run against one table.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.engine import URL, Engine

from comparisons.backends import Backend, namespace, outside_engine
from comparisons.sqlite_savepoints import fix_savepoints

T = TypeVar("T")


def make_app(db: SQLAlchemy, url: URL, name: str = "comparisons") -> Flask:
    """A minimal Flask app bound to ``url``, as a migrating project would have one."""
    # instance_path: Flask-SQLAlchemy creates it for SQLite; keep it out of the checkout.
    app = Flask(name, instance_path=tempfile.gettempdir())
    app.config["SQLALCHEMY_DATABASE_URI"] = url.render_as_string(hide_password=False)
    db.init_app(app)
    return app


class Lab:
    """Apps for a set of ``SQLAlchemy`` extensions, sharing one namespace's tables."""

    def __init__(self, backend: Backend, url: URL, dbs: Mapping[str, SQLAlchemy]) -> None:
        self.backend = backend
        self.url = url
        self.dbs = dict(dbs)
        self.apps = {style: make_app(db, url, f"comparisons.{style}") for style, db in dbs.items()}
        self.outside = fix_savepoints(outside_engine(url))
        # Before any connection: SQLite's driver otherwise mishandles SAVEPOINT.
        for style in self.apps:
            fix_savepoints(self.engine(style))
        #: What the last reusable reset seeded, until something may have written.
        self.seeded: tuple[str, ...] | None = None
        self._resources = contextlib.ExitStack()
        self._opened: dict[str, Any] = {}

    def resource(self, key: str, opener: Callable[[], AbstractContextManager[T]]) -> T:
        """What ``opener()`` yields, entered on first use and exited when the lab closes.

        For things a row needs beside the lab's own tables, such as a namespace of its
        own for a model set whose table names clash with the project's.
        """
        if key not in self._opened:
            self._opened[key] = self._resources.enter_context(opener())
        return cast(T, self._opened[key])

    def engine(self, style: str) -> Engine:
        with self.apps[style].app_context():
            return self.dbs[style].engine

    def create_all(self) -> None:
        for style, app in self.apps.items():
            with app.app_context():
                self.dbs[style].create_all()

    def close(self) -> None:
        # No drop_all: dropping the namespace removes the tables. After an interruption
        # a session may still hold a transaction's locks, which DROP TABLE would wait for
        # forever (PostgreSQL, MariaDB) or fail on (SQLite); the namespace's drop ends
        # such sessions first.
        self._resources.close()
        for style, app in self.apps.items():
            with app.app_context():
                self.dbs[style].engine.dispose()
        self.outside.dispose()

    def reset(self, tables: Sequence[sa.Table], seed: Mapping[str, Iterable[Mapping[str, Any]]],
              reuse: str | None = None) -> None:
        """Empty ``tables``, restart their identities, insert ``seed`` (table name to rows).

        Seed rows carry no ids: restarting the identity makes them 1, 2, 3... on every
        backend, and leaves each sequence where a later INSERT expects it.

        ``reuse`` names the seed: when the last reset used the same name and nothing
        has written since (``self.seeded`` is cleared by whoever writes), the tables
        are left as they are. TRUNCATE is DDL on MariaDB and costs tens of ms.
        """
        key = (*(t.name for t in tables), reuse) if reuse else None
        if key is not None and key == self.seeded:
            return
        self.seeded = key
        refill(self.outside, tables, seed)

    def rows(self, table: sa.Table) -> list[dict[str, Any]]:
        """``table``'s rows by primary key, read through a brand-new connection."""
        order = list(table.primary_key.columns)
        with self.outside.connect() as connection:
            result = connection.execute(sa.select(table).order_by(*order))
            return [dict(row._mapping) for row in result]


def refill(engine: Engine, tables: Sequence[sa.Table],
           seed: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
    """In one transaction on ``engine``: empty ``tables``, restart ids, insert ``seed``."""
    with engine.begin() as connection:
        for statement in emptying(engine.dialect.name, [t.name for t in tables]):
            connection.exec_driver_sql(statement)
        for table in tables:
            # One INSERT per row keeps the ids in seed order on every backend.
            for row in seed.get(table.name, ()):
                connection.execute(table.insert(), dict(row))


def emptying(dialect: str, names: Sequence[str]) -> list[str]:
    """Statements that empty the tables ``names`` (parents first) and restart their ids."""
    if not names:
        return []
    if dialect == "postgresql":
        quoted = ", ".join(f'"{n}"' for n in names)
        return [f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"]
    if dialect in ("mysql", "mariadb"):  # a mariadb+pymysql:// URL's dialect is "mariadb"
        # TRUNCATE resets AUTO_INCREMENT; foreign keys would refuse it otherwise.
        return ["SET FOREIGN_KEY_CHECKS = 0", *(f"TRUNCATE TABLE `{n}`" for n in names),
                "SET FOREIGN_KEY_CHECKS = 1"]
    # SQLite: without AUTOINCREMENT, a new rowid is max(rowid) + 1, so an empty table
    # starts again at 1.
    return [f'DELETE FROM "{n}"' for n in reversed(names)]


@contextlib.contextmanager
def open_lab(backend: Backend, dbs: Mapping[str, SQLAlchemy], label: str = "run") -> Iterator[Lab]:
    """A lab in a fresh namespace, with every style's tables created; dropped afterwards."""
    with namespace(backend, label) as url:
        lab = Lab(backend, url, dbs)
        try:
            lab.create_all()
            yield lab
        finally:
            lab.close()
