"""A negative control for every comparison the engine makes, found by walking what the
engine declares rather than listed by hand.

``test_engine`` feeds the engine known-different pairs, one per aspect. Here the
comparisons themselves are walked: every ``(aspect, detail)`` that ``comparisons.engine.compare``
compares (read from its source, so a new comparison cannot arrive without a control),
and every field of each page type ``comparisons.values.plain`` declares (checked against the
page classes' own attributes, so a field left out of the declaration fails too). Each
control is a pair that differs in exactly that place, and must be seen there.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import inspect
import re
from typing import Any

import pytest

import comparisons.engine.compare as compare
from comparisons.catalog.styles import LITE_PAGE_ATTRIBUTES
from comparisons.engine.compare import collect
from comparisons.engine.observe import items_kind
from comparisons.tests.test_engine import ListPagination, returned, seen
from comparisons.values.diff import Diff
from comparisons.values.observation import Observation, Statement
from comparisons.values.plain import PAGE_ATTRIBUTES, plain
from comparisons.values.verdicts import ASPECTS
from lite.pagination import Page

Compared = tuple[str, str]  # aspect, detail ("*": computed where it is compared)


def compared_in_engine() -> set[Compared]:
    """Every (aspect, detail) ``comparisons.engine.compare`` compares, read from its source: the
    calls ``differ(aspect, detail, ...)``, ``_values(found, aspect, path, ...)`` and
    ``found.append((aspect, detail, ...))`` whose aspect is written as a literal."""

    def text(node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):  # f"{table} afterwards" -> "{} afterwards"
            return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}"
                           for v in node.values)
        return "*"

    found: set[Compared] = set()
    for node in ast.walk(ast.parse(inspect.getsource(compare))):
        if not isinstance(node, ast.Call):
            continue
        func, args = node.func, node.args
        if isinstance(func, ast.Name) and func.id == "differ":
            pair = args[:2]
        elif isinstance(func, ast.Name) and func.id == "_values":
            pair = args[1:3]
        elif (isinstance(func, ast.Attribute) and func.attr == "append"
              and isinstance(func.value, ast.Name) and func.value.id == "found"
              and args and isinstance(args[0], ast.Tuple)):
            pair = args[0].elts[:2]
        else:
            continue
        aspect = text(pair[0])
        if aspect != "*":  # the recursion inside _values passes its aspect on
            found.add((aspect, text(pair[1])))
    return found


def failed(error: str, phase: str) -> Observation:
    return Observation(kind="exception", value=None, error=error, phase=phase)


SELECT = Statement("SELECT person.id FROM person LIMIT ?", [1])
#: One pair per comparison: (legacy, modern), differing in that comparison only.
CONTROLS: dict[Compared, tuple[Observation, Observation]] = {
    ("raises", ""): (returned([]), failed("NoResultFound", "call")),
    # Both raise the same exception, one at the call, one when the result is used.
    ("timing", "raised"): (failed("NotFound", "call"), failed("NotFound", "use")),
    ("kind", "returns"): (returned([]), Observation(kind="Query", value=[])),
    ("kind", "items"): (Observation(kind="list", value=[1], items="int"),
                        Observation(kind="list", value=[1], items="Person")),
    ("values", ""): (returned([1]), returned([2])),
    # Other containers, other records inside them.
    ("values", "records"): (Observation(kind="list", value=[1], items="int"),
                            Observation(kind="tuple", value=[2], items="int")),
    ("values", "page"): (
        Observation(kind="Pagination", value=plain(ListPagination(page=1, per_page=3,
                                                                  rows=[1, 2, 3, 4]))),
        Observation(kind="Page", value=plain(Page([1, 2, 3], 1, 3, 5)))),
    ("timing", "sql runs"): (returned([], Statement("SELECT 1", [], phase="use")),
                             returned([], Statement("SELECT 1", [], phase="call"))),
    ("statements", ""): (returned([], SELECT), returned([], SELECT, SELECT)),
    ("sql", "*"): (returned([], SELECT), returned([], Statement("SELECT 2", [1]))),
    ("sql", "only one side sent"): (returned([], SELECT), returned([], SELECT, SELECT)),
    ("warnings", ""): (returned([], warnings=("LegacyAPIWarning",)), returned([])),
    ("state", "{} afterwards"): (returned([], state={"t": [{"id": 1}]}),
                                 returned([], state={"t": []})),
    ("types", ""): (Observation(kind="mypy", value=None, types={"x": "int"}),
                    Observation(kind="mypy", value=None, types={"x": "Any"})),
}
#: Pairs whose control also differs in an aspect that comes with it.
ALONG = {("statements", ""): {"sql"}, ("sql", "only one side sent"): {"statements"},
         ("values", "records"): {"kind"}, ("values", "page"): {"kind"}}


def matches(compared: Compared, difference: Diff) -> bool:
    aspect, detail = compared
    if difference.aspect != aspect:
        return False
    if detail == "*":
        return True
    pattern = ".+".join(re.escape(part) for part in detail.split("{}"))
    # A path compared by _values names the place below it: "page.total", "$page.pages".
    return re.fullmatch(f"{pattern}([.\\[].*)?" if detail else ".*", difference.detail) \
        is not None


def test_every_comparison_of_the_engine_has_a_control() -> None:
    """Removing a comparison from engine/compare.py leaves its control without one (and its
    parametrised test below fails); adding one without a control fails here."""
    assert compared_in_engine() == set(CONTROLS)
    assert {aspect for aspect, _ in CONTROLS} == set(ASPECTS)


@pytest.mark.parametrize("compared", list(CONTROLS), ids=lambda c: f"{c[0]}:{c[1] or '-'}")
def test_control_is_seen_where_it_differs(compared: Compared) -> None:
    legacy, modern = CONTROLS[compared]
    assert seen(legacy, modern) == {compared[0], *ALONG.get(compared, ())}
    assert any(matches(compared, d) for d in collect({"case": (legacy, modern)})), \
        collect({"case": (legacy, modern)})
    assert seen(legacy, legacy) == set() and seen(modern, modern) == set()


# --- Pages -------------------------------------------------------------------------------

#: Public attributes of Flask-SQLAlchemy's Pagination that are not compared, and why.
PAGINATION_NOT_COMPARED = {
    "items": "compared on its own, as records",
    "max_per_page": "an argument: its effect is per_page",
    "query": "legacy Query.paginate's query object, not a value a template reads",
}


def attributes(page: object) -> set[str]:
    """The public non-method attributes of a page object."""
    return {name for name in dir(page)
            if not name.startswith("_") and not callable(getattr(page, name))}


def legacy_page() -> ListPagination:
    return ListPagination(page=2, per_page=3, rows=list(range(1, 8)))


def lite_page() -> Page[int]:
    return Page([4, 5, 6], 2, 3, 7)


def test_page_declarations_name_every_attribute_of_the_pages() -> None:
    """A field a page has but the declaration leaves out is never compared."""
    assert attributes(legacy_page()) - set(PAGINATION_NOT_COMPARED) == set(PAGE_ATTRIBUTES)
    assert attributes(lite_page()) - {"items"} == set(LITE_PAGE_ATTRIBUTES)
    assert set(LITE_PAGE_ATTRIBUTES) <= set(PAGE_ATTRIBUTES)  # the fields compared across


def other(value: Any) -> Any:
    return (not value) if isinstance(value, bool) else (value or 0) + 1


def skewed(page: Any, field: str) -> Any:
    """``page`` with ``field`` wrong, everything else as it was."""
    wrong = other(getattr(page, field))
    if isinstance(page, Page) and field in {f.name for f in dataclasses.fields(page)}:
        return dataclasses.replace(page, **{field: wrong})
    if field in vars(page):
        copied = copy.copy(page)
        setattr(copied, field, wrong)
        return copied
    # Under its class's own name: the kind of object is not what differs.
    kind = type(type(page).__name__, (type(page),), {field: property(lambda _: wrong)})
    kind.__qualname__, kind.__module__ = type(page).__qualname__, type(page).__module__
    if isinstance(page, Page):
        return kind(*(getattr(page, f.name) for f in dataclasses.fields(page)))
    copied = copy.copy(page)
    copied.__class__ = kind
    return copied


def as_returned(*pages: object) -> Observation:
    return Observation(kind="tuple", value=plain(pages), items=items_kind(pages))


def differing_details(legacy: Observation, modern: Observation) -> set[str]:
    """Where the values part, a typed scalar's tag left out (``has_next.$bool``)."""
    return {d.detail.split(".$bool")[0] for d in collect({"case": (legacy, modern)})
            if d.aspect == "values"}


