"""Seed data chosen to find differences, not to look nice.

Rows carry no ids: every reset restarts identities, so ids follow list order.
"""

from __future__ import annotations

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


def seed(dataset: str) -> dict[str, list[dict[str, Any]]]:
    """Table name to rows, for ``Lab.reset``."""
    return {"person": [{"name": name, "age": age} for name, age in PEOPLE[dataset]]}
