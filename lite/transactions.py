"""The tutorial's "Transactions" section for Flask-SQLAlchemy-Lite.

Mirrors ``legacy/transactions.py`` and ``modern/transactions.py``: same names, same
signatures. Only the model's base differs (``Base``, not ``db.Model``): the walkthroughs
are ``modern.transactions``' own code, re-created on Lite's ``db`` and ``Ingredient``
(:func:`lite.on_lite`). Each calls ``step(label)`` after every step, so that an observer
can see what reached the database at that point; by default it is silent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

import modern.transactions as _2x
from lite import on_lite
from lite.models import Base, db
from modern.transactions import BASE, ENDINGS, Step

__all__ = ["BASE", "ENDINGS", "Ingredient", "Step"]


class Ingredient(Base):
    """The tutorial's ``Ingredient`` (its table is "Pizza" in the prose, the model's
    own name here); schema-identical to ``legacy.transactions.Ingredient``."""

    __tablename__ = "ingredient"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(250))


_lite = on_lite(_2x, __name__, db=db, Ingredient=Ingredient)


def __getattr__(name: str) -> Any:
    """Every function of ``modern.transactions`` that Lite does not write out: its own
    code, on Lite's names (:func:`lite.on_lite`)."""
    return _lite.attribute(name)
