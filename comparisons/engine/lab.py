"""A lab: one backend, a Flask app per style, each style in a namespace of its own.

Each style's models create their own tables (``create_all`` in an empty namespace), so
what the database holds for a style is what that style's DDL made. The namespaces are
seeded identically before every case, and checked: a case never runs on data other
than the data set it names.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import URL, Engine

from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from comparisons.databases.sqlite_savepoints import fix_savepoints
from comparisons.engine.styles import Style, configure_flask_sqlalchemy, current_session
from comparisons.values.plain import HarnessError, canonical, plain

T = TypeVar("T")
Seed = Mapping[str, Sequence[Mapping[str, Any]]]


def make_app(db: Any, url: URL, name: str = "comparisons",
             configure: Callable[[Flask, Any, URL], None] = configure_flask_sqlalchemy) -> Flask:
    """A minimal Flask app bound to ``url``, as a migrating project would have one."""
    # instance_path: Flask-SQLAlchemy creates it for SQLite; keep it out of the checkout.
    app = Flask(name, instance_path=tempfile.gettempdir())
    configure(app, db, url)
    return app


class Lab:
    """An app per style, each on its own namespace of one backend."""

    def __init__(self, backend: Backend, urls: Mapping[str, URL],
                 styles: Mapping[str, Style]) -> None:
        self.backend = backend
        self.urls = dict(urls)
        self.styles = dict(styles)
        self.dbs = {name: style.db for name, style in styles.items()}
        self.apps = {name: make_app(style.db, urls[name], f"comparisons.{name}",
                                    style.configure) for name, style in styles.items()}
        #: Per style, an engine of its own for reading: never the session's connection.
        self.outside = {name: fix_savepoints(reading_engine(url)) for name, url in urls.items()}
        # Before any connection: SQLite's driver otherwise mishandles SAVEPOINT.
        for name in self.apps:
            fix_savepoints(self.engine(name))
        #: Per style, what the last reusable reset seeded, until something may have written.
        self.seeded: dict[str, str | None] = dict.fromkeys(styles)
        #: Observations kept for the lab's life (``rows.run``: a legacy side per case).
        self.observed: dict[Any, Any] = {}
        self._resources = contextlib.ExitStack()
        self._opened: dict[str, Any] = {}

    def resource(self, key: str, opener: Callable[[], AbstractContextManager[T]]) -> T:
        """What ``opener()`` yields, entered on first use and exited when the lab closes."""
        if key not in self._opened:
            self._opened[key] = self._resources.enter_context(opener())
        return cast(T, self._opened[key])

    def engine(self, style: str) -> Engine:
        with self.apps[style].app_context():
            return cast(Engine, self.dbs[style].engine)

    def table(self, style: str, name: str) -> sa.Table:
        return self.styles[style].metadata.tables[name]

    def create_all(self) -> None:
        for name, style in self.styles.items():
            style.metadata.create_all(self.engine(name))

    def close(self) -> None:
        # No drop_all: dropping the namespace removes the tables. After an interruption
        # a session may still hold a transaction's locks, which DROP TABLE would wait for
        # forever (PostgreSQL, MariaDB) or fail on (SQLite); the namespace's drop ends
        # such sessions first.
        self._resources.close()
        for name in self.styles:
            engine = self.engine(name)
            with self.apps[name].app_context():
                current_session(self.dbs[name]).close()
            engine.dispose()
        for engine in self.outside.values():
            engine.dispose()

    def reset(self, style: str, seed: Seed, reuse: str | None = None) -> None:
        """Empty the style's tables named in ``seed``, restart their ids, insert ``seed``.

        Seed rows carry no ids: restarting the identity makes them 1, 2, 3... on every
        backend. ``reuse`` names the seed: when the last reset of this style used the
        same name and nothing wrote since (whoever writes sets ``seeded[style] = None``),
        the tables are left as they are, but still checked to hold exactly ``seed``.
        """
        tables = [self.table(style, name) for name in seed]
        if reuse is None or self.seeded[style] != reuse:
            self.seeded[style] = reuse
            refill(self.outside[style], tables, seed)
        self.check(style, seed, reuse or "the seed")

    def check(self, style: str, seed: Seed, name: str) -> None:
        """Fail loudly (a harness error) unless the tables hold exactly ``seed``."""
        for table_name, expected in seed.items():
            table = self.table(style, table_name)
            columns = sorted({key for row in expected for key in row})
            held = [{c: row[c] for c in columns} for row in self.rows(style, table_name)]
            if canonical(plain(held)) != canonical(plain([dict(r) for r in expected])):
                raise HarnessError(f"{style}: table {table.name} does not hold data set "
                                   f"{name!r} before the case: a reset was missed")

    def rows(self, style: str, table_name: str) -> list[dict[str, Any]]:
        """A table's rows by primary key (else all columns), as committed."""
        table = self.table(style, table_name)
        order = list(table.primary_key.columns) or list(table.columns)
        with self.outside[style].connect() as connection:
            result = connection.execute(sa.select(table).order_by(*order))
            return [dict(row._mapping) for row in result]


def reading_engine(url: URL) -> Engine:
    """One pooled connection for reads from outside the code under test.

    Every checkout is a transaction of its own (the pool rolls back on check-in), so a
    read sees exactly what has been committed, as a brand-new connection would, without
    paying for a connect per read (MariaDB: milliseconds each).
    """
    return sa.create_engine(url, pool_size=1, max_overflow=2)


def refill(engine: Engine, tables: Sequence[sa.Table], seed: Seed) -> None:
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
def open_lab(backend: Backend, styles: Mapping[str, Style],
             label: str = "run") -> Iterator[Lab]:
    """A lab with a fresh namespace per style, every style's tables created in its own."""
    with contextlib.ExitStack() as stack:
        urls = {name: stack.enter_context(namespace(backend, label)) for name in styles}
        lab = Lab(backend, urls, styles)
        try:
            lab.create_all()
            yield lab
        finally:
            lab.close()


