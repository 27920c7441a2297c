"""The tutorial's modern ``Person``, exactly as written ("Creating our database").

The tutorial subclasses ``Base`` without showing it; ``Base`` is the
``DeclarativeBase`` that Flask-SQLAlchemy 3.1 takes as ``model_class``. Subclassing
``Base`` rather than ``db.Model`` is what the tutorial wrote, and it matters: see the
``model.person`` row.
"""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Person(Base):
    # Here we define the table name "Person"
    __tablename__ = "person"  # Optional since it uses the class name by default.

    # Note that each column is also a normal Python instance attribute
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(unique=False, nullable=False)

    # The serialize method converts the object to a dictionary
    def serialize(self):  # type: ignore[no-untyped-def]  # as written
        return {
            "id": self.id,
            "name": self.name
        }
