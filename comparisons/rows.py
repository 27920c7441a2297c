"""The shape of a catalog row, and how a row is run on a lab."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from comparisons.diff import EVERY, Diff, collect
from comparisons.lab import Lab
from comparisons.observe import Observation

VARIANTS = ("as_written", "recommended")


@dataclass(frozen=True)
class Case:
    """One way to call a row: a data set, arguments, how many times in one session."""

    name: str
    dataset: str
    args: tuple[Any, ...] = ()
    repeat: int = 1


#: Runs one side of a row for one case: (lab, side, case) -> observation.
Observer = Callable[[Lab, "Side", Case], Observation]


@dataclass(frozen=True)
class Side:
    """One style's implementation of a row: which app runs it, and what it runs."""

    style: str  # key of the lab's apps: "legacy", "modern", ...
    target: Any  # a function for operations, a models module for model rows


@dataclass(frozen=True)
class Variant:
    """A modern form of a row, the differences claimed for it, and why."""

    side: Side
    differences: tuple[Diff, ...] = ()
    why: str = ""
    #: Backends whose differences are not ``differences``: name -> the claimed ones.
    on: Mapping[str, tuple[Diff, ...]] = field(default_factory=dict)
    #: The legacy side to compare with, when not the row's (model rows only).
    baseline: Side | None = None

    def claimed(self, backend: str) -> tuple[Diff, ...]:
        return tuple(sorted(self.on.get(backend, self.differences)))


@dataclass(frozen=True)
class Claim:
    """A sentence of the tutorial, checked on a backend rather than believed."""

    text: str  # the tutorial's words
    #: Runs the check on a lab: (holds, one-sentence explanation of what happened).
    check: Callable[[Lab], tuple[bool, str]]
    #: What the project claims the check finds, per backend name.
    holds: Mapping[str, bool]


@dataclass(frozen=True)
class Row:
    """A row of the tutorial: its code as written, and its implementations here."""

    id: str
    section: str
    title: str
    tutorial: Mapping[str, str]  # {"legacy": code, "modern": code}, quoted verbatim
    legacy: Side
    as_written: Variant
    cases: tuple[Case, ...]
    observer: Observer
    recommended: Variant | None = None  # None: the tutorial's code is the recommendation
    #: Warning categories each style is expected to emit (legacy, modern).
    warnings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    claim: Claim | None = None

    def variant(self, name: str) -> Variant:
        if name == "recommended" and self.recommended is not None:
            return self.recommended
        return self.as_written


@dataclass(frozen=True)
class Outcome:
    """A row's variant run on one backend: the observations and their differences."""

    legacy: Mapping[str, Observation]
    modern: Mapping[str, Observation]
    differences: tuple[Diff, ...]

    @property
    def verdict(self) -> str:
        return verdict(self.differences)


def verdict(differences: tuple[Diff, ...]) -> str:
    """``fails`` where the modern code raised in every case and the legacy did not."""
    if any(d.aspect == "raises" and d.legacy == "nothing" and d.cases == EVERY
           for d in differences):
        return "fails"
    return "differs" if differences else "equivalent"


def run(lab: Lab, row: Row, variant_name: str) -> Outcome:
    variant = row.variant(variant_name)
    legacy_side = variant.baseline or row.legacy
    legacy = {c.name: row.observer(lab, legacy_side, c) for c in row.cases}
    modern = {c.name: row.observer(lab, variant.side, c) for c in row.cases}
    pairs = {name: (legacy[name], modern[name]) for name in legacy}
    return Outcome(legacy, modern, tuple(collect(pairs)))
