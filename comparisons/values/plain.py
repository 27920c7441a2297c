"""Results as canonical, comparable, JSON-ready values.

Two results are the same exactly when their canonical forms serialise to the same JSON
text. Python's ``==`` is not used: it makes ``True``, ``1``, ``1.0`` and ``Decimal(1)``
equal. So every scalar other than ``str``, ``int`` and ``None`` keeps its type as a tag
(``{"$Decimal": "1.5"}``); a ``Row`` keeps its keys; a ``Pagination`` keeps every
attribute a template reads; an ORM entity is the dict of its column attributes (its
class is the observation's ``items``, compared as the kind of object).

A value with no canonical form is a :class:`HarnessError`: the harness cannot say what
it is, so it must not claim two of them equal. It fails the test; it is never recorded
as something the code under test did.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.engine import Row, RowMapping

#: Pagination attributes a migrated template reads (Flask-SQLAlchemy 3.1's API).
PAGE_ATTRIBUTES = ("page", "per_page", "total", "pages", "first", "last", "has_prev",
                   "prev_num", "has_next", "next_num")
#: Page types, and the attributes each has of those: a page is its items and these.
#: Subjects add their own (the catalog registers Lite's hand-written ``Page``), so that
#: no value type imports the code under test.
PAGES: dict[type, tuple[str, ...]] = {Pagination: PAGE_ATTRIBUTES}


def register_page(kind: type, attributes: tuple[str, ...]) -> None:
    """Make ``kind`` a page: its ``items`` and ``attributes`` are what it holds."""
    unknown = set(attributes) - set(PAGE_ATTRIBUTES)
    if unknown:
        raise ValueError(f"{kind.__name__}: not Pagination attributes: {sorted(unknown)}")
    PAGES[kind] = attributes


def page_attributes(obj: Any) -> tuple[str, ...] | None:
    """The attributes ``obj`` holds as a page, or ``None`` when it is no page."""
    return next((names for kind, names in PAGES.items() if isinstance(obj, kind)), None)
_TEXT_TAGGED = (decimal.Decimal, datetime.date, datetime.time, datetime.timedelta, uuid.UUID)


class HarnessError(Exception):
    """The harness met something it cannot represent or compare: a bug to fix here."""


def plain(obj: Any) -> Any:
    """``obj`` as canonical JSON-ready values (see the module docstring)."""
    if obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, bool):
        return {"$bool": obj}
    if isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        return {"$float": repr(obj)}
    if isinstance(obj, _TEXT_TAGGED):
        return {f"${type(obj).__name__}": str(obj)}
    if isinstance(obj, bytes):
        return {"$bytes": obj.hex()}
    attributes = page_attributes(obj)
    if attributes is not None:
        page = {name: plain(getattr(obj, name)) for name in attributes}
        return {"$page": {"items": plain(obj.items), **page}}
    if isinstance(obj, Row):
        return {"$row": [[key, plain(value)] for key, value in obj._mapping.items()]}
    if isinstance(obj, RowMapping):
        return {"$mapping": [[str(key), plain(value)] for key, value in obj.items()]}
    if isinstance(obj, (list, tuple)):
        return [plain(item) for item in obj]
    if isinstance(obj, Mapping):
        if all(isinstance(key, str) for key in obj):
            return {key: plain(value) for key, value in obj.items()}
        # Keys of other types keep their type (1 is not "1"), as pairs.
        return {"$map": [[plain(key), plain(value)] for key, value in obj.items()]}
    return _entity(obj)


def _entity(obj: Any) -> dict[str, Any]:
    try:
        mapper = sa.inspect(obj).mapper
    except (sa.exc.NoInspectionAvailable, AttributeError):
        raise HarnessError(
            f"no canonical form for {type(obj).__module__}.{type(obj).__qualname__}: "
            "teach comparisons.values.plain.plain about it"
        ) from None
    return {attr.key: plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def canonical(value: Any) -> str:
    """The text two canonical values are compared by."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def same(left: Any, right: Any) -> bool:
    """Whether two canonical values are the same: same types, same keys, same order."""
    return canonical(left) == canonical(right)


def records(value: Any) -> Any:
    """What the rows are, not their shape: a page's items, one-entity ``Row``s unwrapped.

    Used only where the kinds of object already differ (and are reported as such), to
    say whether the records inside them are the same as well.
    """
    if _is_page(value):
        return records(value["$page"]["items"])
    if isinstance(value, list):
        return [records(item) if _is_page(item) else _unwrap_row(item) for item in value]
    return _unwrap_row(value)


def page_fields(left: Any, right: Any) -> tuple[Any, Any]:
    """The attributes two pages of different kinds share, items aside; else nothing.

    A ``Pagination`` and a ``Page`` are different kinds (reported as such), so their
    records are compared by :func:`records`; this is the rest they both have, which
    must agree too: a page with the right items and a wrong ``total`` is not the same.
    Two lists of as many pages are compared page by page.
    """
    if (isinstance(left, list) and isinstance(right, list) and len(left) == len(right)
            and left and all(_is_page(page) for page in (*left, *right))):
        pairs = [page_fields(a, b) for a, b in zip(left, right, strict=True)]
        return [a for a, _ in pairs], [b for _, b in pairs]
    if not (_is_page(left) and _is_page(right)):
        return {}, {}
    shared = sorted((left["$page"].keys() & right["$page"].keys()) - {"items"})
    return ({key: left["$page"][key] for key in shared},
            {key: right["$page"][key] for key in shared})


def _is_page(value: Any) -> bool:
    return isinstance(value, dict) and "$page" in value


def _unwrap_row(item: Any) -> Any:
    if isinstance(item, dict) and len(item.get("$row", ())) == 1:
        return item["$row"][0][1]
    return item
