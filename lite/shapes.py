"""The 2.x forms of the commonest legacy ``Query`` shapes, on Flask-SQLAlchemy-Lite.

Mirrors ``legacy/shapes.py`` and ``modern/shapes.py``: same names, same signatures. Every
function is ``modern.shapes``'s own code, re-created on Lite's ``db`` and models
(:func:`lite.on_lite`): Lite's ``db.session`` is a plain ``Session`` with the same
methods, and none of these calls uses a Flask-SQLAlchemy helper.
"""

from __future__ import annotations

from typing import Any

import modern.shapes as _2x
from lite import on_lite
from lite.guide_models import Address, Author
from lite.models import db

_lite = on_lite(_2x, __name__, db=db, Author=Author, Address=Address)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.shapes``: its own code, on Lite's names."""
    return _lite.attribute(name)
