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

import legacy.transactions
import lite.transactions
import modern.transactions
from comparisons.engine.capture import capturing
from comparisons.engine.lab import Lab
from comparisons.engine.observe import observed
from comparisons.engine.styles import current_session
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

BASE = modern.transactions.BASE
#: The last step of every walkthrough, taken by the observer, not the walkthrough.
END = "end: session rollback(), close()"


# -- The observer ------------------------------------------------------------------


def reset_pizza(lab: Lab, style: str) -> sa.Table:
    """The pizza base, ids 1, 2, 3, committed from outside; returns the table."""
    lab.reset(style, {"ingredient": [{"name": name} for name in BASE]})
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
    table = reset_pizza(lab, style)
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


#: Each style's walkthroughs, by style name.
MODULES = {"legacy": legacy.transactions, "modern": modern.transactions,
           "lite": lite.transactions}


def walkthrough(lab: Lab, style: str, function: str, *args: Any) -> Observation:
    """Observe one walkthrough of ``style``'s ``transactions`` module, by name."""
    module = MODULES[style]
    return observe_walkthrough(lab, Side(style, getattr(module, function)),
                               Case(function, "pizza base", args))



# -- Claims ------------------------------------------------------------------------

STYLES = ("legacy", "modern")
CHANGES = ("insert", "update", "delete")
#: What each change leaves once committed, seen from the pizza base.
CHANGED = {
    "insert": [*BASE, "basil"],
    "update": ["mozzarella", "tomato", "capers"],
    "delete": ["mozzarella", "olives"],
}
PIZZA = ["mozzarella", "tomato", "olives", "mushrooms", "pepperoni"]


def _names(state: list[str]) -> list[str]:
    """The names in a ``final_table``."""
    return [entry.split(" ", 1)[1] for entry in state]


def check_commit(lab: Lab) -> tuple[bool, str]:
    """Flushed, a change is not in the table; committed, it is, and stays after a rollback."""
    failures = []
    for style in STYLES:
        for kind in CHANGES:
            steps = walkthrough(lab, style, "commit", kind).value
            seen = (steps["flush"]["outside"], steps["commit"]["outside"], steps[END]["outside"])
            if seen != (list(BASE), CHANGED[kind], CHANGED[kind]):
                failures.append(f"{style} {kind}: {seen}")
    if failures:
        return False, "not as claimed: " + "; ".join(failures)
    return True, ("in both styles an INSERT, an UPDATE and a DELETE, flushed, were not in the "
                  "table for a new connection; after COMMIT they were, and a later "
                  "session.rollback() and close() did not undo them")


def check_rollback(lab: Lab) -> tuple[bool, str]:
    """After a flushed change and ``rollback()``, outside and session see the last commit."""
    failures, next_ids = [], set()
    for style in STYLES:
        for kind in CHANGES:
            steps = walkthrough(lab, style, "rollback", kind).value
            restored = steps["rollback"]["outside"] == steps["read back"]["seen"] == list(BASE)
            if not restored:
                failures.append(f"{style} {kind}: {steps['rollback']['outside']}")
            if kind == "insert":
                next_ids.add(steps["add garlic, commit"]["seen"])
    if failures:
        return False, "not as claimed: " + "; ".join(failures)
    (next_id,) = next_ids
    counter = ("the rolled-back INSERT's id 4 is given again" if next_id == 4 else
               f"only the id counter is not restored: the rolled-back INSERT used id 4 "
               f"for good, the next one gets {next_id}")
    return True, ("in both styles a flushed INSERT, UPDATE and DELETE were undone by "
                  f"session.rollback(), for a new connection and for the session; {counter}")


def savepoint_names(observation: Observation, label: str) -> list[str]:
    """The names of the SAVEPOINTs that step ``label`` sent."""
    return [sql.split()[-1] for sql in observation.detail[label]
            if sql.startswith("SAVEPOINT ")]


def check_savepoint(lab: Lab) -> tuple[bool, str]:
    """Three ``begin_nested()`` in one transaction: three SAVEPOINTs, three names."""
    for style in STYLES:
        nested = walkthrough(lab, style, "savepoints", "roll back and release")
        names = [name for label in nested.value for name in savepoint_names(nested, label)]
        if len(set(names)) != 3 or _names(nested.state) != [*BASE, "basil", "garlic"]:
            return False, (f"{style}: three begin_nested() sent SAVEPOINTs {names} and "
                           f"left {nested.state}")
    # ``nested`` is the modern run from here on: the loop checked both alike.
    lazy = nested.detail["checkpoint 1"] == []
    later = walkthrough(lab, "modern", "savepoints", "commit with savepoints open")
    again = savepoint_names(later, "checkpoint 4, add oregano, flush")
    return True, (f"three begin_nested() calls in one transaction sent SAVEPOINT "
                  f"{', '.join(names)} in both styles, and rolling back the third kept the "
                  "first two; "
                  + ("each SAVEPOINT is sent lazily, with the first statement inside it "
                     "(never, if there is none); " if lazy else "")
                  + f"unique within a transaction only: the next transaction's first is "
                  f"{again[0]} again")


def check_pizza(lab: Lab) -> tuple[bool, str]:
    """The walkthrough as written leaves the stated table, read from a new connection."""
    observations = {style: walkthrough(lab, style, "pizza") for style in STYLES}
    if all((o.error, _names(o.state)) == (None, PIZZA) for o in observations.values()):
        return True, ("in both styles a new connection reads mozzarella, tomato, olives, "
                      "mushrooms, pepperoni; bacon never reached the database (no INSERT, "
                      "and no SAVEPOINT for checkpoint B, whose rollback() sends nothing)")
    happened = {style: what_happened(o) for style, o in observations.items()}
    if len(set(happened.values())) == 1:
        return False, f"in both styles {happened['modern']}"
    return False, "; ".join(f"{style}: {text}" for style, text in happened.items())


def what_happened(observation: Observation) -> str:
    """Where a walkthrough stopped, the database's reason, what it left; in one sentence."""
    table = ", ".join(_names(observation.state))
    if observation.error is None:
        return f"the walkthrough ran through, and a new connection reads {table}"
    labels = list(observation.value)
    failing = f"raises {observation.error}"
    after = labels[labels.index(failing) - 1]
    why = observation.value[failing]["seen"]
    if "Key (id)=(4) already exists" in why:
        # The INSERT had no id: the 4 came from the sequence, which id = 4 bypassed.
        why += (" (pepperoni's INSERT drew id 4 from the sequence, which meat's explicit "
                "id 4 had not advanced)")
    return (f"{observation.error} is raised by the step after {after!r}: {why}; "
            f"a new connection reads {table}")


