"""The tutorial's "Transactions" section, checked from a second connection on every backend.

Every walkthrough is observed by ``comparisons.observers.walkthrough.observe_walkthrough``:
the pizza base (mozzarella, tomato, olives: ids 1, 2, 3) is committed from outside
first; after every step the table is read outside the session under test, and the
transaction log says which statements that step sent. At the end the session is
rolled back and closed: whatever survives that was really committed.

Statements are compared by their shape (``shape``): transaction control in full
(``SAVEPOINT sa_savepoint_1``), data statements by their verb, because the verbs'
SQL text differs by backend (PostgreSQL's ``RETURNING``) and is not the point here.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

import modern.transactions
from comparisons.catalog.styles import STYLES
from comparisons.catalog.walkthrough_claims import (
    BASE,
    CHANGED,
    CHANGES,
    PIZZA,
    PIZZA_BASE,
    check_pizza,
    walkthrough,
)
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from comparisons.databases.sqlite_savepoints import fix_savepoints, is_fixed
from comparisons.engine.capture import recording as transaction_log
from comparisons.engine.lab import Lab
from comparisons.observers import walkthrough as catalog
from comparisons.observers.walkthrough import END
from comparisons.values.observation import Observation

DML = ("SELECT", "INSERT", "UPDATE", "DELETE")


def shape(sql: list[str]) -> list[str]:
    """Transaction control as sent; SELECT/INSERT/UPDATE/DELETE by their verb alone."""
    return [s.split()[0] if s.startswith(DML) else s for s in sql]


def shapes(observation: Observation) -> dict[str, list[str]]:
    """Each step's statements, by shape."""
    return {label: shape(sql) for label, sql in observation.detail.items()}


def outside(observation: Observation) -> dict[str, list[str]]:
    """Each step's table, as read outside the session under test."""
    return {label: step["outside"] for label, step in observation.value.items()}


def params_of(observation: Observation, verb: str) -> list[tuple[Any, ...]]:
    return [tuple(s.params) for s in observation.statements if s.sql.startswith(verb)]


def expected_warnings(style: str, function: str) -> tuple[str, ...]:
    """Only ``Ingredient.query.get`` warns: Query.get is legacy API in SQLAlchemy 2.x."""
    legacy_get = style == "legacy" and function.startswith("pizza")
    return ("LegacyAPIWarning",) if legacy_get else ()


def observe(lab: Lab, style: str, function: str, *args: Any) -> Observation:
    """Observe a walkthrough and check the warnings it gave, in every test."""
    observation = walkthrough(lab, style, function, *args)
    assert observation.warnings == expected_warnings(style, function)
    return observation


# -- COMMIT --------------------------------------------------------------------------

