"""The tutorial's sentences about transactions, checked on each style's walkthroughs.

Each check runs walkthroughs of ``legacy.transactions`` and ``modern.transactions`` by
name through the walkthrough observer, on the pizza base, and says whether the
sentence holds.
"""

from __future__ import annotations

from typing import Any

import legacy.transactions
import lite.transactions
import modern.transactions
from comparisons.engine.datasets import DATASETS
from comparisons.engine.lab import Lab
from comparisons.observers.walkthrough import END, observe_walkthrough
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

BASE = modern.transactions.BASE
PIZZA_BASE = "pizza base"
DATASETS[PIZZA_BASE] = {"ingredient": [{"name": name} for name in BASE]}

#: Each style's walkthroughs, by style name.
MODULES = {"legacy": legacy.transactions, "modern": modern.transactions,
           "lite": lite.transactions}


def walkthrough(lab: Lab, style: str, function: str, *args: Any) -> Observation:
    """Observe one walkthrough of ``style``'s ``transactions`` module, by name."""
    module = MODULES[style]
    return observe_walkthrough(lab, Side(style, getattr(module, function)),
                               Case(function, PIZZA_BASE, args))



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


