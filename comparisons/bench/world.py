"""Where the benchmarks run: one namespace per backend and size, each style's app on it.

Legacy, 2.x and Lite map the same tables (their models are schema-identical), so the
legacy member, the 2.x member, the Lite member and the driver read the very same rows.
``admin`` is a separate engine for what a round must not pay for: restoring the state
before it, reading what it wrote after it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.engine import URL, Engine

from comparisons.bench.data import TABLES, Data, seed
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from legacy.models import db as legacy_db
from lite.models import db as lite_db
from modern.models import db as modern_db

#: The Flask-SQLAlchemy styles: ``db.session`` is a ``scoped_session``.
DBS: dict[str, SQLAlchemy] = {"legacy": legacy_db, "modern": modern_db}
#: Every style's ``db`` (Lite's ``db.session`` is the app context's plain ``Session``).
STYLES: dict[str, Any] = {**DBS, "lite": lite_db}


@dataclass(frozen=True)
class Statement:
    """One ``cursor.execute``/``executemany`` as the dialect sent it to the driver."""

    sql: str
    parameters: Any
    many: bool


#: What one statement fetched: its column names and rows.
Fetched = tuple[tuple[str, ...], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class World:
    backend: Backend
    data: Data
    apps: dict[str, Flask]
    admin: Engine

    def engine(self, style: str) -> Engine:
        with self.apps[style].app_context():
            engine: Engine = STYLES[style].engine
            return engine

    def server_version(self) -> str:
        """The server's version as its dialect read it (SQLite: the library's)."""
        if self.admin.dialect.name == "sqlite":
            return sqlite3.sqlite_version
        with self.admin.connect():  # the dialect reads the version on first connect
            info = self.admin.dialect.server_version_info or ()
        return ".".join(str(part) for part in info)


def _app(db: Any, url: URL, style: str) -> Flask:
    """``style``'s app on ``url``; Lite's set up as its docs say (``SQLALCHEMY_ENGINES``),
    the same as ``comparisons.engine.styles.configure_lite`` does for the lab."""
    # instance_path: Flask-SQLAlchemy creates it for SQLite; keep it out of the checkout.
    app = Flask(f"comparisons.bench.command.{style}", instance_path=tempfile.gettempdir())
    if style == "lite":
        app.config["SQLALCHEMY_ENGINES"] = {"default": url}
    else:
        app.config["SQLALCHEMY_DATABASE_URI"] = url.render_as_string(hide_password=False)
    db.init_app(app)
    return app


@contextlib.contextmanager
def open_world(backend: Backend, size: int) -> Iterator[World]:
    """A fresh namespace with the benchmark tables seeded at ``size``; dropped afterwards.

    Every style's engine (and so the driver member, which borrows the 2.x engine's
    connections) draws from one pool, in turn: every member talks to the same server
    session. With a pool per style, the two sessions' costs differed from run to run
    (on PostgreSQL, a commit through one of them took 0.15 ms longer for a whole run,
    the driver's with it), and that showed in the ratios.
    """
    with namespace(backend, "bench") as url:
        world = World(backend, Data(size),
                      {s: _app(db, url, s) for s, db in STYLES.items()},
                      sa.create_engine(url))
        try:
            with world.admin.begin() as connection:
                modern_db.metadata.create_all(connection, tables=list(TABLES))
                seed(connection, world.data)
            for style in STYLES:  # connect once: first-connect queries are no round's cost
                with world.engine(style).connect():
                    pass
            # Each dialect was set up on its own pool's first connection; from now on the
            # 2.x and Lite engines borrow the legacy engine's pool (both extensions pass
            # pool options, which create_engine refuses beside a ready-made pool=).
            for style in STYLES.keys() - {"legacy"}:
                engine = world.engine(style)
                engine.pool.dispose()
                engine.pool = world.engine("legacy").pool
            yield world
        finally:
            for style in STYLES:
                world.engine(style).dispose()
            world.admin.dispose()


@contextlib.contextmanager
def capture(engine: Engine) -> Iterator[list[Statement]]:
    """Every statement ``engine`` sends to its driver inside the block."""
    seen: list[Statement] = []

    def record(conn: Any, cursor: Any, sql: str, parameters: Any, context: Any,
               many: bool) -> None:
        seen.append(Statement(sql, parameters, many))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def replay(engine: Engine, script: list[Statement], first: bool = False) -> list[Fetched]:
    """One request through the bare driver: ``script`` on a pooled connection, commit, close.

    ``first``: fetch only each statement's first row, as ``Result.first()`` does.

    The connection comes from the same pool as the ORM's, so both pay the same checkout
    and reset; only SQLAlchemy's Core and ORM layers are missing.
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        fetched: list[Fetched] = []
        for statement in script:
            if statement.many:
                cursor.executemany(statement.sql, statement.parameters)
            else:
                cursor.execute(statement.sql, statement.parameters)
            names = tuple(d[0] for d in cursor.description) if cursor.description else ()
            if not names:
                found = []
            elif first:
                found = [row for row in [cursor.fetchone()] if row is not None]
            else:
                found = list(cursor.fetchall())
            fetched.append((names, found))
        cursor.close()
        connection.commit()
    finally:
        connection.close()
    return fetched
