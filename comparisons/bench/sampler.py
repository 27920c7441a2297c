"""Interleaved rounds: legacy, 2.x, Lite and driver take turns, each from the same state.

Each round is one request's worth of work: the call, consuming its result, closing the
session as the end of a request does (the app's teardown functions: Flask-SQLAlchemy's
``session.remove()``, Lite's closing of the app context's sessions). Untimed around it:
the row's ``setup`` (restoring the seeded state), entering and leaving the Flask app
context, reading back what a write left. The Lite member is there where the row has a
Lite form (``Benchmark.members``); the order rotates over the members a group has.

A group starts with an untimed check round (statements and warnings recorded; the
driver's script is what the 2.x member sent), then up to ``WARMUP`` discarded rounds
(at most ``WARMUP_S`` seconds: caches fill, psycopg prepares a statement after its
fifth execution), then timed rounds, the order rotating every round, until the median
legacy/2.x ratio is known to ``TARGET`` (its estimated relative standard error) or the
timed rounds have used ``BUDGET`` seconds, and never fewer than ``MIN_ROUNDS``.

Each timed call comes right after an untimed call of the same member (and, for a write,
the restoring ``setup``): what a member pays must not depend on which member ran before
it. Without that call, the round order showed through: on SQLite at 10,000 rows,
``first()`` with ``LIMIT 1`` took about 0.25 ms when the driver had run before it and
0.7 ms after the 2.x member (which builds 10,000 objects to return one); the median
round fell now in one mode, now in the other, and two runs' ratios differed by 11%.

Garbage collection stays on inside a round (a request pays for its own garbage), but
every object alive when the group starts is frozen (``gc.freeze``) and a collection
runs before each round: a round never pays for scanning the test session's heap, and
every round starts with the collector in the same state.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import time
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

from comparisons.bench.spec import MEMBERS, Benchmark, materialise
from comparisons.bench.stats import median_error, ratios
from comparisons.bench.world import Statement, World, capture, replay

__all__ = ["MEMBERS", "Sampled", "Samples", "correct", "sample"]
WARMUP, WARMUP_S = 5, 1.0
MIN_ROUNDS, MAX_ROUNDS = 30, 2000
TARGET = 0.015
BUDGET = 10.0


@dataclass
class Samples:
    """What one group's rounds gave, per member."""

    durations: dict[str, list[float]] = field(default_factory=dict)
    #: Canonical values of the check round and of the last timed round.
    values: dict[str, list[Any]] = field(default_factory=dict)
    statements: dict[str, list[Statement]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Member:
    context: Callable[[], AbstractContextManager[Any]]
    call: Callable[[], Any]
    canonical: Callable[[Any], Any]


def end_of_request(app: Flask) -> Callable[[], None]:
    """What closes the session when a request ends: ``app``'s teardown functions.

    Flask-SQLAlchemy's removes the scoped session; Lite's closes the sessions of the app
    context (and forgets them: the next request opens a new one). Lite also registers an
    ``async`` teardown for its async sessions, which Flask runs through ``asgiref``'s
    event loop when the app context ends: that is the app context's cost, untimed like
    entering it, so only the synchronous functions run here.
    """
    functions = [f for f in app.teardown_appcontext_funcs
                 if not inspect.iscoroutinefunction(f)]

    def teardown() -> None:
        for function in functions:
            function(None)

    return teardown


def _members(world: World, bench: Benchmark, script: list[Statement]) -> dict[str, _Member]:
    args = bench.args(world.data)

    def orm(style: str, function: Callable[..., Any]) -> _Member:
        close = end_of_request(world.apps[style])

        def one_request() -> Any:
            value = materialise(function(*args))
            close()
            return value

        return _Member(world.apps[style].app_context, one_request, bench.orm)

    engine = world.engine("modern")
    functions = {"legacy": bench.legacy, "modern": bench.modern, "lite": bench.lite}
    members = {name: orm(name, function) for name in bench.members
               if (function := functions.get(name)) is not None}
    members["driver"] = _Member(contextlib.nullcontext,
                                lambda: replay(engine, script, bench.first), bench.driver)
    return members


def _setup(world: World, bench: Benchmark) -> None:
    if bench.setup is not None:
        with world.admin.begin() as connection:
            bench.setup(connection, world.data)


def _outcome(world: World, bench: Benchmark, member: _Member, raw: Any) -> Any:
    """The canonical value a round produced: what a write left, or what a read returned."""
    if bench.state is None:
        return member.canonical(raw)
    with world.admin.connect() as connection:
        return bench.state(connection, world.data)


def sample(world: World, bench: Benchmark, timed: bool) -> Samples:
    """The check round, then (when ``timed``) warm-up and timed interleaved rounds.

    A write's ``setup`` runs once more at the end: the next group, in whatever order
    the tests run, finds the seeded state.
    """
    try:
        return _sample(world, bench, timed)
    finally:
        _setup(world, bench)


def _sample(world: World, bench: Benchmark, timed: bool) -> Samples:
    script: list[Statement] = []
    members = _members(world, bench, script)
    samples = Samples()
    for name, member in members.items():  # the driver last: it replays the 2.x script
        _setup(world, bench)
        with member.context(), capture(world.engine("modern" if name == "driver" else name)) \
                as seen, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            raw = member.call()
        samples.values[name] = [_outcome(world, bench, member, raw)]
        del raw
        samples.warnings[name] = [w.category.__name__ for w in caught]
        if name == "modern":
            script.extend(seen)
        samples.statements[name] = script if name == "driver" else seen
    if timed:
        samples.durations = _timed(world, bench, members, samples)
    return samples


def _timed(world: World, bench: Benchmark, members: dict[str, _Member],
           samples: Samples) -> dict[str, list[float]]:
    durations: dict[str, list[float]] = {name: [] for name in members}
    last: dict[str, Any] = {}
    gc.collect()
    gc.freeze()
    try:
        with warnings.catch_warnings():
            # Expected in the legacy member and asserted in the check round; in production
            # a DeprecationWarning subclass is ignored by default, so it is here.
            for category in bench.legacy_warns:
                warnings.filterwarnings("ignore", category=category)
            started = time.perf_counter()
            for index in range(WARMUP):
                _round(world, bench, members, index, {})
                if time.perf_counter() - started > WARMUP_S:
                    break
            started = time.perf_counter()
            for index in range(MAX_ROUNDS):
                last = _round(world, bench, members, index, durations)
                if _settled(durations, time.perf_counter() - started):
                    break
    finally:
        gc.unfreeze()
    for name in members:
        samples.values[name].append(last[name])
    return durations


def _round(world: World, bench: Benchmark, members: dict[str, _Member], index: int,
           durations: dict[str, list[float]]) -> dict[str, Any]:
    """One turn of every member of ``members``, in an order that rotates with ``index``.

    Each member's result is reduced to plain data at once and its objects dropped: a
    member must never run with the previous member's (or round's) 10,000 entities
    still alive, which the collector would have to scan again and again.
    """
    outcomes: dict[str, Any] = {}
    names = list(members)
    shift = index % len(names)
    for name in names[shift:] + names[:shift]:
        member = members[name]
        with member.context():
            _setup(world, bench)
            member.call()  # untimed: the timed call follows its own kind (module docstring)
            _setup(world, bench)
            gc.collect()
            begin = time.perf_counter()
            raw = member.call()
            end = time.perf_counter()
        durations.setdefault(name, []).append(end - begin)
        outcomes[name] = _outcome(world, bench, member, raw)
        del raw
    return outcomes


def _settled(durations: dict[str, list[float]], elapsed: float) -> bool:
    rounds = len(durations["legacy"])
    if rounds < MIN_ROUNDS:
        return False
    if elapsed > BUDGET:
        return True
    return median_error(ratios(durations["legacy"], durations["modern"])) <= TARGET


class Sampled:
    """Each group sampled once, by whichever of its member tests runs first."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, int, str], Samples] = {}

    def get(self, world: World, bench: Benchmark, timed: bool) -> Samples:
        key = (world.backend.name, world.data.size, bench.id)
        if key not in self._done:
            self._done[key] = sample(world, bench, timed)
        return self._done[key]


def correct(world: World, bench: Benchmark, samples: Samples, member: str) -> bool:
    """The driver's values pass the row's check; the member's equal the driver's."""
    driver = samples.values["driver"]
    if not all(bench.check(world.data, value) for value in driver):
        return False
    return all(value == driver[0] for value in samples.values[member])
