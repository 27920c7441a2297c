"""Correct SAVEPOINT semantics for SQLite engines (Python's ``sqlite3`` driver).

In its default ("legacy transaction control") mode the driver emits BEGIN only before
INSERT/UPDATE/DELETE, never before SAVEPOINT. SQLAlchemy's SQLite documentation
("Transactions with SQLite and the sqlite3 driver") says what follows: "a new
SAVEPOINT emitted before a BEGIN will function on its own but fails to participate
in the enclosing transaction, meaning a ROLLBACK of the transaction will not
rollback elements that were part of a released savepoint."

The fix is that documentation's recipe for every Python version: take BEGIN away
from the driver and let SQLAlchemy emit it whenever it begins a transaction.
(``connect_args={"autocommit": False}`` is the alternative on Python 3.12+ only.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine


def _no_driver_begin(dbapi_connection: Any, connection_record: Any) -> None:
    # None = the driver never emits BEGIN (nor COMMIT before DDL) on its own.
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    # Goes through the cursor: statement recorders see this BEGIN like any other.
    connection.exec_driver_sql("BEGIN")


def fix_savepoints(engine: Engine) -> Engine:
    """Make ``engine`` emit its own BEGIN, if it is a pysqlite engine; return it.

    Must run before the engine's first connection: ``connect`` fires once per new
    DBAPI connection. Other dialects are returned untouched.
    """
    pysqlite = (engine.dialect.name, engine.dialect.driver) == ("sqlite", "pysqlite")
    if pysqlite and not is_fixed(engine):
        event.listen(engine, "connect", _no_driver_begin)
        event.listen(engine, "begin", _begin)
    return engine


def is_fixed(engine: Engine) -> bool:
    """Whether ``fix_savepoints`` applies to ``engine``."""
    return event.contains(engine, "begin", _begin)
