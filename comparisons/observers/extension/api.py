"""What the extension object offers: the names a migrating app calls, present or missing.

Lite's docs: "It does not create the base model, table class, or metadata itself. It
does not implement a custom bind system. It does not provide automatic table naming
for models. It does not provide query recording, pagination, query methods, etc." and
"It provides the same ``db.engine`` and ``db.session`` interface". Each case looks one
name up, inside an app context, on the style's ``db``, its ``Person`` or its session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from comparisons.engine.lab import Lab
from comparisons.observers.extension.base import Extension, Probe, observe_probe
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

Lookup = Callable[[Any, type], Any]

#: Each name, and how to reach it from ``db`` and ``Person`` in an app context.
LOOKUPS: dict[str, Lookup] = {
    "db.Model": lambda db, Person: db.Model,
    "db.Column, db.relationship": lambda db, Person: (db.Column, db.relationship),
    "db.metadata": lambda db, Person: db.metadata,
    "db.create_all()": lambda db, Person: db.create_all,
    "Model.query": lambda db, Person: Person.query,  # type: ignore[attr-defined]
    "db.paginate()": lambda db, Person: db.paginate,
    "db.session.query(Model).paginate()": lambda db, Person: db.session.query(Person).paginate,
    "db.get_or_404()": lambda db, Person: db.get_or_404,
    "db.first_or_404()": lambda db, Person: db.first_or_404,
    "db.one_or_404()": lambda db, Person: db.one_or_404,
    "db.get_or_abort()": lambda db, Person: db.get_or_abort,
    "db.one_or_abort()": lambda db, Person: db.one_or_abort,
    "db.test_isolation()": lambda db, Person: db.test_isolation,
    "db.engine, db.engines": lambda db, Person: (db.engine, db.engines),
    "db.session": lambda db, Person: db.session,
}


def looked_up(lookup: Lookup) -> Probe:
    def probe(app: Any, db: Any, Person: type) -> str:
        with app.app_context():
            try:
                lookup(db, Person)
            except AttributeError:
                return "missing"
            return "present"

    return probe


CASES = tuple(Case(name, "none") for name in LOOKUPS)


def observe_api(lab: Lab, side: Side, case: Case) -> Observation:
    extension: Extension = side.target
    return observe_probe(lab, side.style, extension, looked_up(LOOKUPS[case.name]), "name")
