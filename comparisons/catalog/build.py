"""The one way to declare a row, a variant, and a row's Lite form.

Every side is an object named in the catalog (``legacy.queries.get_by_id``), never
looked up by a name written as a string: a misspelt name is an ``AttributeError`` at
import. A function's package (``legacy``, ``modern``, ``lite``) is its style; a side that
is no function (a models module, a model set) is given as a :class:`Side` with its
style. A ``lite`` side migrates to the ``lite`` target, the others to Flask-SQLAlchemy
3.1's 2.x style.

- :func:`row`: a row; its baseline is the legacy side, its variants the candidates.
- :func:`variant`, :func:`written`, :func:`recommended`: a 2.x candidate and what it is
  declared to do against the baseline.
- :func:`lite_form`: the row's Lite form. Without a target it is the 2.x form's own code on
  Lite (``lite/`` answers with it: :func:`lite.on_lite`); without a verdict it is
  declared as that 2.x form is. Measured on its own all the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from comparisons.observers.operations import observe_operation
from comparisons.values.diff import Diff
from comparisons.values.rows import Bench, Case, Claim, Observer, On, Row, Side, Variant

Function = Callable[..., Any]
#: A side: a function of ``legacy/``, ``modern/`` or ``lite/``, or a :class:`Side`.
Target = Function | Side
STYLES = ("legacy", "modern", "lite")


def side(target: Target) -> Side:
    """The side ``target`` stands for: a function's style is its package's."""
    if isinstance(target, Side):
        return target
    style = target.__module__.split(".")[0]
    if style not in STYLES:
        raise ValueError(f"{target.__module__}.{target.__name__}: not a style's function")
    return Side(style, target)


def variant(name: str, target: Target, verdict: str, *differences: Diff, why: str = "",
            on: tuple[On, ...] = (), baseline: Target | None = None) -> Variant:
    """A candidate: ``target`` declared to have ``verdict`` and ``differences`` against
    the row's legacy side (or ``baseline``, where it is compared with another)."""
    found = side(target)
    return Variant(name, found, verdict, tuple(differences), why, on,
                   baseline=None if baseline is None else side(baseline),
                   target="lite" if found.style == "lite" else "modern")


def written(target: Target, verdict: str, *differences: Diff, why: str = "",
            on: tuple[On, ...] = (), baseline: Target | None = None) -> Variant:
    """The source's own 2.x code, as written."""
    return variant("as_written", target, verdict, *differences, why=why, on=on,
                   baseline=baseline)


def recommended(target: Target, verdict: str, *differences: Diff, why: str = "",
                on: tuple[On, ...] = (), baseline: Target | None = None) -> Variant:
    """The form this project recommends, where it differs from the source's."""
    return variant("recommended", target, verdict, *differences, why=why, on=on,
                   baseline=baseline)


@dataclass(frozen=True)
class LiteForm:
    """A row's Lite form, as :func:`lite_form` declares it; :func:`row` resolves it."""

    target: Target | None
    verdict: str | None
    differences: tuple[Diff, ...]
    why: str
    on: tuple[On, ...]
    name: str
    like: str | None
    baseline: Target | None


def lite_form(target: Target | None = None, verdict: str | None = None, *differences: Diff,
         why: str = "", on: tuple[On, ...] = (), name: str = "recommended",
         like: str | None = None, baseline: Target | None = None) -> LiteForm:
    """The row's Lite form (key ``lite``, or ``lite.<name>``).

    ``target``: Lite's own code, where Lite differs; by default the 2.x variant ``like``'s
    function on Lite (``like``: the row's recommended 2.x variant by default). Without a
    ``verdict`` it is declared as that variant is (verdict, differences, deltas,
    baseline), ``why`` going before the variant's own.
    """
    return LiteForm(target, verdict, differences, why, on, name, like, baseline)


def row(id: str, title: str, source: tuple[str, str], legacy: Target, cases: tuple[Case, ...],
        *variants: Variant | LiteForm, observer: Observer = observe_operation,
        warnings: tuple[str, ...] | Mapping[str, tuple[str, ...]] = (),
        claim: Claim | None = None, document: str = "tutorial",
        bench: Bench | None = None, start: Callable[[], None] | None = None) -> Row:
    """A row of a source: the source's two snippets, the legacy side, the candidates.

    ``warnings``: the legacy side's, in every case (2.x code must emit none), or a
    mapping by side or variant key. ``bench``: what the call answers on the benchmarks'
    seed, which makes the row a benchmark (``comparisons.bench.derive``). ``start``:
    the observer's slow work, begun before the row runs (``Row.start``).
    """
    made = [v for v in variants if isinstance(v, Variant)]
    resolved = tuple(v if isinstance(v, Variant) else _lite(id, v, made) for v in variants)
    return Row(
        id=id, section=id.split(".")[0], title=title,
        source={"legacy": source[0], "modern": source[1]},
        legacy=side(legacy), variants=resolved, cases=cases, observer=observer,
        warnings=dict(warnings) if isinstance(warnings, Mapping) else {"legacy": warnings},
        claim=claim, document=document, bench=bench, start=start,
    )


def _lite(row_id: str, form: LiteForm, variants: list[Variant]) -> Variant:
    modern = {v.name: v for v in variants if v.target == "modern"}
    key = form.like or ("recommended" if "recommended" in modern else next(iter(modern), ""))
    if form.target is None or form.verdict is None:
        if key not in modern:
            raise ValueError(f"{row_id}: no 2.x variant {key!r} for its Lite form to follow")
        of = modern[key]
    target = form.target if form.target is not None else twin(of.side.target)
    if side(target).style != "lite":
        raise ValueError(f"{row_id}: a Lite form runs a lite side, not {side(target)}")
    if form.verdict is not None:
        return variant(form.name, target, form.verdict, *form.differences, why=form.why,
                       on=form.on, baseline=form.baseline)
    return variant(form.name, target, of.verdict, *of.differences, why=form.why + of.why,
                   on=of.on, baseline=form.baseline or of.baseline)


def twin(function: Function) -> Function:
    """A ``modern/`` function's Lite form: what the lite module of the same name answers
    for it (its own code on Lite's names, or what Lite writes out instead)."""
    module = function.__module__
    if not module.startswith("modern."):
        raise ValueError(f"{module}.{function.__name__}: the Lite twin of a modern/ function "
                         "only; name Lite's own code as the target")
    found: Function = getattr(importlib.import_module("lite" + module[len("modern"):]),
                              function.__name__)
    return found
