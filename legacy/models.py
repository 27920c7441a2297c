"""The tutorial's ``Person`` in the legacy style, plus the nullable ``age`` its filter uses.

Schema-identical to ``modern.models.Person``: the comparisons run both styles against
one table.
"""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Person(db.Model):  # type: ignore[misc,name-defined]  # db.Model is dynamic
    __tablename__ = "person"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(250), nullable=False)
    # Not in the tutorial's model, but its "advanced filters" example reads Person.age.
    age = db.Column(db.Integer, nullable=True)

    def serialize(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "age": self.age}
