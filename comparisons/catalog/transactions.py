"""Rows of the tutorial's "Transactions" section: commit, rollback, savepoints, the pizza.

How they are observed is in ``comparisons.observers.walkthrough``, how the tutorial's
sentences are checked in ``comparisons.catalog.walkthrough_claims``; this module is the
rows, as data.
"""

from __future__ import annotations

import legacy.transactions
import modern.transactions
from comparisons.catalog.build import Function, lite_form, recommended, row, written
from comparisons.catalog.walkthrough_claims import (
    CHANGES,
    PIZZA_BASE,
    check_commit,
    check_pizza,
    check_rollback,
    check_savepoint,
)
from comparisons.engine.datasets import DATASETS
from comparisons.observers.walkthrough import observe_walkthrough
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Claim, On, Row

SECTION = "transactions"

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


_CHANGE_CASES = tuple(Case(kind, PIZZA_BASE, (kind,)) for kind in CHANGES)
_SAME = ("Both styles make the same session calls and the same reads "
         "(Model.query against select()), which emit the same SQL: nothing differs.")
_SAME_ON_LITE = ("lite.transactions is modern.transactions' code on Lite's plain Session, "
                 "whose defaults (autoflush, expire_on_commit, autobegin) are SQLAlchemy's, "
                 "as Flask-SQLAlchemy's are: the same statements in the same transactions. ")
EVERYWHERE = {"sqlite": True, "postgresql": True, "mariadb": True}


def _row(name: str, title: str, code: str, legacy_function: Function,
         modern_function: Function, cases: tuple[Case, ...], claim: Claim) -> Row:
    return row(f"{SECTION}.{name}", title, (code, code), legacy_function, cases,
               written(modern_function, "identical", why=_SAME),
               lite_form(why=_SAME_ON_LITE),
               observer=observe_walkthrough, claim=claim)


ROWS: list[Row] = [
    _row("commit", "COMMIT: session.commit()", "session.commit()",
         legacy.transactions.commit, modern.transactions.commit,
         _CHANGE_CASES,
         Claim("when you use the COMMIT command, the changes to your database will be "
               "permanent.", check_commit, EVERYWHERE)),
    _row("rollback", "ROLLBACK: session.rollback()", "db.session.rollback()",
         legacy.transactions.rollback, modern.transactions.rollback, _CHANGE_CASES,
         Claim("The ROLLBACK command restores your database to your last COMMIT.",
               check_rollback, EVERYWHERE)),
    _row("savepoint", "SAVEPOINT: session.begin_nested()", "db.session.begin_nested()",
         legacy.transactions.savepoints, modern.transactions.savepoints,
         tuple(Case(ending, PIZZA_BASE, (ending,)) for ending in modern.transactions.ENDINGS),
         Claim("This command can be called multiple times, and with each call, a checkpoint "
               "called `checkpoint` is established with a unique identifier.",
               check_savepoint, EVERYWHERE)),
]

QUERY_GET_WARNS = Diff("warnings", "", "LegacyAPIWarning", "none")
_MEAT_WITHOUT_ID = (
    Diff("sql", "statement 2 of 12",
         'INSERT INTO ingredient (id, name) VALUES (:id, :name) with [4, "meat"]',
         'INSERT INTO ingredient (name) VALUES (:name) with ["meat"]'),
)
_PEPPERONI_SAVED = (
    Diff("state", "database afterwards", "also has []", 'also has ["5 pepperoni"]'),
    Diff("raises", "", "IntegrityError", "nothing"),
    # The tutorial's pepperoni INSERT is refused and rolled back; the corrected one
    # is released and committed: one entry more in the legacy transaction log.
    Diff("statements", "", "13", "12"),
    Diff("sql", "only one side sent",
         "INSERT INTO ingredient (id, name) VALUES (:id, :name) | INSERT INTO ingredient "
         "(name) VALUES (:name) (refused: IntegrityError) | ERROR IntegrityError | "
         "ROLLBACK TO SAVEPOINT sa_savepoint_1 | ROLLBACK",
         "INSERT INTO ingredient (name) VALUES (:name) (x2) | COMMIT | "
         "RELEASE SAVEPOINT sa_savepoint_1"),
)

