"""Small constructors for catalog rows whose sides are functions, wired explicitly.

Every side is a function object named in the catalog (``legacy.queries.get_by_id``),
never looked up by name: a misspelt name is an ``AttributeError`` at import.
A function's package (``legacy``, ``modern``, ``lite``) is its style; ``lite``
functions migrate to the ``lite`` target, the others to Flask-SQLAlchemy 3.1's 2.x.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from comparisons.observers.operations import observe_operation
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Observer, On, Row, Side, Variant

Function = Callable[..., Any]


def side(function: Function) -> Side:
    """The side a function of ``legacy/``, ``modern/`` or ``lite/`` stands for."""
    style = function.__module__.split(".")[0]
    if style not in ("legacy", "modern", "lite"):
        raise ValueError(f"{function.__module__}.{function.__name__}: not a style's function")
    return Side(style, function)


def variant(name: str, function: Function, verdict: str, *differences: Diff, why: str = "",
            on: tuple[On, ...] = ()) -> Variant:
    """A variant of a row: ``function`` declared to have ``verdict`` and ``differences``."""
    found = side(function)
    target = "lite" if found.style == "lite" else "modern"
    return Variant(name, found, verdict, tuple(differences), why, on, target=target)


def written(function: Function, verdict: str, *differences: Diff, why: str = "",
            on: tuple[On, ...] = ()) -> Variant:
    """The source's own modern code, as written."""
    return variant("as_written", function, verdict, *differences, why=why, on=on)


def recommended(function: Function, verdict: str, *differences: Diff, why: str = "",
                on: tuple[On, ...] = ()) -> Variant:
    """The form this project recommends, where it differs from the source's."""
    return variant("recommended", function, verdict, *differences, why=why, on=on)


def lite_form(function: Function, verdict: str, *differences: Diff, why: str = "",
         on: tuple[On, ...] = ()) -> Variant:
    """The recommended Flask-SQLAlchemy-Lite form (key ``lite``): a function of ``lite/``."""
    if side(function).style != "lite":
        raise ValueError(f"{function.__module__}.{function.__name__}: not a lite/ function")
    return variant("recommended", function, verdict, *differences, why=why, on=on)


def function_row(id: str, title: str, source: tuple[str, str], legacy: Function,
                 cases: tuple[Case, ...], *variants: Variant,
                 warnings: tuple[str, ...] = (), document: str = "tutorial",
                 observer: Observer = observe_operation) -> Row:
    """A row whose legacy side is ``legacy`` and whose variants are functions too.

    ``warnings`` are the legacy side's, in every case; modern code must emit none.
    """
    return Row(
        id=id, section=id.split(".")[0], title=title,
        source={"legacy": source[0], "modern": source[1]},
        legacy=side(legacy), variants=variants, cases=cases, observer=observer,
        warnings={"legacy": warnings}, document=document,
    )


def lite_twin(row: Row, key: str, function: Function, why: str) -> Row:
    """``row`` plus its Lite form, where that is the code of ``row``'s ``key`` variant
    copied onto Lite: declared as that variant is (verdict, differences, deltas), and
    measured on its own all the same. ``why`` goes before the variant's own."""
    of = row.variant(key)
    twin = lite_form(function, of.verdict, *of.differences, why=why + of.why, on=of.on)
    return dataclasses.replace(row, variants=(*row.variants, twin))
