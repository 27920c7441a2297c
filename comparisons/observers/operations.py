"""Observers of function and model rows: how one side is run for one case."""

from __future__ import annotations

import dataclasses
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from comparisons.databases.namespaces import namespace, outside_engine
from comparisons.databases.schema import describe
from comparisons.engine.capture import capturing
from comparisons.engine.datasets import seed
from comparisons.engine.lab import Lab, make_app
from comparisons.engine.observe import observe_call, observed
from comparisons.engine.styles import current_session
from comparisons.values.observation import Observation
from comparisons.values.plain import plain
from comparisons.values.rows import Case, Side


def observe_operation(lab: Lab, side: Side, case: Case) -> Observation:
    """Seed the data set, call the function, and read its tables back from outside."""
    data = seed(case.dataset)
    lab.reset(side.style, data, reuse=case.dataset)
    observation = observe_call(lab, side.style, side.target, case.args, case.repeat)
    if observation.error or not all(s.sql.startswith("SELECT") for s in observation.statements):
        # It may have written, or advanced a sequence in a rolled-back INSERT.
        lab.seeded[side.style] = None
    state = {name: plain(lab.rows(side.style, name)) for name in data}
    return dataclasses.replace(observation, state=state)


#: Longer than the legacy String(250): does the database enforce the length?
LONG_NAME = "x" * 251


def observe_model(lab: Lab, side: Side, case: Case) -> Observation:
    """Create a models module's tables in an empty namespace and describe them as the
    database reports them: every column's type with its length, NULL, keys, UNIQUE
    constraints, indexes, server defaults; plus what ``Model.query`` is and whether a
    251-character name is stored.
    """
    module: ModuleType = side.target
    # The model's own metadata: Flask-SQLAlchemy's db.metadata, Lite's Base.metadata.
    # Only Person's table: the row is about that model, and a style's metadata also
    # holds the tables of other rows' models (relationships, the guide's), which
    # another style may keep elsewhere.
    metadata: sa.MetaData = module.Person.metadata
    only = [module.Person.__table__]
    with namespace(lab.backend, "model") as url:
        app = make_app(module.db, url, f"comparisons.model.{side.style}",
                       lab.styles[side.style].configure)
        with app.app_context(), capturing(module.db.engine) as capture:
            try:
                # What db.create_all() does for Flask-SQLAlchemy's default engine.
                metadata.create_all(module.db.engine, tables=only)
            except sa.exc.SQLAlchemyError as exc:
                capture.raised(exc)
                module.db.engine.dispose()
                return observed(capture, "model", None)
            tables = {t.name: t.name for t in only}
            # Reflection through an engine of its own: its queries are not the model's.
            reflecting = outside_engine(url)
            value = {
                **describe(reflecting, tables),
                "Person.query": _query_property(module.Person),
                "251-character name": _store(module, LONG_NAME),
            }
            # The session's transaction would hold a lock that DROP TABLE waits for.
            current_session(module.db).close()
            metadata.drop_all(module.db.engine, tables=only)
            module.db.engine.dispose()
            reflecting.dispose()
    return observed(capture, "model", value)


def _query_property(model: type) -> str:
    """What ``Model.query`` is on this class; "missing" where the class has none."""
    query = getattr(model, "query", None)
    return "missing" if query is None else type(query).__name__


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
