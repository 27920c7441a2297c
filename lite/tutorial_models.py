"""The tutorial's modern ``Person``, exactly as written ("Creating our database"), on Lite.

The tutorial subclasses ``Base`` rather than ``db.Model``, which is what Lite asks for:
Lite has no ``db.Model``, and "each model subclasses the base" (Lite's docs, "Models").
So the class runs unchanged: it is ``modern.tutorial_models.Person`` itself, on the
``DeclarativeBase`` the tutorial does not show; only ``db`` is Lite's extension.
"""

from __future__ import annotations

from flask_sqlalchemy_lite import SQLAlchemy

from modern.tutorial_models import Base, Person

__all__ = ["Base", "Person", "db"]

db = SQLAlchemy()
