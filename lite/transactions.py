"""The tutorial's "Transactions" section for Flask-SQLAlchemy-Lite.

Mirrors ``legacy/transactions.py`` and ``modern/transactions.py``: same names, same
signatures. The functions are ``modern.transactions``' own, letter for letter, copied
because they read this module's ``db`` and ``Ingredient``, which are Lite's; only the
model's base differs (``Base``, not ``db.Model``). Each
function is a walkthrough that calls ``step(label)`` after every step, so that an
observer can see what reached the database at that point; by default it is silent.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from lite.models import Base, db

#: The pizza base, seeded before every walkthrough: ids 1, 2, 3.
BASE = ("mozzarella", "tomato", "olives")


class Step(Protocol):
    """Called after each step: its label and, optionally, what the session saw."""

    def __call__(self, label: str, seen: object = None, /) -> None: ...


def quiet(label: str, seen: object = None, /) -> None:
    """The default ``step``: the walkthrough runs with nobody watching."""


class Ingredient(Base):
    """The tutorial's ``Ingredient`` (its table is "Pizza" in the prose, the model's
    own name here); schema-identical to ``legacy.transactions.Ingredient``."""

    __tablename__ = "ingredient"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(250))


def names() -> list[str]:
    """The ingredients as this session sees them, by id."""
    ingredients = db.session.execute(select(Ingredient).order_by(Ingredient.id)).scalars()
    return [ingredient.name for ingredient in ingredients]


def by_name(name: str) -> Ingredient:
    return db.session.execute(select(Ingredient).where(Ingredient.name == name)).scalar_one()


def change(kind: str) -> None:
    """One INSERT, UPDATE or DELETE: "When you use INSERT, UPDATE, or DELETE...\""""
    if kind == "insert":
        db.session.add(Ingredient(name="basil"))
    elif kind == "update":
        by_name("olives").name = "capers"
    elif kind == "delete":
        db.session.delete(by_name("tomato"))
    else:
        raise ValueError(f"unknown change {kind!r}")


# -- COMMIT: session.commit() ------------------------------------------------------


def commit(step: Step = quiet, kind: str = "insert") -> None:
    """"when you use the COMMIT command, the changes to your database will be permanent."

    The change is flushed first, so that the database has it before the COMMIT:
    the flush and the commit are two steps an observer can tell apart.
    """
    change(kind)
    step("change")
    db.session.flush()
    step("flush")
    db.session.commit()
    step("commit")


# -- ROLLBACK: session.rollback() --------------------------------------------------


def rollback(step: Step = quiet, kind: str = "insert") -> None:
    """"The ROLLBACK command restores your database to your last COMMIT."

    After the rollback the session reads the table back, then adds and commits
    one more ingredient, whose id shows whether the rollback gave its id back.
    """
    change(kind)
    db.session.flush()
    step("change, flush")
    db.session.rollback()
    step("rollback")
    step("read back", names())
    garlic = Ingredient(name="garlic")
    db.session.add(garlic)
    db.session.flush()
    garlic_id = garlic.id  # before the commit expires it: no extra SELECT
    db.session.commit()
    step("add garlic, commit", garlic_id)


# -- SAVEPOINT: session.begin_nested() ---------------------------------------------

#: How ``savepoints`` ends, given three checkpoints and a flushed change in the last.
ENDINGS = ("roll back and release", "commit with savepoints open",
           "rollback with savepoints open")


