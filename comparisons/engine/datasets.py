"""Data sets, by name: table name to rows, chosen to find differences, not to look nice.

Rows carry no ids: every reset restarts identities, so ids follow list order. Tables
are listed parents first. Other modules register their data sets in ``DATASETS``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

PER_PAGE = 10

#: More rows than two pages; duplicate names (ties in the sort key: alex, bob),
#: NULL ages, and non-ASCII names that collations order differently.
_MANY = [
    ("alex", 30), ("Zoë", 25), ("bob", None), ("alex", 41), ("José", 26),
    ("李雷", 33), ("carol", None), ("dave", 25), ("erin", 19), ("bob", 52),
    ("Łukasz", 38), ("frank", 26), ("grace", None), ("heidi", 70), ("ivan", 25),
    ("judy", 31), ("mallory", 44), ("niaj", None), ("olivia", 27), ("peggy", 29),
    ("rupert", 36), ("sybil", 22), ("trent", 61),
]

PEOPLE: dict[str, list[tuple[str, int | None]]] = {
    "empty": [],
    "single": [("alex", 30)],
    "many": _MANY,
}

Dataset = Mapping[str, Sequence[Mapping[str, Any]]]

DATASETS: dict[str, Dataset] = {
    name: {"person": [{"name": n, "age": a} for n, a in people]}
    for name, people in PEOPLE.items()
}


def seed(dataset: str) -> Dataset:
    """The data set named ``dataset``: table name to rows, for ``Lab.reset``."""
    try:
        return DATASETS[dataset]
    except KeyError:
        raise KeyError(f"no data set {dataset!r}: register it in DATASETS") from None
