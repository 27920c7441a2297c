"""How the tutorial's "Transactions" rows are observed, and how its sentences are checked.

Both styles run the same session calls; they differ only in how they read
(``Model.query`` against ``db.session.get``/``select()``). What these rows prove is
therefore mostly about the tutorial's claims, judged from outside the session: after
every step a connection of its own reads the table (``Lab.outside``), and the
transaction log (``comparisons.engine.capture``) says what reached the database, and when.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa

from comparisons.engine.capture import capturing
from comparisons.engine.datasets import seed
from comparisons.engine.lab import Lab
from comparisons.engine.observe import observed
from comparisons.engine.styles import current_session
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

#: The last step of every walkthrough, taken by the observer, not the walkthrough.
END = "end: session rollback(), close()"


# -- The observer ------------------------------------------------------------------


def reset_pizza(lab: Lab, style: str, dataset: str) -> sa.Table:
    """The data set (the pizza base: ids 1, 2, 3), committed from outside; returns the
    ingredient table."""
    lab.reset(style, seed(dataset))
    return lab.table(style, "ingredient")


def outside_names(lab: Lab, style: str, table: sa.Table) -> list[str]:
    """The ingredients by id, as committed: read outside the session under test."""
    with lab.outside[style].connect() as connection:
        return list(connection.execute(sa.select(table.c.name).order_by(table.c.id)).scalars())


def final_table(lab: Lab, style: str, table: sa.Table) -> list[str]:
    """``"id name"`` per row, as committed (read like ``outside_names``).

    Short strings: the whole table fits in one difference sentence.
    """
    with lab.outside[style].connect() as connection:
        rows = connection.execute(sa.select(table).order_by(table.c.id)).mappings()
        return [f"{row['id']} {row['name']}" for row in rows]


def session_state(db: Any) -> str:
    """Where the session under test stands: no transaction, one, or inside a SAVEPOINT."""
    session = current_session(db)
    if session.in_nested_transaction():
        return "savepoint"
    return "transaction" if session.in_transaction() else "no transaction"


def _record(lab: Lab, style: str, seen: object) -> dict[str, Any]:
    db = lab.dbs[style]
    record: dict[str, Any] = {
        "outside": outside_names(lab, style, lab.table(style, "ingredient")),
        "session": session_state(db),
        # Added to the session, not yet sent: what a rollback() just forgets.
        "pending": sorted(getattr(obj, "name", repr(obj)) for obj in current_session(db).new),
    }
    if seen is not None:
        record["seen"] = seen
    return record


def reason(exc: Exception) -> str:
    """The database's own words for a DBAPI error (else the message), on one line."""
    text = str(exc.orig) if isinstance(exc, sa.exc.DBAPIError) else str(exc)
    return " ".join(text.split())


def observe_walkthrough(lab: Lab, side: Side, case: Case) -> Observation:
    """Seed the pizza base, run ``side.target(step, *case.args)``, watch every step.

    The value maps each step's label to the statements it sent (``sql``), the table
    as committed (``outside``), the session's state and its pending objects; a
    walkthrough that raises gets a ``raises <Exception>`` step, which has the
    database's reason as ``seen``. Whatever happened,
    the session is then rolled back and closed (step ``END``): what survives that
    has really been committed. ``state`` is the table read once more afterwards.
    """
    style = side.style
    app, db = lab.apps[style], lab.dbs[style]
    table = reset_pizza(lab, style, case.dataset)
    steps: dict[str, dict[str, Any]] = {}
    sql: dict[str, list[str]] = {}
    with app.app_context(), capturing(lab.engine(style)) as log:

        def step(label: str, seen: object = None, /) -> None:
            if label in steps:
                raise ValueError(f"step {label!r} twice: labels must be unique")
            sql[label] = [s.sql for s in log.mark()]
            steps[label] = _record(lab, style, seen)

        try:
            side.target(step, *case.args)
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            log.raised(exc)
            step(f"raises {log.error}", reason(exc))
        finally:
            db.session.rollback()
            db.session.close()
            step(END)
    # The whole transaction log: BEGIN, COMMIT and ROLLBACK are what these rows are about.
    seen = observed(log, "walkthrough", steps, state=final_table(lab, style, table),
                    statements=tuple(log.log), detail=sql)
    # A walkthrough that raised still has its steps: they say where it stopped.
    return dataclasses.replace(seen, value=steps)
