"""Rows of the tutorial's "Transactions" section: commit, rollback, savepoints, the pizza.

Both styles run the same session calls; they differ only in how they read
(``Model.query`` against ``db.session.get``/``select()``). What these rows prove is
therefore mostly about the tutorial's claims, judged from outside the session: after
every step a connection of its own reads the table (``reader``), and the
transaction log (``comparisons.txlog``) says what reached the database, and when.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy

import legacy.transactions
import modern.transactions
from comparisons.diff import Diff
from comparisons.lab import Lab
from comparisons.observe import Observation
from comparisons.rows import Case, Claim, Row, Side, Variant
from comparisons.sqlite_savepoints import fix_savepoints
from comparisons.txlog import TxLog, transaction_log

SECTION = "transactions"
BASE = modern.transactions.BASE
#: The last step of every walkthrough, taken by the observer, not the walkthrough.
END = "end: session rollback(), close()"


# -- The observer ------------------------------------------------------------------


def ingredient_table(lab: Lab, style: str) -> sa.Table:
    return lab.dbs[style].metadata.tables["ingredient"]


def reset_pizza(lab: Lab, style: str) -> sa.Table:
    """The pizza base, ids 1, 2, 3, committed from outside; returns the table."""
    table = ingredient_table(lab, style)
    lab.reset([table], {"ingredient": [{"name": name} for name in BASE]})
    return table


@contextlib.contextmanager
def _pooled_reader(lab: Lab) -> Iterator[sa.Engine]:
    engine = fix_savepoints(sa.create_engine(lab.url, pool_size=1, max_overflow=0))
    try:
        yield engine
    finally:
        engine.dispose()


def reader(lab: Lab) -> sa.Engine:
    """An engine of its own for reading between steps: one pooled connection.

    Not the session's connection, and every read is a transaction of its own (the
    pool rolls back on check-in), so it sees exactly what has been committed, as a
    new connection would; but a dozen reads per walkthrough cost a fraction of a
    dozen connects (PostgreSQL: 2 ms against 7 ms a read). The pizza tests read the
    final table through a brand-new connection (``Lab.rows``) as well.
    """
    return lab.resource("transactions:reader", lambda: _pooled_reader(lab))


def outside_names(lab: Lab, table: sa.Table) -> list[str]:
    """The ingredients by id, as committed: read outside the session under test."""
    with reader(lab).connect() as connection:
        return list(connection.execute(sa.select(table.c.name).order_by(table.c.id)).scalars())


def final_table(lab: Lab, table: sa.Table) -> list[str]:
    """``"id name"`` per row, as committed (read like ``outside_names``).

    Short strings: the whole table fits in one difference sentence.
    """
    with reader(lab).connect() as connection:
        rows = connection.execute(sa.select(table).order_by(table.c.id)).mappings()
        return [f"{row['id']} {row['name']}" for row in rows]


def session_state(db: SQLAlchemy) -> str:
    """Where the session under test stands: no transaction, one, or inside a SAVEPOINT."""
    session = db.session()  # the scoped session's current Session
    if session.in_nested_transaction():
        return "savepoint"
    return "transaction" if session.in_transaction() else "no transaction"


def _record(lab: Lab, table: sa.Table, db: SQLAlchemy, log: TxLog, seen: object) -> dict[str, Any]:
    record: dict[str, Any] = {
        "sql": [s.sql for s in log.mark()],
        "outside": outside_names(lab, table),
        "session": session_state(db),
        # Added to the session, not yet sent: what a rollback() just forgets.
        "pending": sorted(getattr(obj, "name", repr(obj)) for obj in db.session().new),
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
    app, db = lab.apps[side.style], lab.dbs[side.style]
    table = reset_pizza(lab, side.style)
    steps: dict[str, dict[str, Any]] = {}
    error = None
    with app.app_context(), transaction_log(db.engine) as log, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def step(label: str, seen: object = None, /) -> None:
            if label in steps:
                raise ValueError(f"step {label!r} twice: labels must be unique")
            steps[label] = _record(lab, table, db, log, seen)

        try:
            side.target(step, *case.args)
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            error = type(exc).__name__
            step(f"raises {error}", reason(exc))
        finally:
            db.session.rollback()
            db.session.close()
            step(END)
    return Observation(
        kind="exception" if error else "walkthrough", value=steps, error=error,
        statements=tuple(log.statements), state=final_table(lab, table),
        warnings=tuple(sorted({w.category.__name__ for w in caught})),
    )


def walkthrough(lab: Lab, style: str, function: str, *args: Any) -> Observation:
    """Observe one walkthrough of ``style``'s ``transactions`` module, by name."""
    module = legacy.transactions if style == "legacy" else modern.transactions
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
    return [sql.split()[-1] for sql in observation.value[label]["sql"]
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
    lazy = nested.value["checkpoint 1"]["sql"] == []
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


# -- Rows --------------------------------------------------------------------------

PIZZA_BASE = "pizza base"
LEGACY_API = ("LegacyAPIWarning",)

PIZZA_CODE = '''\
# Let's assume we already added the base ingredients beforehand

# Now we insert a new ingredient to the pizza, meat
ingredient = Ingredient()
ingredient.name = "meat"
ingredient.id = 4
db.session.add(ingredient)

# Now we COMMIT and save it to the database, thus setting the ingredient in the Pizza
db.session.commit()

# We replace the fourth ingredient, which was previously meat, with mushrooms
ingredient = Ingredient.query.get(4)
ingredient.name = "mushrooms"
db.session.commit()

# Save a "checkpoint"
checkpoint_a = db.session.begin_nested()

# Add pepperoni to the pizza
ingredient = Ingredient()
ingredient.name = "pepperoni"
db.session.add(ingredient)
db.session.commit()

# One last "checkpoint" before adding bacon
checkpoint_b = db.session.begin_nested()

# Insert bacon
ingredient = Ingredient()
ingredient.name = "bacon"
db.session.add(ingredient)

checkpoint_b.rollback()
# Goes back to checkpoint B, not including bacon
'''


def _row(name: str, title: str, code: str, cases: tuple[Case, ...], why: str,
         claim: Claim, **extra: Any) -> Row:
    return Row(
        id=f"{SECTION}.{name}", section=SECTION, title=title,
        tutorial={"legacy": code, "modern": code},
        legacy=Side("legacy", getattr(legacy.transactions, _FUNCTIONS[name])),
        as_written=Variant(Side("modern", getattr(modern.transactions, _FUNCTIONS[name])),
                           why=why),
        cases=cases, observer=observe_walkthrough, claim=claim, **extra,
    )


_FUNCTIONS = {"commit": "commit", "rollback": "rollback", "savepoint": "savepoints",
              "pizza": "pizza"}
_CHANGE_CASES = tuple(Case(kind, PIZZA_BASE, (kind,)) for kind in CHANGES)
_SAME = ("Both styles make the same session calls and the same reads "
         "(Model.query against select()), which emit the same SQL: nothing differs.")

ROWS: list[Row] = [
    _row("commit", "COMMIT: session.commit()", "session.commit()", _CHANGE_CASES, _SAME,
         Claim("when you use the COMMIT command, the changes to your database will be "
               "permanent.", check_commit,
               {"sqlite": True, "postgresql": True, "mariadb": True}),
         warnings={"legacy": (), "modern": ()}),
    _row("rollback", "ROLLBACK: session.rollback()", "db.session.rollback()", _CHANGE_CASES,
         _SAME,
         Claim("The ROLLBACK command restores your database to your last COMMIT.",
               check_rollback, {"sqlite": True, "postgresql": True, "mariadb": True}),
         warnings={"legacy": (), "modern": ()}),
    _row("savepoint", "SAVEPOINT: session.begin_nested()", "db.session.begin_nested()",
         tuple(Case(ending, PIZZA_BASE, (ending,)) for ending in modern.transactions.ENDINGS),
         _SAME,
         Claim("This command can be called multiple times, and with each call, a checkpoint "
               "called `checkpoint` is established with a unique identifier.",
               check_savepoint, {"sqlite": True, "postgresql": True, "mariadb": True}),
         warnings={"legacy": (), "modern": ()}),
]

_MEAT_WITHOUT_ID = (
    Diff("parameters", '[4, "meat"]', '["meat"]'),
    Diff("sql", "INSERT INTO ingredient (id, name) VALUES (?, ?)",
         "INSERT INTO ingredient (name) VALUES (?)"),
    Diff("value.commit meat.sql[1]", '"INSERT INTO ingredient (id, name) VALUES (?, ?)"',
         '"INSERT INTO ingredient (name) VALUES (?)"'),
)
_PEPPERONI_SAVED = (
    Diff("database afterwards", "also has []", 'also has ["5 pepperoni"]'),
    Diff("raises", "IntegrityError", "nothing"),
    # The failed INSERT, its ERROR and ROLLBACK TO SAVEPOINT, against the corrected
    # INSERT, RELEASE SAVEPOINT, COMMIT: one more entry in the transaction log.
    Diff("statements", "13", "12"),
)

ROWS.append(Row(
    id=f"{SECTION}.pizza", section=SECTION, title="SAVEPOINT: the pizza walkthrough",
    tutorial={"legacy": PIZZA_CODE,
              "modern": PIZZA_CODE.replace("Ingredient.query.get(4)",
                                           "db.session.get(Ingredient, 4)")},
    legacy=Side("legacy", legacy.transactions.pizza),
    as_written=Variant(Side("modern", modern.transactions.pizza), why=(
        "Ingredient.query.get(4) and db.session.get(Ingredient, 4) find the expired meat "
        "in the identity map and refresh it with the same SELECT; only the legacy call "
        "warns (LegacyAPIWarning). On PostgreSQL both styles fail alike: see the claim.")),
    recommended=Variant(
        Side("modern", modern.transactions.pizza_corrected),
        differences=_MEAT_WITHOUT_ID,
        on={"postgresql": _PEPPERONI_SAVED},
        why=("The corrected walkthrough lets the database give meat its id (read after a "
             "flush) instead of setting ingredient.id = 4, so its INSERT has no id column; "
             "everything else is the tutorial's. On SQLite and MariaDB that is the only "
             "difference: their counters move past an explicit id. PostgreSQL's sequence "
             "does not, so there the tutorial's code raises IntegrityError at pepperoni and "
             "leaves no pepperoni, while the corrected code runs through and saves it.")),
    cases=(Case("as written", PIZZA_BASE),), observer=observe_walkthrough,
    warnings={"legacy": LEGACY_API, "modern": ()},
    claim=Claim("Finally, our 'Pizza' looks like this: [the tutorial's table: mozzarella, "
                "tomato, olives, mushrooms, pepperoni; no bacon]", check_pizza,
                {"sqlite": True, "postgresql": False, "mariadb": True}),
))
