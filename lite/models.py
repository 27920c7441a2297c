"""The tutorial's ``Person`` for Flask-SQLAlchemy-Lite, plus the nullable ``age`` its filter uses.

Schema-identical to ``legacy.models.Person`` and ``modern.models.Person``. Lite manages
no model base, metadata or table names: "Each model subclasses the base and defines at
least a ``__tablename__`` and a primary key column" (Lite's docs, "Models"). Tables are
created with ``Base.metadata.create_all(db.engine)`` inside an app context.

The app is configured the way Lite's docs say ("Setup"): ``app.config["SQLALCHEMY_ENGINES"]
= {"default": url}``, then ``db.init_app(app)``; ``comparisons.catalog.styles`` does that
for the lab.
"""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy_lite import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy()


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(250))
    age: Mapped[int | None]

    def serialize(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "age": self.age}
