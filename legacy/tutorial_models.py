"""The tutorial's legacy ``Person``, exactly as written ("Creating our database")."""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy

# A db of its own: this Person shares the table name "person" with legacy.models.
db = SQLAlchemy()


class Person(db.Model):  # type: ignore[misc,name-defined]  # db.Model is dynamic
    # Here we define the table name "Person"
    __tablename__ = "person"  # Optional since it uses the class name by default.

    # Note that each column is also a normal Python instance attribute
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(250), nullable=False)

    # The serialize method converts the object to a dictionary
    def serialize(self):  # type: ignore[no-untyped-def]  # as written
        return {
            "id": self.id,
            "name": self.name,
        }
