"""A rollback fixture for tests of a Flask-SQLAlchemy 3.1 app: its maintainers' own.

Flask-SQLAlchemy 3.1 documents no way to isolate a test's writes; the SQLAlchemy recipe
("Joining a Session into an External Transaction") binds a session to a connection, and
Flask-SQLAlchemy 3's ``Session.get_bind`` ignores that bind (pallets-eco/flask-sqlalchemy
#1167). Its maintainers' answer is in the open issue "add docs about testing"
(pallets-eco/flask-sqlalchemy#1171): replace each engine in ``db.engines`` with a
connection in a transaction, and roll that back afterwards. Here it is as written there,
in a ``try``/``finally``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, cast

from flask import Flask

from legacy.models import db


@contextlib.contextmanager
def isolation(app: Flask) -> Iterator[None]:
    """Writes inside the block are rolled back when it exits."""
    with app.app_context():
        # Typed as a Mapping; a dict at run time, which the recipe writes into.
        engines = cast(dict[Any, Any], db.engines)

    engine_cleanup: list[tuple[Any, Any, Any, Any]] = []

    for key, engine in engines.items():
        connection = engine.connect()
        transaction = connection.begin()
        engines[key] = connection
        engine_cleanup.append((key, engine, connection, transaction))

    try:
        yield
    finally:
        for key, engine, connection, transaction in engine_cleanup:
            transaction.rollback()
            connection.close()
            engines[key] = engine