@pytest.mark.parametrize("field", PAGE_ATTRIBUTES)
def test_each_pagination_field_is_compared(field: str) -> None:
    """Two Paginations that differ in ``field``, in the second of two pages."""
    first, second = legacy_page(), legacy_page()
    legacy, modern = as_returned(first, second), as_returned(first, skewed(second, field))
    assert seen(legacy, modern) == {"values"}
    assert differing_details(legacy, modern) >= {f"[1].$page.{field}"}


@pytest.mark.parametrize("field", LITE_PAGE_ATTRIBUTES)
def test_each_lite_page_field_is_compared(field: str) -> None:
    """Two Lite Pages that differ in ``field``."""
    legacy, modern = as_returned(lite_page()), as_returned(skewed(lite_page(), field))
    assert seen(legacy, modern) == {"values"}
    assert differing_details(legacy, modern) >= {f"[0].$page.{field}"}


@pytest.mark.parametrize("field", LITE_PAGE_ATTRIBUTES)
def test_each_field_a_pagination_shares_with_a_lite_page_is_compared(field: str) -> None:
    """A Pagination against a Lite Page with the same records: a kind only; with
    ``field`` wrong in the second page, a value too (``fsa.paginate``'s three pages)."""
    legacy = as_returned(legacy_page(), legacy_page())
    assert seen(legacy, as_returned(lite_page(), lite_page())) == {"kind"}
    modern = as_returned(lite_page(), skewed(lite_page(), field))
    assert seen(legacy, modern) == {"kind", "values"}
    assert differing_details(legacy, modern) >= {f"page[1].{field}"}
