"""Writes: the catalog's CRUD rows and two bulk forms, each round from the seeded state.

``setup`` runs before every round of every member, untimed, on a connection of its
own; ``state`` reads what the round left. Rows touched: one past the seed (insert),
the middle rows (update, delete), 1,000 new rows (bulk insert), every "dave" (bulk
update).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

import legacy.patterns as lp
import legacy.queries as lq
import modern.patterns as mp
import modern.queries as mq
from comparisons.bench.data import Data
from comparisons.bench.reads import LEGACY_API
from comparisons.bench.spec import Benchmark, fixed

NEW = ("Bench", 40)
BULK = 1_000
RENAME = ("dave", "dave (renamed)")


def _drop_new(connection: Connection, data: Data) -> None:
    connection.execute(sa.text("DELETE FROM person WHERE id > :size"), {"size": data.size})


def _new_rows(connection: Connection, data: Data) -> list[tuple[Any, ...]]:
    found = connection.execute(sa.text("SELECT name, age FROM person WHERE id > :size"),
                               {"size": data.size})
    return [tuple(row) for row in found]


def _updated(data: Data) -> int:
    return data.size // 2


def _deleted(data: Data) -> int:
    return data.size // 2 + 1


def _restore(connection: Connection, data: Data, id: int) -> None:
    """Put seed row ``id`` back as it was, whether changed or deleted."""
    _, name, age = data.people[id - 1]
    connection.execute(sa.text("DELETE FROM person WHERE id = :id"), {"id": id})
    connection.execute(sa.text("INSERT INTO person (id, name, age) VALUES (:id, :name, :age)"),
                       {"id": id, "name": name, "age": age})


def _name_of(id_of: Any) -> Any:
    def read(connection: Connection, data: Data) -> list[tuple[Any, ...]]:
        found = connection.execute(sa.text("SELECT name FROM person WHERE id = :id"),
                                   {"id": id_of(data)})
        return [tuple(row) for row in found]
    return read


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


WRITES = [
    Benchmark("crud.insert", lq.insert, mq.insert, lambda data, state: state == [NEW],
              fixed(*NEW), setup=_drop_new, state=_new_rows),
    Benchmark("crud.update", lq.update, mq.update, lambda data, state: state == [(NEW[0],)],
              lambda data: (_updated(data), NEW[0]),
              setup=lambda c, data: _restore(c, data, _updated(data)),
              state=_name_of(_updated), legacy_warns=LEGACY_API),
    Benchmark("crud.delete", lq.delete, mq.delete, lambda data, state: state == [],
              lambda data: (_deleted(data),),
              setup=lambda c, data: _restore(c, data, _deleted(data)),
              state=_name_of(_deleted), legacy_warns=LEGACY_API),
    Benchmark("writes.bulk_insert", lp.bulk_insert, mp.bulk_insert,
              lambda data, state: sorted(state) == sorted(
                  (p["name"], p["age"]) for p in _bulk_people(data)[0]),
              _bulk_people, setup=_drop_new, state=_new_rows),
    Benchmark("writes.bulk_update", lp.bulk_update, mp.bulk_update,
              lambda data, state: state == [i for i, name, _ in data.people if name == RENAME[0]],
              fixed(*RENAME), setup=_unrename, state=_renamed),
]
