"""The shape of a catalog row, what it declares, and how a row is run on a lab.

A row is data: the source's two snippets, the legacy side, and one or more modern
variants (``as_written``, ``recommended``, named alternatives), each with the target
it migrates to (``modern``: Flask-SQLAlchemy 3.1's 2.x style; ``lite``:
Flask-SQLAlchemy-Lite). Each variant declares its verdict and its differences for
every backend, with deltas (:class:`On`) where a backend or a SQLAlchemy version
differs; the tests hold the declaration to what is observed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from comparisons.values.diff import Diff
from comparisons.values.observation import Observation
from comparisons.values.verdicts import VERDICTS

TARGETS = {"modern": "Flask-SQLAlchemy 3.1, 2.x style", "lite": "Flask-SQLAlchemy-Lite"}


@dataclass(frozen=True)
class Case:
    """One way to call a row: a data set, arguments, how many times in one session."""

    name: str
    dataset: str
    args: tuple[Any, ...] = ()
    repeat: int = 1


#: Runs one side of a row for one case: (lab, side, case) -> observation.
#: The lab is typed ``Any`` here: values know nothing of the engine that runs them.
Observer = Callable[[Any, "Side", Case], Observation]


@dataclass(frozen=True)
class Side:
    """One style's implementation of a row: which app runs it, and what it runs."""

    style: str  # a key of the lab's styles: "legacy", "modern", "lite"
    target: Any  # a function for operations, a models module for model rows, ...


@dataclass(frozen=True)
class On:
    """Where the declaration differs: on a backend, a SQLAlchemy version (``"2.0"``), both."""

    backend: str | None = None
    sqlalchemy: str | None = None
    verdict: str | None = None
    add: tuple[Diff, ...] = ()
    drop: tuple[Diff, ...] = ()

    def applies(self, backend: str, sqlalchemy: str) -> bool:
        return self.backend in (None, backend) and self.sqlalchemy in (None, sqlalchemy)


@dataclass(frozen=True)
class Variant:
    """A modern form of a row, and what the project declares it does against the legacy."""

    name: str
    side: Side
    verdict: str
    differences: tuple[Diff, ...] = ()
    why: str = ""
    on: tuple[On, ...] = ()
    #: The legacy side to compare with, when not the row's (model pairs).
    baseline: Side | None = None
    target: str = "modern"

    def __post_init__(self) -> None:
        for verdict in (self.verdict, *(o.verdict for o in self.on if o.verdict)):
            if verdict not in VERDICTS:
                raise ValueError(f"{self.name}: unknown verdict {verdict!r}")
        if self.target not in TARGETS:
            raise ValueError(f"{self.name}: unknown target {self.target!r}")

    @property
    def key(self) -> str:
        """The variant's key in the JSON: its name, prefixed by a target other than 2.x."""
        if self.target == "modern":
            return self.name
        return self.target if self.name == "recommended" else f"{self.target}.{self.name}"

    def expected(self, backend: str, sqlalchemy: str) -> tuple[str, tuple[Diff, ...]]:
        """The declared verdict and differences on ``backend`` with SQLAlchemy ``x.y``."""
        verdict, found = self.verdict, list(self.differences)
        for delta in self.on:
            if delta.applies(backend, sqlalchemy):
                missing = [d for d in delta.drop if d not in found]
                if missing:
                    raise ValueError(f"{self.name}: drops undeclared {missing}")
                found = [d for d in found if d not in delta.drop] + list(delta.add)
                verdict = delta.verdict or verdict
        return verdict, tuple(sorted(found))


@dataclass(frozen=True)
class Claim:
    """A sentence of the source, checked on a backend rather than believed."""

    text: str  # the source's words
    #: Runs the check on a lab: (holds, one-sentence explanation of what happened).
    check: Callable[[Any], tuple[bool, str]]
    #: What the project claims the check finds, per backend name.
    holds: Mapping[str, bool]


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
class Row:
    """A row of a source: its code as written, and its implementations here."""

    id: str
    section: str
    title: str
    source: Mapping[str, str]  # {"legacy": code, "modern": code}, quoted verbatim
    legacy: Side
    variants: tuple[Variant, ...]
    cases: tuple[Case, ...]
    observer: Observer
    #: Warning categories each style is expected to emit, in every case.
    warnings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    claim: Claim | None = None
    document: str = "tutorial"
    #: What the call answers on the benchmarks' seed: a row with one is a benchmark.
    bench: Bench | None = None
    #: Slow work the observer can begin before the row runs (mypy on the typing probes),
    #: started by whatever is about to run the row, to go on while other rows run.
    start: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        keys = [v.key for v in self.variants]
        if len(set(keys)) != len(keys) or not keys:
            raise ValueError(f"{self.id}: variant keys must be unique: {keys}")

    def variant(self, key: str) -> Variant:
        return next(v for v in self.variants if v.key == key)
