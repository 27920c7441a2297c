"""The tutorial's operations for Flask-SQLAlchemy-Lite, in the form this project recommends.

Mirrors ``legacy/queries.py`` and ``modern/queries.py``: same names, same signatures.
Every function but ``pagination`` is ``modern.queries``' own code, re-created on Lite's
``db`` and ``Person`` (:func:`lite.on_lite`): Lite's ``db.session`` is a plain
``Session`` with the same methods. ``pagination`` differs: Lite has no ``db.paginate``
(see ``lite.pagination``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

import modern.queries as _2x
from lite import on_lite
from lite.models import Person, db
from lite.pagination import Page, paginate


def pagination(page: int, per_page: int) -> Page[Person]:
    """Pagination: Lite has no ``db.paginate``; ``lite.pagination.paginate`` does its work.

    It counts and 404s like ``Query.paginate``, which a bare ``offset``/``limit`` does
    not, and returns a ``Page`` rather than a ``Pagination``.
    """
    return paginate(select(Person), page=page, per_page=per_page)


_lite = on_lite(_2x, __name__, db=db, Person=Person, pagination=pagination)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.queries`` that Lite does not write out: its own
    code, on Lite's names (:func:`lite.on_lite`)."""
    return _lite.attribute(name)
