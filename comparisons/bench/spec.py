"""What a benchmark row is: two styles' functions, their arguments, and how to judge them.

Every row is timed three ways, four where it has a Lite form: the legacy function, the
2.x function, the Lite function (Flask-SQLAlchemy-Lite's, on Lite's ``db`` and models),
and the driver, which replays through a bare DBAPI cursor the very statements the 2.x
function sent.
Values are compared as plain data (``canonical``): a member is correct when its value
equals the driver's and the driver's passes the row's ``check`` against the seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from flask_sqlalchemy.query import Query
from sqlalchemy.engine import Connection, Result, ScalarResult

from comparisons.bench.data import Data, Person3
from comparisons.bench.world import Fetched

Check = Callable[[Data, Any], bool]


def materialise(value: Any) -> Any:
    """Consume a lazy result the way calling code would, inside the timed round."""
    if isinstance(value, (Query, Result, ScalarResult)):
        return list(value)
    return value


def records(value: Any) -> list[Person3]:
    """Any style's people (entities, Rows of one entity, serialized dicts) as tuples."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and not hasattr(value, "_mapping"):
        return [record for item in value for record in records(item)]
    if hasattr(value, "_mapping"):  # a Row of one entity: execute() without .scalars()
        return records(value[0])
    if isinstance(value, dict):
        return [(value["id"], value["name"], value["age"])]
    return [(value.id, value.name, value.age)]


def page(value: Pagination) -> tuple[int | None, list[Person3]]:
    """A Pagination as (total, items): both styles' ``paginate`` count, then page."""
    return value.total, records(value.items)


def items(value: Any) -> list[Person3]:
    """The page's rows only, whether a Pagination or a plain list of rows."""
    return records(value.items if isinstance(value, Pagination) else value)


def rows(fetched: list[Fetched]) -> list[tuple[Any, ...]]:
    """Every row the driver fetched, statement after statement."""
    return [tuple(row) for _, found in fetched for row in found]


def page_rows(fetched: list[Fetched]) -> tuple[int | None, list[tuple[Any, ...]]]:
    """Flask-SQLAlchemy's order: the page's SELECT first, then the count."""
    (_, found), (_, counted) = fetched
    return counted[0][0], [tuple(row) for row in found]


def scalar(fetched: list[Fetched]) -> Any:
    """The last statement's single value (a count)."""
    return fetched[-1][1][0][0]


def _column(names: tuple[str, ...], name: str) -> int | None:
    """Where column ``name`` is: bare, or labelled ``<table>_<name>`` (SQLAlchemy 2.0's
    loaders label their columns, 2.1's do not)."""
    return next((i for i, n in enumerate(names) if n == name or n.endswith(f"_{name}")), None)


def children(fetched: list[Fetched]) -> dict[int, list[str]]:
    """Each parent's post titles from any loader's rows, columns found by name.

    The parents' statement comes first, their primary key in its first column.
    """
    titles: dict[int, list[str]] = {row[0]: [] for row in fetched[0][1]}
    for names, found in fetched:
        title, user = _column(names, "title"), _column(names, "user_id")
        if title is None or user is None:
            continue
        for row in found:
            if row[title] is not None:  # a parent without posts, in a LEFT OUTER JOIN
                titles[row[user]].append(row[title])
    return {user: sorted(found) for user, found in titles.items()}


def same(value: Any) -> Any:
    return value


def unordered(value: Any) -> Any:
    return sorted(value, key=repr) if isinstance(value, list) else value


def same_rows(expected: Callable[[Data], Any]) -> Check:
    """Right when the value holds exactly the expected rows, in whatever order."""
    return lambda data, value: unordered(value) == unordered(expected(data))


def people(keep: Callable[[Person3], bool] = lambda person: True) -> Callable[[Data], Any]:
    return lambda data: [p for p in data.people if keep(p)]


def one_of_the_table(data: Data, value: Any) -> bool:
    """``first()`` without ORDER BY: any one row of the table is right."""
    return len(value) == 1 and value[0] in set(data.people)


def fixed(*args: Any) -> Callable[[Data], tuple[Any, ...]]:
    return lambda data: args


def no_args(data: Data) -> tuple[Any, ...]:
    return ()


#: Every member a group can have, in the order of its check round: the driver last, as
#: it replays what the 2.x member sent.
MEMBERS = ("legacy", "modern", "lite", "driver")


@dataclass(frozen=True)
class Benchmark:
    """One group: ``legacy``, ``modern`` and ``lite`` (where the row has a Lite form)
    called with ``args(data)``, and the driver.

    Writes name a ``setup`` that restores the seeded state before every round (of every
    member) and a ``state`` that reads what the round left: that, not the return value,
    is what their ``check`` judges.
    """

    id: str
    legacy: Callable[..., Any]
    modern: Callable[..., Any]
    check: Check
    args: Callable[[Data], tuple[Any, ...]] = no_args
    orm: Callable[[Any], Any] = records
    driver: Callable[[list[Fetched]], Any] = rows
    setup: Callable[[Connection, Data], None] | None = None
    state: Callable[[Connection, Data], Any] | None = None
    legacy_warns: tuple[type[Warning], ...] = field(default=())
    #: The driver fetches one row per statement, as ``Result.first()`` does.
    first: bool = False
    #: The Lite form, where there is one (a migration pattern may have none).
    lite: Callable[..., Any] | None = None

    @property
    def members(self) -> tuple[str, ...]:
        """The group's members, in ``MEMBERS`` order: no Lite member without a Lite form."""
        return tuple(m for m in MEMBERS if m != "lite" or self.lite is not None)


def ids(benchmarks: Iterable[Benchmark]) -> list[str]:
    return [b.id for b in benchmarks]
