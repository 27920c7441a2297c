"""A rollback fixture for tests of a Flask-SQLAlchemy-Lite app: ``db.test_isolation()``.

Lite 0.2 (pallets-eco/flask-sqlalchemy-lite#32, #37): "Context manager to isolate the
database during a test. Commits are rolled back when the ``with`` block exits, and will
not be seen by other tests." It patches every engine of every app registered on ``db``
to hand out one connection in a transaction, ``begin()`` on it to open a SAVEPOINT,
and the session to join with ``join_transaction_mode="create_savepoint"``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from flask import Flask

from lite.models import db


@contextlib.contextmanager
def isolation(app: Flask) -> Iterator[None]:
    """Writes inside the block are rolled back when it exits (``app`` is not needed:
    Lite patches every app registered on ``db``)."""
    with db.test_isolation():
        yield
