"""Observations: what running one side of a row did, as canonical comparable values.

One contract for every kind of row: operations, models, walkthroughs, relationship
scenarios and typing probes all hand back an :class:`Observation`, built from one
:class:`comparisons.engine.capture.Capture`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.engine import Result, Row, ScalarResult
from sqlalchemy.engine.result import MappingResult, TupleResult
from sqlalchemy.orm import Query

from comparisons.engine.capture import Capture, capturing
from comparisons.engine.lab import Lab
from comparisons.values.observation import Observation
from comparisons.values.plain import page_attributes, plain


def observed(capture: Capture, kind: str, value: Any, **more: Any) -> Observation:
    """An observation of what ``capture`` saw; ``kind`` is replaced if it raised."""
    capture.check()  # a lost connection is never an observation
    if capture.error:
        kind, value = "exception", None
    fields: dict[str, Any] = {
        "kind": kind, "value": value, "error": capture.error, "phase": capture.error_phase,
        "reason": capture.reason, "statements": tuple(capture.statements),
        "warnings": capture.warnings,
    }
    return Observation(**{**fields, **more})


_LAZY = (Query, Result, ScalarResult, MappingResult, TupleResult)


def kind_of(obj: Any) -> str:
    """A short name for the kind of object a call hands back."""
    if obj is None:
        return "None"
    for named in (Query, Pagination, ScalarResult, MappingResult, TupleResult, Result, Row):
        if isinstance(obj, named):
            return named.__name__
    return type(obj).__name__


def materialise(obj: Any) -> Any:
    """Consume a lazy result the way calling code would, by iterating it."""
    return list(obj) if isinstance(obj, _LAZY) else obj


def items_kind(value: Any) -> str | None:
    """The kinds of a collection's elements (a page's items); a tuple's too, so that
    a tuple of ``Pagination``s and one of Lite's ``Page``s are different kinds."""
    items = value.items if page_attributes(value) is not None else value
    if isinstance(items, (list, tuple)) and items:
        return " | ".join(sorted({kind_of(item) for item in items}))
    return None


def observe_call(lab: Lab, style: str, func: Callable[..., Any], args: tuple[Any, ...],
                 repeat: int = 1) -> Observation:
    """Call ``func(*args)`` ``repeat`` times in one session of ``style``'s app, then use it.

    Calling is phase "call"; iterating a lazy result is phase "use". The value is made
    canonical outside the ``try``: a value the harness cannot represent fails the test
    (``HarnessError``) instead of passing for something the code did.
    """
    app, db = lab.apps[style], lab.dbs[style]
    used: Any = None
    with app.app_context(), capturing(lab.engine(style)) as capture:
        try:
            for _ in range(repeat):
                result = func(*args)
            kind = kind_of(result)
            capture.phase = "use"
            used = materialise(result)
        except Exception as exc:  # noqa: BLE001  # the exception is the observation
            capture.raised(exc)
            kind, value = "exception", None
        else:
            value = plain(used)  # before the rollback below expires the objects
        finally:
            db.session.rollback()
    return observed(capture, kind, value, items=items_kind(used))
