"""Small constructors for catalog rows whose sides are functions, wired explicitly.

Every side is a function object named in the catalog (``legacy.queries.get_by_id``),
never looked up by name: a misspelt name is an ``AttributeError`` at import.
A function's package (``legacy``, ``modern``, ``lite``) is its style; ``lite``
functions migrate to the ``lite`` target, the others to Flask-SQLAlchemy 3.1's 2.x.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from comparisons.observers.operations import observe_operation
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Observer, On, Row, Side, Variant

Function = Callable[..., Any]


def everyone(person: tuple[Any, ...], *args: Any) -> bool:
    return True


#: What a read gives on the benchmarks' seed, and what a write leaves there.
ANSWERS = ("rows", "one", "count", "page", "inserted", "renamed", "deleted")


@dataclass(frozen=True)
class Bench:
    """What a row's call answers on the benchmarks' seed of people ``(id, name, age)``:
    the one thing a benchmark of the row cannot read from its other fields.

    ``people(person, *args)`` says which people of the seed the call is about, for the
    arguments of the row's first case; ``answer`` says what it does with them: returns
    exactly those (``rows``, in any order), any one of them (``one``), their number
    (``count``), page ``args[0]`` of ``args[1]`` rows with the table's size as total
    (``page``); a write leaves one new row holding its arguments (``inserted``), row
    ``args[0]`` named ``args[1]`` (``renamed``) or gone (``deleted``).
    ``comparisons.bench.derive`` makes the benchmark: the row's legacy function against
    its recommended 2.x one, the first case's arguments, the legacy side's warnings.
    """

    answer: str = "rows"
    people: Callable[..., bool] = everyone

    def __post_init__(self) -> None:
        if self.answer not in ANSWERS:
            raise ValueError(f"unknown answer {self.answer!r}: one of {ANSWERS}")


@dataclass(frozen=True)
class FunctionRow(Row):
    """A row whose sides are functions; ``bench``, where given, makes it a benchmark."""

    bench: Bench | None = None


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
                 observer: Observer = observe_operation,
                 bench: Bench | None = None) -> FunctionRow:
    """A row whose legacy side is ``legacy`` and whose variants are functions too.

    ``warnings`` are the legacy side's, in every case; modern code must emit none.
    ``bench``: what the call answers on the benchmarks' seed, for a benchmark of the row.
    """
    return FunctionRow(
        id=id, section=id.split(".")[0], title=title,
        source={"legacy": source[0], "modern": source[1]},
        legacy=side(legacy), variants=variants, cases=cases, observer=observer,
        warnings={"legacy": warnings}, document=document, bench=bench,
    )


def lite_twin(row: Row, key: str, function: Function, why: str) -> Row:
    """``row`` plus its Lite form, where that is the code of ``row``'s ``key`` variant
    copied onto Lite: declared as that variant is (verdict, differences, deltas), and
    measured on its own all the same. ``why`` goes before the variant's own."""
    of = row.variant(key)
    twin = lite_form(function, of.verdict, *of.differences, why=why + of.why, on=of.on)
    return dataclasses.replace(row, variants=(*row.variants, twin))
