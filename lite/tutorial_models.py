"""The tutorial's modern ``Person``, exactly as written ("Creating our database"), on Lite.

The tutorial subclasses ``Base`` rather than ``db.Model``, which is what Lite asks for:
Lite has no ``db.Model``, and "each model subclasses the base" (Lite's docs, "Models").
So the class runs unchanged; only ``db`` is Lite's extension, and ``Base`` is the
``DeclarativeBase`` the tutorial does not show.
"""

from __future__ import annotations

from flask_sqlalchemy_lite import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy()


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