#: The change's own statements: a lookup first, for an UPDATE or a DELETE.
LOOKUP = {"insert": [], "update": ["BEGIN", "SELECT"], "delete": ["BEGIN", "SELECT"]}
VERB = {"insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}


@pytest.mark.parametrize("kind", CHANGES)
@pytest.mark.parametrize("style", STYLES)
def test_commit_makes_changes_permanent(lab: Lab, style: str, kind: str) -> None:
    """"when you use the COMMIT command, the changes to your database will be permanent."

    Holds on every backend, in both styles: flushed, the change is in the database
    but in the session's transaction only, so a new connection does not see it;
    COMMIT is the one statement that makes it visible, and the final rollback and
    close send nothing (there is no transaction left) and undo nothing.
    """
    observation = observe(lab, style, "commit", kind)
    # An INSERT needs no lookup: its flush is the first statement, so it begins.
    begins = ["BEGIN"] if kind == "insert" else []
    assert shapes(observation) == {
        "change": LOOKUP[kind],
        "flush": [*begins, VERB[kind]],
        "commit": ["COMMIT"],
        END: [],
    }
    assert outside(observation) == {
        "change": list(BASE), "flush": list(BASE), "commit": CHANGED[kind], END: CHANGED[kind],
    }
    assert observation.value["flush"]["session"] == "transaction"
    assert observation.value["commit"]["session"] == "no transaction"


# -- ROLLBACK ------------------------------------------------------------------------

#: The id the next INSERT gets after a rolled-back INSERT used 4, per backend.
NEXT_ID_AFTER_ROLLBACK = {"sqlite": 4, "postgresql": 5, "mariadb": 5}


@pytest.mark.parametrize("kind", CHANGES)
@pytest.mark.parametrize("style", STYLES)
def test_rollback_restores_the_last_commit(lab: Lab, backend: Backend, style: str,
                                           kind: str) -> None:
    """"The ROLLBACK command restores your database to your last COMMIT."

    Holds for the rows on every backend: after ``session.rollback()`` a new
    connection and the session itself read the pizza base again. What is not
    restored is the id counter: PostgreSQL's sequence and MariaDB's AUTO_INCREMENT
    are outside transactions, so the id the rolled-back INSERT took (4) is gone and
    the next INSERT gets 5; SQLite computes max(rowid) + 1 and gives 4 again.
    """
    observation = observe(lab, style, "rollback", kind)
    assert shapes(observation) == {
        "change, flush": [*(LOOKUP[kind] or ["BEGIN"]), VERB[kind]],
        "rollback": ["ROLLBACK"],
        "read back": ["BEGIN", "SELECT"],
        "add garlic, commit": ["INSERT", "COMMIT"],
        END: [],
    }
    assert observation.value["change, flush"]["outside"] == list(BASE)
    assert observation.value["rollback"]["outside"] == list(BASE)
    assert observation.value["read back"]["seen"] == list(BASE)
    next_id = NEXT_ID_AFTER_ROLLBACK[backend.name] if kind == "insert" else 4
    assert observation.value["add garlic, commit"]["seen"] == next_id
    assert observation.state == [*(f"{i} {n}" for i, n in enumerate(BASE, 1)),
                                 f"{next_id} garlic"]


# -- SAVEPOINT -----------------------------------------------------------------------

#: Steps up to the ending, the same for every ending of ``savepoints``.
NESTED_START = {
    # begin_nested() sends nothing: the SAVEPOINT waits for a statement inside it.
    "checkpoint 1": [],
    "add basil": [],
    # begin_nested() flushes first: basil is INSERTed inside checkpoint 1, whose
    # SAVEPOINT only now goes out, right after the transaction's BEGIN.
    "checkpoint 2": ["BEGIN", "SAVEPOINT sa_savepoint_1", "INSERT"],
    "add garlic, checkpoint 3": ["SAVEPOINT sa_savepoint_2", "INSERT"],
    "add capers, flush": ["SAVEPOINT sa_savepoint_3", "INSERT"],
}


@pytest.mark.parametrize("style", STYLES)
def test_savepoints_nest_release_and_roll_back(lab: Lab, style: str) -> None:
    """"This command can be called multiple times, and with each call, a checkpoint
    called `checkpoint` is established with a unique identifier."

    Holds on every backend: three ``begin_nested()`` give sa_savepoint_1, 2 and 3.
    Rolling back the third undoes capers only; committing the second and the first
    releases them; nothing is visible outside before the session's COMMIT. But the
    SAVEPOINT is not sent by ``begin_nested()`` itself: it goes out with the first
    statement inside the checkpoint.
    """
    observation = observe(lab, style, "savepoints", "roll back and release")
    assert shapes(observation) == {
        **NESTED_START,
        "checkpoint 3 rollback()": ["ROLLBACK TO SAVEPOINT sa_savepoint_3"],
        "checkpoint 2 commit()": ["RELEASE SAVEPOINT sa_savepoint_2"],
        "checkpoint 1 commit()": ["RELEASE SAVEPOINT sa_savepoint_1"],
        "session commit()": ["COMMIT"],
        "read back": ["BEGIN", "SELECT"],
        END: ["ROLLBACK"],
    }
    kept = [*BASE, "basil", "garlic"]
    tables = outside(observation)
    assert all(tables[label] == list(BASE) for label in [*NESTED_START, "checkpoint 1 commit()"])
    assert tables["session commit()"] == tables[END] == kept
    assert observation.value["read back"]["seen"] == kept
    states = {label: step["session"] for label, step in observation.value.items()}
    assert states["checkpoint 2 commit()"] == "savepoint"
    assert states["checkpoint 1 commit()"] == "transaction"


@pytest.mark.parametrize("style", STYLES)
def test_session_commit_releases_every_open_savepoint(lab: Lab, style: str) -> None:
    """SQLAlchemy 2.x: "The outermost database transaction is committed unconditionally,
    automatically releasing any SAVEPOINTs in effect." (``Session.commit``).

    So ``db.session.commit()`` inside three checkpoints is not "commit the last
    checkpoint": it releases all three, innermost first, and commits everything,
    capers included. (In SQLAlchemy 1.x without ``future=True`` it released the
    innermost SAVEPOINT only and left the transaction open.) A checkpoint in the
    next transaction is named sa_savepoint_1 again: "a unique identifier" holds
    within one transaction, not across them.
    """
    observation = observe(lab, style, "savepoints", "commit with savepoints open")
    committed = [*BASE, "basil", "garlic", "capers"]
    assert shapes(observation) == {
        **NESTED_START,
        "session commit()": ["RELEASE SAVEPOINT sa_savepoint_3",
                             "RELEASE SAVEPOINT sa_savepoint_2",
                             "RELEASE SAVEPOINT sa_savepoint_1", "COMMIT"],
        # The identifiers are unique within a transaction only: they start again.
        "checkpoint 4, add oregano, flush": ["BEGIN", "SAVEPOINT sa_savepoint_1", "INSERT"],
        "read back": ["SELECT"],
        END: ["ROLLBACK TO SAVEPOINT sa_savepoint_1", "ROLLBACK"],
    }
    assert observation.value["session commit()"]["outside"] == committed
    assert observation.value["session commit()"]["session"] == "no transaction"
    # Oregano: seen by its own session, never committed, gone at the end.
    assert observation.value["read back"]["seen"] == [*committed, "oregano"]
    assert observation.value["read back"]["outside"] == committed
    assert outside(observation)[END] == committed


@pytest.mark.parametrize("style", STYLES)
def test_session_rollback_undoes_every_open_savepoint(lab: Lab, style: str) -> None:
    """``db.session.rollback()`` inside three checkpoints rolls back to each of them,
    innermost first, then rolls back the transaction: nothing of it remains."""
    observation = observe(lab, style, "savepoints", "rollback with savepoints open")
    assert shapes(observation)["session rollback()"] == [
        "ROLLBACK TO SAVEPOINT sa_savepoint_3", "ROLLBACK TO SAVEPOINT sa_savepoint_2",
        "ROLLBACK TO SAVEPOINT sa_savepoint_1", "ROLLBACK",
    ]
    assert outside(observation)[END] == list(BASE)
    assert observation.value["read back"]["seen"] == list(BASE)


# -- The pizza -----------------------------------------------------------------------

#: Steps of the walkthrough up to checkpoint A, on every backend.
PIZZA_START = {
    "add meat": [],
    "commit meat": ["BEGIN", "INSERT", "COMMIT"],
    # expire_on_commit: meat is still in the identity map, expired; the lookup
    # (Query.get or Session.get alike) refreshes it.
    "get meat by id": ["BEGIN", "SELECT"],
    "rename to mushrooms, commit": ["UPDATE", "COMMIT"],
    "checkpoint A": [],
}
#: And from there to the end, where pepperoni's INSERT succeeds.
PIZZA_REST = {
    # checkpoint A's SAVEPOINT goes out with pepperoni's INSERT; commit() releases
    # it and commits: checkpoint A ends here.
    "add pepperoni, commit": ["BEGIN", "SAVEPOINT sa_savepoint_1", "INSERT",
                              "RELEASE SAVEPOINT sa_savepoint_1", "COMMIT"],
    # Bacon is only pending; checkpoint B never gets a statement inside it, so its
    # SAVEPOINT is never sent, and its rollback() has nothing to send either.
    "checkpoint B": [],
    "add bacon": [],
    "checkpoint_b.rollback()": [],
    END: [],
}
PIZZA_IDS = [f"{i} {name}" for i, name in enumerate(PIZZA, 1)]


def assert_pizza_runs_through(observation: Observation) -> None:
    """The stated table, each step's statements, and bacon never sent: pending in the
    session until ``checkpoint_b.rollback()`` forgets it."""
    assert observation.error is None
    assert shapes(observation) == {**PIZZA_START, **PIZZA_REST}
    tables = outside(observation)
    assert tables["commit meat"] == [*BASE, "meat"]
    assert tables["rename to mushrooms, commit"] == [*BASE, "mushrooms"]
    assert tables["add pepperoni, commit"] == tables[END] == PIZZA
    assert observation.value["add pepperoni, commit"]["session"] == "no transaction"
    assert observation.value["checkpoint_b.rollback()"]["session"] == "transaction"
    pending = {label: step["pending"] for label, step in observation.value.items()}
    assert pending == {**{label: [] for label in pending}, "add meat": ["meat"],
                       "add bacon": ["bacon"]}
    assert all("bacon" not in s.params for s in observation.statements)
    assert observation.state == PIZZA_IDS


def new_connection_reads(lab: Lab, style: str) -> list[str]:
    """The pizza table of ``style``'s namespace as committed (``Lab.rows``)."""
    rows = lab.rows(style, "ingredient")
    return [f"{row['id']} {row['name']}" for row in rows]


@pytest.mark.parametrize("style", STYLES)
def test_pizza_as_written(lab: Lab, backend: Backend, style: str) -> None:
    """The tutorial's walkthrough, read from outside after every step.

    SQLite and MariaDB: the stated table (mozzarella, tomato, olives, mushrooms,
    pepperoni; no bacon). Their id counters move past meat's explicit id 4, so
    pepperoni gets 5.

    PostgreSQL: ``ingredient.id = 4`` does not advance the SERIAL's sequence, which
    then hands pepperoni id 4 again: the INSERT fails (unique violation), the
    session rolls back to checkpoint A's SAVEPOINT, and ``commit()`` raises
    IntegrityError. Pepperoni is never saved and the walkthrough stops there.
    """
    observation = observe(lab, style, "pizza")
    assert params_of(observation, "INSERT")[0] == (4, "meat")
    if backend.name != "postgresql":
        assert_pizza_runs_through(observation)
        assert new_connection_reads(lab, style) == PIZZA_IDS
        assert params_of(observation, "INSERT")[1] == ("pepperoni",)
        return
    assert observation.error == "IntegrityError"
    assert shapes(observation) == {
        **PIZZA_START,
        "raises IntegrityError": ["BEGIN", "SAVEPOINT sa_savepoint_1", "INSERT",
                                  "ERROR IntegrityError",
                                  "ROLLBACK TO SAVEPOINT sa_savepoint_1"],
        END: ["ROLLBACK"],
    }
    # The INSERT sent no id: the 4 the database refuses came from the sequence.
    assert params_of(observation, "INSERT")[1] == ("pepperoni",)
    assert "Key (id)=(4) already exists" in observation.value["raises IntegrityError"]["seen"]
    assert outside(observation)[END] == [*BASE, "mushrooms"]
    assert observation.state == new_connection_reads(lab, style) == PIZZA_IDS[:4]


@pytest.mark.parametrize("style", STYLES)
def test_pizza_corrected_gives_the_stated_table_everywhere(lab: Lab, style: str) -> None:
    """The corrected walkthrough: meat's id comes from the database (4, read after a
    flush), everything else as written. Same statements, and the stated table, on
    every backend, PostgreSQL included."""
    observation = observe(lab, style, "pizza_corrected")
    assert params_of(observation, "INSERT")[0] == ("meat",)
    assert_pizza_runs_through(observation)
    assert new_connection_reads(lab, style) == PIZZA_IDS


def test_commit_closes_checkpoint_a(lab: Lab) -> None:
    """What the walkthrough leaves of checkpoint A: nothing. ``db.session.commit()``
    inside it releases it and commits, so ``checkpoint_a`` is closed, and rolling
    back to it afterwards raises ResourceClosedError instead of returning there."""
    catalog.reset_pizza(lab, "modern", PIZZA_BASE)
    db = lab.dbs["modern"]
    with lab.apps["modern"].app_context():
        checkpoint_a = db.session.begin_nested()
        db.session.add(modern.transactions.Ingredient(name="pepperoni"))
        db.session.commit()
        assert not checkpoint_a.is_active
        assert not db.session().in_transaction()
        with pytest.raises(sa.exc.ResourceClosedError, match="This transaction is closed"):
            checkpoint_a.rollback()
        db.session.remove()
    assert lab.rows("modern", "ingredient")[-1]["name"] == "pepperoni"


# -- SQLite: the driver's default against the fix ------------------------------------


def _release_then_roll_back(engine: sa.Engine) -> tuple[list[str], bool, list[str]]:
    """A checkpoint first in its transaction, an INSERT, release, then roll back all.

    Returns the log, whether the driver still had a transaction open right after
    RELEASE, and the names a new connection reads afterwards.
    """
    table = modern.transactions.Ingredient.__table__
    table.create(engine)
    with transaction_log(engine) as log, Session(engine) as session:
        checkpoint = session.begin_nested()
        session.add(modern.transactions.Ingredient(name="pepperoni"))
        checkpoint.commit()
        dbapi = session.connection().connection.dbapi_connection
        still_open = bool(getattr(dbapi, "in_transaction", None))
        session.rollback()
    with engine.connect() as connection:
        names = list(connection.execute(sa.select(table.c.name)).scalars())
    return shape([s.sql for s in log.log]), still_open, names


def test_sqlite_driver_default_mishandles_savepoints() -> None:
    """SQLAlchemy's SQLite docs: "a new SAVEPOINT emitted before a BEGIN will function
    on its own but fails to participate in the enclosing transaction, meaning a
    ROLLBACK of the transaction will not rollback elements that were part of a
    released savepoint."

    With the driver's default, SAVEPOINT is the first statement: SQLite makes it the
    transaction, RELEASE commits it, and the session's rollback has nothing left to
    undo: pepperoni stays. With the fix (``fix_savepoints``, applied to every lab
    engine) BEGIN comes first, RELEASE keeps the transaction open, and the rollback
    removes pepperoni. This test needs no server: it runs on SQLite always.
    """
    default_backend = Backend("sqlite", sa.make_url("sqlite://"))
    with namespace(default_backend, "savepoint") as url:
        default = sa.create_engine(url, poolclass=sa.pool.NullPool)
        assert _release_then_roll_back(default) == (
            ["SAVEPOINT sa_savepoint_1", "INSERT", "RELEASE SAVEPOINT sa_savepoint_1",
             "ROLLBACK"],
            False,
            ["pepperoni"],
        )
        default.dispose()
    with namespace(default_backend, "savepoint") as url:
        fixed = fix_savepoints(sa.create_engine(url, poolclass=sa.pool.NullPool))
        assert _release_then_roll_back(fixed) == (
            ["BEGIN", "SAVEPOINT sa_savepoint_1", "INSERT",
             "RELEASE SAVEPOINT sa_savepoint_1", "ROLLBACK"],
            True,
            [],
        )
        fixed.dispose()


def test_lab_engines_have_the_sqlite_fix(lab: Lab, backend: Backend) -> None:
    """Every engine the lab makes gets the fix on SQLite, and only there."""
    engines = [lab.engine(style) for style in lab.apps] + list(lab.outside.values())
    assert [is_fixed(engine) for engine in engines] == [backend.name == "sqlite"] * len(engines)


# -- Isolation between tests ---------------------------------------------------------


def checked_out(engine: sa.Engine) -> int:
    """Connections of ``engine`` in use, that is, not back in its pool."""
    pool = engine.pool
    assert isinstance(pool, sa.pool.QueuePool)  # the pool of every lab engine
    return pool.checkedout()


@pytest.mark.parametrize("style", STYLES)
def test_walkthroughs_commit_without_leaking(lab: Lab, style: str) -> None:
    """Real commits, yet no test sees another's data or waits for its locks.

    Each observation resets ``ingredient`` first (ids restart at 1), and rolls back
    and closes its session at the end: no connection stays checked out, so no open
    transaction can hold a lock that the next TRUNCATE (PostgreSQL, MariaDB) or
    write (SQLite) would wait for. Running the pizza twice gives the same table,
    and the ``person`` table of the other sections is left as it was.
    """
    people = lab.rows(style, "person")
    first = observe(lab, style, "pizza_corrected")
    assert checked_out(lab.engine(style)) == 0
    second = observe(lab, style, "pizza_corrected")
    assert checked_out(lab.engine(style)) == 0
    assert first.state == second.state == PIZZA_IDS
    assert first.value == second.value
    assert lab.rows(style, "person") == people


# -- The catalog rows ----------------------------------------------------------------
# Differences, warnings and claims of every row are held to the catalog by
# test_catalog.py; here, what the pizza claim says when it does not hold.


def test_pizza_claim_explains_the_failure(lab: Lab, backend: Backend) -> None:
    """The claim's explanation names what happened: the table, or the error and why."""
    holds, explanation = check_pizza(lab)
    if backend.name == "postgresql":
        assert not holds
        assert explanation == (
            "in both styles IntegrityError is raised by the step after 'checkpoint A': "
            'duplicate key value violates unique constraint "ingredient_pkey" DETAIL: '
            "Key (id)=(4) already exists. (pepperoni's INSERT drew id 4 from the sequence, "
            "which meat's explicit id 4 had not advanced); a new connection reads "
            "mozzarella, tomato, olives, mushrooms")
    else:
        assert holds and "bacon never reached the database" in explanation