WHY_PIZZA = (
    "Ingredient.query.get(4) and db.session.get(Ingredient, 4) find the expired meat in "
    "the identity map and refresh it with the same SELECT; only the legacy call warns "
    "(LegacyAPIWarning). On PostgreSQL both styles raise IntegrityError at pepperoni: "
    "see the claim."
)
PIZZA_ON = (On(backend="postgresql", verdict="both-fail"),)
WHY_PIZZA_CORRECTED = (
    "The corrected walkthrough lets the database give meat its id (read after a flush) "
    "instead of setting ingredient.id = 4, so its INSERT has no id column; everything "
    "else is the tutorial's. On SQLite and MariaDB that is the only difference: their "
    "counters move past an explicit id. PostgreSQL's sequence does not, so there the "
    "tutorial's code raises IntegrityError at pepperoni and leaves no pepperoni, while "
    "the corrected code runs through and saves it."
)
PIZZA_CORRECTED_ON = (On(backend="postgresql", verdict="behaviour-change",
                         drop=_MEAT_WITHOUT_ID, add=_PEPPERONI_SAVED),)
ON_LITE = "On Lite as in 2.x (lite.transactions is the same code on a plain Session). "

ROWS.append(row(
    f"{SECTION}.pizza", "SAVEPOINT: the pizza walkthrough",
    (PIZZA_CODE, PIZZA_CODE.replace("Ingredient.query.get(4)", "db.session.get(Ingredient, 4)")),
    legacy.transactions.pizza, (Case("as written", PIZZA_BASE),),
    written(modern.transactions.pizza, "drop-in", QUERY_GET_WARNS, why=WHY_PIZZA, on=PIZZA_ON),
    recommended(modern.transactions.pizza_corrected, "drop-in", QUERY_GET_WARNS,
                *_MEAT_WITHOUT_ID, why=WHY_PIZZA_CORRECTED, on=PIZZA_CORRECTED_ON),
    lite_form(why=ON_LITE, name="as_written", like="as_written"),
    lite_form(why=ON_LITE),
    observer=observe_walkthrough, warnings=LEGACY_API,
    claim=Claim("Finally, our 'Pizza' looks like this: [the tutorial's table: mozzarella, "
                "tomato, olives, mushrooms, pepperoni; no bacon]", check_pizza,
                {"sqlite": True, "postgresql": False, "mariadb": True}),
))

# The helper the walkthroughs' UPDATE and DELETE rely on, for a name that is there and
# for one that is not: a form that returned None for a missing name (scalar_one_or_none,
# first) would pass the walkthroughs, which only ask for olives and tomato.
ROWS.append(row(
    "transactions.by_name", "The walkthrough's lookup by name",
    ("Ingredient.query.filter_by(name=name).one()",
     "db.session.execute(select(Ingredient).where(Ingredient.name == name)).scalar_one()"),
    legacy.transactions.by_name,
    (Case("present", PIZZA_BASE, ("olives",)), Case("missing", PIZZA_BASE, ("basil",)),
     Case("two matches", "two olives", ("olives",)),
     Case("empty table", "empty ingredients", ("olives",))),
    written(modern.transactions.by_name, "identical",
            why="Query.one() and Result.scalar_one() send the same SELECT and raise "
                "NoResultFound for no row, MultipleResultsFound for two."),
    lite_form(why="modern.transactions.by_name's code on Lite's session: "),
))
DATASETS["two olives"] = {"ingredient": [{"name": "olives"}, {"name": "olives"}]}
DATASETS["empty ingredients"] = {"ingredient": []}
