"""Observers: how one side of a row is run for one case."""

from __future__ import annotations

import dataclasses
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from comparisons.backends import namespace
from comparisons.datasets import seed
from comparisons.lab import Lab, make_app
from comparisons.observe import Observation, observe_call
from comparisons.rows import Case, Side


def observe_operation(lab: Lab, side: Side, case: Case) -> Observation:
    """Seed ``person``, call the function, and read the table back from outside."""
    table = lab.dbs[side.style].metadata.tables["person"]
    lab.reset([table], seed(case.dataset), reuse=case.dataset)
    observation = observe_call(lab, side.style, side.target, case.args, case.repeat)
    if observation.error or not all(s.sql.startswith("SELECT") for s in observation.statements):
        # It may have written, or advanced a sequence in a rolled-back INSERT.
        lab.seeded = None
    return dataclasses.replace(observation, state=lab.rows(table))


#: Longer than the legacy String(250): does the database enforce the length?
LONG_NAME = "x" * 251


def observe_model(lab: Lab, side: Side, case: Case) -> Observation:
    """Create a models module's tables in a namespace of their own and describe them.

    The tutorial's two ``Person`` classes share a table name with the project's, so
    each gets an empty namespace: nothing else can explain what ``create_all`` did.
    """
    module: ModuleType = side.target
    with namespace(lab.backend, "model") as url:
        app = make_app(module.db, url, f"comparisons.model.{side.style}")
        with app.app_context():
            try:
                module.db.create_all()
            except sa.exc.SQLAlchemyError as exc:
                module.db.engine.dispose()
                return Observation(kind="exception", value=None, error=type(exc).__name__)
            value = {
                **_columns(module.db.engine),
                "Person.query": _query_property(module.Person),
                "251-character name": _store(module, LONG_NAME),
            }
            # The session's transaction would hold a lock that DROP TABLE waits for.
            module.db.session.remove()
            module.db.drop_all()
            module.db.engine.dispose()
    return Observation(kind="model", value=value)


def _query_property(model: type) -> str:
    """What ``Model.query`` is on this class; "missing" where the class has none."""
    query = getattr(model, "query", None)
    return "missing" if query is None else type(query).__name__


def _columns(engine: sa.Engine) -> dict[str, str]:
    """Each column of ``person`` as the database reports it: type, NULL, key."""
    columns = sa.inspect(engine).get_columns("person")
    primary = sa.inspect(engine).get_pk_constraint("person")["constrained_columns"]
    return {
        f"column {c['name']}": " ".join(filter(None, (
            str(c["type"]),
            "NULL" if c["nullable"] else "NOT NULL",
            "PRIMARY KEY" if c["name"] in primary else "",
        )))
        for c in columns
    }


def _store(module: ModuleType, name: str) -> str:
    """Insert a person named ``name`` and say what came of it."""
    session: Any = module.db.session
    try:
        session.add(module.Person(name=name))
        session.commit()
    except sa.exc.DBAPIError as exc:
        session.rollback()
        return f"refused ({type(exc).__name__})"
    stored = session.execute(sa.select(module.Person.name)).scalar_one()
    return "stored" if stored == name else f"stored as {len(stored)} characters"
