"""What running one side of a row showed, as plain values.

One contract for every kind of row: operations, models, walkthroughs, relationship
scenarios and typing probes all hand back an :class:`Observation`, whose fields are
canonical values (``comparisons.values.plain``) and :class:`Statement` records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Statement:
    """One statement as the database received it, and the form it is compared by."""

    sql: str
    params: Any = ()  # canonical (comparisons.values.plain), in full
    phase: str = "call"  # "call": while the code ran; "use": while its result was consumed
    raw: str = ""
    refused: str | None = None  # the exception the database raised for it
    shown: str = ""  # the same statement on SQLAlchemy's generic dialect: for readers


@dataclass(frozen=True)
class Observation:
    """Everything one call showed: the value, how it came back, and its side effects."""

    kind: str  # kind of object returned; "exception" where the code raised
    value: Any  # canonical (comparisons.values.plain)
    items: str | None = None  # kind of the elements of a collection, when it has any
    error: str | None = None  # the exception's class name
    phase: str | None = None  # where it was raised: "call" or "use"
    statements: tuple[Statement, ...] = ()
    warnings: tuple[str, ...] = ()
    state: Any = None  # the tables afterwards, read from a new connection
    types: Any = None  # static types mypy reports (typing rows only)
    reason: str | None = None  # the exception's message (shown, not compared)
    detail: Any = None  # what a reader or a claim check needs besides (shown, not compared)
