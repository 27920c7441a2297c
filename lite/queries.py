"""The tutorial's operations for Flask-SQLAlchemy-Lite, in the form this project recommends.

Mirrors ``legacy/queries.py`` and ``modern/queries.py``: same names, same signatures.
Every function but ``pagination`` is ``modern.queries``' own code, re-created on Lite's
``db`` and ``Person`` (:func:`lite.on_lite`): Lite's ``db.session`` is a plain
``Session`` with the same methods. ``pagination`` differs: Lite has no ``db.paginate``
(see ``lite.pagination``).
"""

from __future__ import annotations

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

# -- Comparison Table of Common Operations -------------------------------------------

all_records = _lite(_2x.all_records)
get_by_id = _lite(_2x.get_by_id)
get_by_id_execute = _lite(_2x.get_by_id_execute)
simple_filter = _lite(_2x.simple_filter)
complex_filter = _lite(_2x.complex_filter)
first_result = _lite(_2x.first_result)
sorting = _lite(_2x.sorting)

# -- SELECT section's own examples ----------------------------------------------------

select_all_people = _lite(_2x.select_all_people)
select_get_by_id = _lite(_2x.select_get_by_id)
select_filter = _lite(_2x.select_filter)
select_advanced_filter = _lite(_2x.select_advanced_filter)

# -- Beyond the tutorial -------------------------------------------------------------

count_filter = _lite(_2x.count_filter)

# -- INSERT, UPDATE, DELETE -----------------------------------------------------------

insert = _lite(_2x.insert)
update = _lite(_2x.update)
delete = _lite(_2x.delete)
