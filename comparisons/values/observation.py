"""What running one side of a row showed, as plain values.

One contract for every kind of row: operations, models, walkthroughs, relationship
scenarios and typing probes all hand back an :class:`Observation`, whose fields are
canonical values (``comparisons.values.plain``) and :class:`Statement` records.

Both round-trip exactly through JSON (:meth:`Observation.to_json`,
:meth:`Observation.from_json`), so that a side observed in one environment can be
compared in another: ``Observation.from_json(json.loads(json.dumps(o.to_json()))) == o``.
A field at its default is left out of the JSON, every other field is written as it is;
a value JSON would not give back as it was (a tuple, a key that is not a string, an
object) is refused when written, never changed silently.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_T = TypeVar("_T")
_D = TypeVar("_D", bound="DataclassInstance")


@dataclass(frozen=True)
class Statement:
    """One statement as the database received it, and the form it is compared by."""

    sql: str
    params: Any = ()  # canonical (comparisons.values.plain), in full
    phase: str = "call"  # "call": while the code ran; "use": while its result was consumed
    raw: str = ""
    refused: str | None = None  # the exception the database raised for it
    shown: str = ""  # the same statement on SQLAlchemy's generic dialect: for readers

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``sql``, and each other field that is not at its default."""
        return _written(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Statement:
        return _read(cls, data)


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

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``kind``, ``value``, and each other field not at its default.

        ``statements`` is a list of :meth:`Statement.to_json` dicts, ``warnings`` a list
        of strings; the other fields are written as they are.
        """
        return _written(self, statements=[s.to_json() for s in self.statements],
                        warnings=list(self.warnings))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Observation:
        return _read(cls, data, statements=tuple(
            Statement.from_json(s) for s in _field(data, "statements", list, [])),
            warnings=tuple(_field(data, "warnings", list, [])))


def exact(value: Any, where: str) -> Any:
    """``value``, if JSON gives it back equal; else a ``ValueError``.

    JSON keeps ``True``, ``1`` and ``1.0`` apart; what it would change (a tuple into a
    list, a key ``1`` into ``"1"``) or cannot write (an object, ``NaN``) is refused. A
    subclass of ``str`` or ``int`` (SQLAlchemy's ``quoted_name``) comes back as the
    plain type, equal to it.
    """
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: not JSON: {error}") from None
    if json.loads(text) != value:
        raise ValueError(f"{where}: JSON would not give {value!r} back as it is")
    return value


def _written(obj: DataclassInstance, **converted: Any) -> dict[str, Any]:
    """A dataclass's fields as JSON, those at their default left out."""
    found: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if (field.default is not dataclasses.MISSING and type(value) is type(field.default)
                and value == field.default):
            continue
        where = f"{type(obj).__name__}.{field.name}"
        found[field.name] = converted[field.name] if field.name in converted else exact(
            value, where)
    return found


def _read(cls: type[_D], data: Mapping[str, Any], **converted: Any) -> _D:
    """A dataclass from :func:`_written`'s JSON; unknown or missing fields are refused."""
    names = {field.name for field in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {unknown}")
    try:
        return cls(**{**data, **converted})
    except TypeError as error:  # a required field missing
        raise ValueError(f"{cls.__name__}: {error}") from None


def _field(data: Mapping[str, Any], name: str, kind: type[_T], default: _T) -> _T:
    value = data.get(name, default)
    if not isinstance(value, kind):
        raise ValueError(f"{name}: expected {kind.__name__}, got {type(value).__name__}")
    return value
