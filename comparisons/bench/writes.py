"""Writes: the catalog's CRUD rows and two bulk forms, each round from the seeded state.

``setup`` runs before every round of every member, untimed, on a connection of its
own; ``state`` reads what the round left. The CRUD rows are made from the catalog
(``derive.py``: every row declared with a write's ``bench=``), with its first cases'
arguments; rows touched: one past the seed (insert), row 3 (update, delete), 1,000 new
rows (bulk insert), every "dave" (bulk update).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

import legacy.patterns as lp
import modern.patterns as mp
from comparisons.bench.data import Data
from comparisons.bench.derive import drop_new, new_rows
from comparisons.bench.spec import Benchmark, fixed

BULK = 1_000
RENAME = ("dave", "dave (renamed)")


def _bulk_people(data: Data) -> tuple[Any, ...]:
    return ([{"name": f"bulk {i}", "age": i % 90} for i in range(BULK)],)


def _unrename(connection: Connection, data: Data) -> None:
    old, new = RENAME
    connection.execute(sa.text("UPDATE person SET name = :old WHERE name = :new"),
                       {"old": old, "new": new})


def _renamed(connection: Connection, data: Data) -> list[int]:
    found = connection.execute(sa.text("SELECT id FROM person WHERE name = :new"),
                               {"new": RENAME[1]})
    return sorted(row[0] for row in found)


#: The bulk writes: migration patterns, not catalog rows.
BULK_WRITES = [
    Benchmark("writes.bulk_insert", lp.bulk_insert, mp.bulk_insert,
              lambda data, state: sorted(state) == sorted(
                  (p["name"], p["age"]) for p in _bulk_people(data)[0]),
              _bulk_people, setup=drop_new, state=new_rows),
    Benchmark("writes.bulk_update", lp.bulk_update, mp.bulk_update,
              lambda data, state: state == [i for i, name, _ in data.people if name == RENAME[0]],
              fixed(*RENAME), setup=_unrename, state=_renamed),
]
