"""Isolating a test's writes: Lite's ``db.test_isolation()`` against the rollback fixture
Flask-SQLAlchemy 3.1's maintainers give (``legacy.testing``, ``lite.testing``).

Each case is code under test, run inside the side's ``isolation(app)`` block; then the
block exits and what is left is read from a connection of the lab's own, which neither
fixture patches: the rows as committed, and the id the database hands out next.
"""

from __future__ import annotations

import functools
import gc
import warnings
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from comparisons.engine.capture import capturing
from comparisons.engine.datasets import seed
from comparisons.engine.lab import Lab
from comparisons.engine.observe import observed
from comparisons.values.observation import Observation
from comparisons.values.plain import plain
from comparisons.values.rows import Case, Observer, Side


def names(db: Any, Person: type) -> list[str]:
    """The people as the session under test sees them."""
    return list(db.session.scalars(sa.select(Person.name).order_by(Person.id)))  # type: ignore[attr-defined]


def commit(app: Any, db: Any, Person: type) -> list[str]:
    with app.app_context():
        db.session.add(Person(name="Bob"))
        db.session.commit()
        return names(db, Person)


def commit_then_rollback(app: Any, db: Any, Person: type) -> list[str]:
    """A committed write, then one rolled back: the code's own ROLLBACK must undo only
    the second, as it does outside a test."""
    with app.app_context():
        db.session.add(Person(name="Bob"))
        db.session.commit()
        db.session.add(Person(name="Carol"))
        db.session.flush()
        db.session.rollback()
        return names(db, Person)


def core_write(app: Any, db: Any, Person: type) -> list[str]:
    """A write through the engine, not the session (``with db.engine.begin()``)."""
    table = Person.__table__  # type: ignore[attr-defined]
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(table.insert().values(name="Bob"))
        return names(db, Person)


def commit_then_next_context(app: Any, db: Any, Person: type) -> list[str]:
    """A commit in one app context, read in the next: a test and then a request."""
    with app.app_context():
        db.session.add(Person(name="Bob"))
        db.session.commit()
    with app.app_context():
        return names(db, Person)


PROBES: dict[str, Callable[[Any, Any, type], list[str]]] = {
    "commit": commit,
    "commit, then rollback": commit_then_rollback,
    "write through db.engine": core_write,
    "commit, then next app context": commit_then_next_context,
}
CASES = tuple(Case(name, "single") for name in PROBES)


def isolation_observer(models: Mapping[str, ModuleType]) -> Observer:
    """The observer of the isolation rows, on each style's models module (``db``,
    ``Person``): the catalog names the modules."""
    return functools.partial(observe_isolation, models)


def observe_isolation(models: Mapping[str, ModuleType], lab: Lab, side: Side,
                      case: Case) -> Observation:
    """The case's probe inside ``side.target(app)``; then what stayed, from outside."""
    style, app = side.style, lab.apps[side.style]
    module = models[style]
    lab.reset(style, seed(case.dataset))
    lab.seeded[style] = None  # whatever the fixture does, the probe writes
    if style == "lite":
        # Lite's test_isolation() connects every app still registered on db: an app of
        # an earlier observation, not yet collected, would be connected to its dropped
        # namespace (see test_lite.py). Flask-SQLAlchemy's fixture takes one app's.
        gc.collect()
    value: dict[str, Any] = {}
    with capturing(lab.engine(style)) as capture, \
            warnings.catch_warnings(record=True) as caught:
        # Recorded apart from the capture's: a fixture's warning at its exit says what
        # became of its transaction, and belongs with what stayed.
        warnings.simplefilter("always")
        try:
            with side.target(app):
                value["the code sees"] = PROBES[case.name](app, module.db, module.Person)
                value["a new connection sees, inside"] = _committed(lab, style)
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            capture.raised(exc)
    # What stayed is state: compared whether or not the code raised.
    state = {"person": _committed(lab, style), "next id": _next_id(lab, style),
             "warned": sorted({str(w.message) for w in caught})}
    return observed(capture, "isolation", plain(value), state=plain(state))


def _committed(lab: Lab, style: str) -> list[str]:
    return [row["name"] for row in lab.rows(style, "person")]


def _next_id(lab: Lab, style: str) -> int:
    """The id the database gives the next row: a sequence is outside any transaction."""
    table = lab.table(style, "person")
    with lab.outside[style].begin() as connection:
        key = connection.execute(table.insert().values(name="next")).inserted_primary_key
        assert key is not None  # a single-row INSERT always has one
        return int(key[0])


