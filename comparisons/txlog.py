"""A transaction log: every statement an engine sends, with BEGIN, COMMIT and ROLLBACK.

``comparisons.sql.recording`` sees only what goes through a cursor. A DBAPI driver
begins, commits and rolls back without one (``connection.commit()``), so those are
taken from SQLAlchemy's connection events here instead, in order with the rest:

* ``begin`` / ``commit`` / ``rollback`` events: ``BEGIN``, ``COMMIT``, ``ROLLBACK``
  (on PostgreSQL and MariaDB the driver sends BEGIN lazily with the first statement;
  the log puts it where SQLAlchemy began the transaction). Not ``begin`` on SQLite:
  there BEGIN is a real statement, sent through a cursor by the savepoint fix
  (``comparisons.sqlite_savepoints``) and logged as such, and an unfixed engine sends
  none of its own (its driver's implicit BEGIN before DML is invisible to events);
* ``before_cursor_execute``: everything else, SAVEPOINT, RELEASE SAVEPOINT and
  ROLLBACK TO SAVEPOINT included, normalised as in ``comparisons.sql``. "Before",
  so that a statement the database refuses is logged too; ``handle_error`` then
  adds ``ERROR <exception>`` after it.

Not logged: the pool's reset-on-return (a DBAPI ``rollback()`` on every check-in,
which changes nothing once SQLAlchemy has committed or rolled back itself).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from comparisons.sql import Statement, normalise, params

BEGIN, COMMIT, ROLLBACK = "BEGIN", "COMMIT", "ROLLBACK"


class TxLog:
    """The statements one engine ran, in order; ``mark`` cuts them into steps."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.statements: list[Statement] = []
        self._cut = 0

    def add(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.statements.append(Statement(sql, params, "call"))

    def mark(self) -> list[Statement]:
        """The statements since the previous mark."""
        new, self._cut = self.statements[self._cut:], len(self.statements)
        return new

    # -- event handlers ------------------------------------------------------------

    def on_begin(self, conn: Any) -> None:
        if self.dialect != "sqlite":
            self.add(BEGIN)

    def on_commit(self, conn: Any) -> None:
        self.add(COMMIT)

    def on_rollback(self, conn: Any) -> None:
        self.add(ROLLBACK)

    def on_execute(self, conn: Any, cursor: Any, statement: str, parameters: Any,
                   context: Any, executemany: bool) -> None:
        self.add(normalise(statement, self.dialect), params(parameters))

    def on_error(self, context: Any) -> None:
        # SQLAlchemy's wrapper (IntegrityError) is what calling code catches; an error
        # that is not the database's (a failing event hook) has none.
        error = context.sqlalchemy_exception or context.original_exception
        self.add(f"ERROR {type(error).__name__}")


@contextlib.contextmanager
def transaction_log(engine: Engine) -> Iterator[TxLog]:
    """Log everything ``engine`` does to transactions and data inside the block."""
    log = TxLog(engine.dialect.name)
    hooks: list[tuple[Any, str, Any]] = [
        (engine, "begin", log.on_begin),
        (engine, "commit", log.on_commit),
        (engine, "rollback", log.on_rollback),
        (engine, "before_cursor_execute", log.on_execute),
        (engine, "handle_error", log.on_error),
    ]
    for target, name, hook in hooks:
        event.listen(target, name, hook)
    try:
        yield log
    finally:
        for target, name, hook in hooks:
            event.remove(target, name, hook)