def savepoints(step: Step = quiet, ending: str = ENDINGS[0]) -> None:
    """"This command can be called multiple times, and with each call, a checkpoint
    called ``checkpoint`` is established with a unique identifier."

    Three levels: basil before checkpoint 2, garlic before checkpoint 3, capers
    (flushed) inside checkpoint 3. ``begin_nested()`` flushes what is pending first.
    After a commit, a fourth checkpoint (oregano) is left open for the observer's
    final rollback.
    """
    first = db.session.begin_nested()
    step("checkpoint 1")
    db.session.add(Ingredient(name="basil"))
    step("add basil")
    second = db.session.begin_nested()
    step("checkpoint 2")
    db.session.add(Ingredient(name="garlic"))
    third = db.session.begin_nested()
    step("add garlic, checkpoint 3")
    db.session.add(Ingredient(name="capers"))
    db.session.flush()
    step("add capers, flush")
    if ending == "roll back and release":
        third.rollback()
        step("checkpoint 3 rollback()")
        second.commit()
        step("checkpoint 2 commit()")
        first.commit()
        step("checkpoint 1 commit()")
        db.session.commit()
        step("session commit()")
    elif ending == "commit with savepoints open":
        db.session.commit()
        step("session commit()")
        # A checkpoint in the next transaction: are the identifiers still unique?
        db.session.begin_nested()
        db.session.add(Ingredient(name="oregano"))
        db.session.flush()
        step("checkpoint 4, add oregano, flush")
    elif ending == "rollback with savepoints open":
        db.session.rollback()
        step("session rollback()")
    else:
        raise ValueError(f"unknown ending {ending!r}")
    step("read back", names())


# -- The pizza -----------------------------------------------------------------------


def pizza(step: Step = quiet) -> None:
    """The tutorial's pizza walkthrough as written, ``db.session.get`` for the lookup.

    "Finally, our 'Pizza' looks like this": mozzarella, tomato, olives, mushrooms,
    pepperoni, and no bacon.
    """
    # Let's assume we already added the base ingredients beforehand
    ingredient = Ingredient()
    ingredient.name = "meat"
    ingredient.id = 4
    db.session.add(ingredient)
    step("add meat")
    db.session.commit()
    step("commit meat")
    # The tutorial does not check for None: id 4 was just committed.
    ingredient = db.session.get(Ingredient, 4)  # type: ignore[assignment]
    step("get meat by id")
    ingredient.name = "mushrooms"
    db.session.commit()
    step("rename to mushrooms, commit")
    checkpoint_a = db.session.begin_nested()  # noqa: F841  # the tutorial names it
    step("checkpoint A")
    ingredient = Ingredient()
    ingredient.name = "pepperoni"
    db.session.add(ingredient)
    db.session.commit()
    step("add pepperoni, commit")
    checkpoint_b = db.session.begin_nested()
    step("checkpoint B")
    ingredient = Ingredient()
    ingredient.name = "bacon"
    db.session.add(ingredient)
    step("add bacon")
    checkpoint_b.rollback()
    step("checkpoint_b.rollback()")


def pizza_corrected(step: Step = quiet) -> None:
    """The walkthrough with one change: meat gets its id from the database.

    ``ingredient.id = 4`` bypasses PostgreSQL's sequence, whose next value is then
    the 4 already taken, so pepperoni's INSERT fails. Letting the database assign
    the id (read after a flush) keeps the sequence right on every backend.
    """
    ingredient = Ingredient()
    ingredient.name = "meat"
    db.session.add(ingredient)
    step("add meat")
    db.session.flush()
    meat_id = ingredient.id  # assigned by the database, 4 after the three base rows
    db.session.commit()
    step("commit meat")
    ingredient = db.session.get(Ingredient, meat_id)  # type: ignore[assignment]
    step("get meat by id")
    ingredient.name = "mushrooms"
    db.session.commit()
    step("rename to mushrooms, commit")
    checkpoint_a = db.session.begin_nested()  # noqa: F841  # the tutorial names it
    step("checkpoint A")
    ingredient = Ingredient()
    ingredient.name = "pepperoni"
    db.session.add(ingredient)
    db.session.commit()
    step("add pepperoni, commit")
    checkpoint_b = db.session.begin_nested()
    step("checkpoint B")
    ingredient = Ingredient()
    ingredient.name = "bacon"
    db.session.add(ingredient)
    step("add bacon")
    checkpoint_b.rollback()
    step("checkpoint_b.rollback()")
