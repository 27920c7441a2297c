"""The 2.x replacements of the removed forms on Flask-SQLAlchemy-Lite.

``modern.removed``'s own code, re-created on Lite's ``db`` and models
(:func:`lite.on_lite`): Lite's ``db.session`` is a plain ``Session`` and ``db.engine``
a plain ``Engine``, with the same methods. Nothing is written out.
"""

from __future__ import annotations

from typing import Any

import modern.removed as _2x
from lite import on_lite
from lite.guide_models import Address, Author
from lite.models import db

_lite = on_lite(_2x, __name__, db=db, Author=Author, Address=Address)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.removed``: its own code on Lite's names."""
    return _lite.attribute(name)
