"""The tutorial's ``Person`` in the 2.x style, plus the nullable ``age`` its filter uses.

Schema-identical to ``legacy.models.Person``. Unlike the tutorial's own modern model
(``modern.tutorial_models``), ``name`` keeps the legacy ``String(250)``: a bare
``Mapped[str]`` becomes a VARCHAR without length, which MariaDB refuses.
"""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Person(db.Model):  # type: ignore[misc,name-defined]  # db.Model is dynamic
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(250))
    age: Mapped[int | None]

    def serialize(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "age": self.age}
