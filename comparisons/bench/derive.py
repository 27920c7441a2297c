"""The catalog's rows as benchmarks, made from each row's own fields.

A row declared with ``bench=`` (``comparisons.values.rows.Bench``) is a benchmark:
its members are the row's legacy function, its recommended 2.x function (the source's
own where no other is recommended) and its Lite variant's function (``lite``, where the
row has one), called with the arguments of the row's first case; the legacy member must
warn what the row's ``warnings`` say, the 2.x and Lite members nothing. The hint says
what the call answers on the seed, which is what the check judges; nothing here names a
row.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.engine import Connection

from comparisons.bench.data import Data
from comparisons.bench.spec import (
    Benchmark,
    Check,
    fixed,
    one_of_the_table,
    page,
    page_rows,
    people,
    same,
    same_rows,
    scalar,
)
from comparisons.values.rows import Bench, Row, Variant

#: What a write leaves, not what it returns, is what a write's check judges.
WRITES = ("inserted", "renamed", "deleted")


def modern_form(row: Row) -> Variant:
    """The 2.x form a benchmark times: the recommended one, else the source's own."""
    modern = [v for v in row.variants if v.target == "modern"]  # not Lite's
    return next((v for v in modern if v.name == "recommended"), modern[0])


def lite_form(row: Row) -> Callable[..., Any] | None:
    """The Lite function a benchmark times: the row's ``lite`` variant's, if it has one."""
    found = [v for v in row.variants if v.key == "lite"]
    return found[0].side.target if found and callable(found[0].side.target) else None


def hint(row: Row) -> Bench | None:
    return row.bench


def categories(names: Iterable[str]) -> tuple[type[Warning], ...]:
    """Warning classes by the names the catalog declares (SQLAlchemy's, else builtins)."""
    found = []
    for name in names:
        category = getattr(sqlalchemy.exc, name, None) or getattr(builtins, name, None)
        if not (isinstance(category, type) and issubclass(category, Warning)):
            raise ValueError(f"{name}: not a warning category")
        found.append(category)
    return tuple(found)


def drop_new(connection: Connection, data: Data) -> None:
    connection.execute(sa.text("DELETE FROM person WHERE id > :size"), {"size": data.size})


def new_rows(connection: Connection, data: Data) -> list[tuple[Any, ...]]:
    found = connection.execute(sa.text("SELECT name, age FROM person WHERE id > :size"),
                               {"size": data.size})
    return [tuple(row) for row in found]


def _restore(id: int) -> Callable[[Connection, Data], None]:
    """Put seed row ``id`` back as it was, whether changed or deleted."""
    def restore(connection: Connection, data: Data) -> None:
        _, name, age = data.people[id - 1]
        connection.execute(sa.text("DELETE FROM person WHERE id = :id"), {"id": id})
        connection.execute(
            sa.text("INSERT INTO person (id, name, age) VALUES (:id, :name, :age)"),
            {"id": id, "name": name, "age": age})
    return restore


def _name_of(id: int) -> Callable[[Connection, Data], list[tuple[Any, ...]]]:
    def read(connection: Connection, data: Data) -> list[tuple[Any, ...]]:
        found = connection.execute(sa.text("SELECT name FROM person WHERE id = :id"),
                                   {"id": id})
        return [tuple(row) for row in found]
    return read


def _page(number: int, per_page: int) -> Check:
    """Page ``number`` of ``per_page`` rows: the table's size as total, that many of its
    rows (no ORDER BY: which ones is the backend's choice)."""
    def check(data: Data, value: tuple[int | None, list[Any]]) -> bool:
        total, found = value
        expected = max(0, min(per_page, data.size - (number - 1) * per_page))
        return total == data.size and len(found) == expected and \
            set(found) <= set(data.people)
    return check


def benchmark(row: Row) -> Benchmark:
    """The benchmark of a row declared with ``bench=``."""
    bench = hint(row)
    if bench is None:
        raise ValueError(f"{row.id}: declare bench=Bench(...) on its row to benchmark it")
    args = row.cases[0].args
    kept = people(lambda person: bench.people(person, *args))
    common: dict[str, Any] = {
        "id": row.id, "legacy": row.legacy.target, "modern": modern_form(row).side.target,
        "lite": lite_form(row),
        "args": fixed(*args), "legacy_warns": categories(row.warnings.get("legacy", ())),
    }
    answer = bench.answer
    if answer == "rows":
        return Benchmark(check=same_rows(kept), **common)
    if answer == "one":
        return Benchmark(check=one_of_the_table, **common)
    if answer == "count":
        return Benchmark(check=lambda data, value: value == len(kept(data)), orm=same,
                         driver=scalar, **common)
    if answer == "page":
        return Benchmark(check=_page(*args), orm=page, driver=page_rows, **common)
    if answer == "inserted":
        return Benchmark(check=lambda data, state: state == [args], setup=drop_new,
                         state=new_rows, **common)
    id, *rest = args
    if answer == "renamed":
        return Benchmark(check=lambda data, state: state == [tuple(rest)],
                         setup=_restore(id), state=_name_of(id), **common)
    assert answer == "deleted", answer
    return Benchmark(check=lambda data, state: state == [], setup=_restore(id),
                     state=_name_of(id), **common)


def benchmarks(rows: Iterable[Row], writes: bool) -> list[Benchmark]:
    """The benchmarks of the rows declared with ``bench=``: reads, or writes."""
    return [benchmark(row) for row in rows
            if (bench := hint(row)) is not None and (bench.answer in WRITES) == writes]
