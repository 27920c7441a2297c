"""Observations: what running one side of a row did, as plain comparable values."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.engine import Result, Row, ScalarResult
from sqlalchemy.orm import Query

from comparisons.lab import Lab
from comparisons.sql import Statement, recording


@dataclass(frozen=True)
class Observation:
    """Everything one call showed: the value, how it came back, and its side effects."""

    kind: str
    value: Any
    statements: tuple[Statement, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    state: Any = None
    items: str | None = None  # kind of the elements of a collection, when it has any
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def records(self) -> Any:
        """The value with one-entity ``Row``s unwrapped: what the rows are, not their shape."""
        return _unwrap(self.value)


def kind_of(obj: Any) -> str:
    """A short name for the kind of object a call hands back."""
    if obj is None:
        return "None"
    if isinstance(obj, Query):
        return "Query"
    if isinstance(obj, Pagination):
        return "Pagination"
    if isinstance(obj, ScalarResult):
        return "ScalarResult"
    if isinstance(obj, Result):
        return "Result"
    if isinstance(obj, Row):
        return "Row"
    return type(obj).__name__


def materialise(obj: Any) -> Any:
    """Consume a lazy result the way calling code would, by iterating it."""
    if isinstance(obj, (Query, Result, ScalarResult)):
        return list(obj)
    return obj


def plain(obj: Any) -> Any:
    """``obj`` as JSON-like values: entities become dicts of their columns."""
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, Pagination):
        return {"items": plain(obj.items), "page": obj.page, "per_page": obj.per_page,
                "total": obj.total, "pages": obj.pages}
    if isinstance(obj, Row):
        return [plain(item) for item in obj]
    if isinstance(obj, (list, tuple)):
        return [plain(item) for item in obj]
    if isinstance(obj, dict):
        return {key: plain(value) for key, value in obj.items()}
    mapper = sa.inspect(obj).mapper
    return {attr.key: plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict) and "items" in value and "total" in value:
        return _unwrap(value["items"])
    if isinstance(value, list):
        return [item[0] if isinstance(item, list) and len(item) == 1 else item for item in value]
    return value


def _items_kind(value: Any) -> str | None:
    items = value.items if isinstance(value, Pagination) else value
    if isinstance(items, list) and items:
        return " | ".join(sorted({kind_of(item) for item in items}))
    return None


def observe_call(lab: Lab, style: str, func: Callable[..., Any], args: tuple[Any, ...],
                 repeat: int = 1) -> Observation:
    """Call ``func(*args)`` ``repeat`` times in one session of ``style``'s app, then use it."""
    app, db = lab.apps[style], lab.dbs[style]
    with app.app_context(), recording(db.engine) as recorder, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for _ in range(repeat):
                result = func(*args)
            kind = kind_of(result)
            recorder.phase = "use"
            used = materialise(result)
            value, items = plain(used), _items_kind(used)
            error = None
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            kind, value, items, error = "exception", None, None, type(exc).__name__
        finally:
            db.session.rollback()
    return Observation(kind=kind, value=value, items=items, error=error,
                       statements=tuple(recorder.statements),
                       warnings=tuple(sorted({w.category.__name__ for w in caught})))
