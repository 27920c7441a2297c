"""The sampler's design, checked: what makes two runs' ratios agree.

Each timed call follows an untimed call of its own member, the order rotates round by
round (``sampler.py`` says why), and all three members share one pool, so one server
session (``world.open_world`` says why).
"""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import Any

import pytest

from comparisons.bench import sampler
from comparisons.bench.sampler import MEMBERS, _Member, _round, end_of_request
from comparisons.bench.world import World


def fake_members(calls: list[str], names: tuple[str, ...] = MEMBERS) -> dict[str, _Member]:
    def member(name: str) -> _Member:
        def call() -> str:
            calls.append(name)
            return name

        return _Member(contextlib.nullcontext, call, lambda value: value)

    return {name: member(name) for name in names}


@pytest.mark.parametrize(("names", "expected"), [
    (MEMBERS, ["legacy", "modern", "lite", "driver", "modern", "lite", "driver", "legacy",
               "lite", "driver", "legacy", "modern", "driver", "legacy", "modern", "lite"]),
    (("legacy", "modern", "driver"),  # a pattern without a Lite form
     ["legacy", "modern", "driver", "modern", "driver", "legacy", "driver", "legacy",
      "modern"]),
], ids=["with Lite", "without Lite"])
def test_each_timed_call_follows_one_of_its_own_and_the_order_rotates(
        names: tuple[str, ...], expected: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    members = fake_members(calls, names)
    # The collection before each timed call, recorded: a real one would scan the whole
    # test session's heap (the sampler freezes it first; this test does not), 0.25 s each.
    monkeypatch.setattr(sampler, "gc", SimpleNamespace(collect=lambda: calls.append("gc")))
    no_setup: Any = SimpleNamespace(setup=None, state=None)
    durations: dict[str, list[float]] = {}
    outcomes = [_round(None, no_setup, members, index, durations)  # type: ignore[arg-type]
                for index in range(len(names))]
    # untimed, a collection, then timed
    assert calls == [call for name in expected for call in (name, "gc", name)]
    assert {name: len(times) for name, times in durations.items()} == \
        dict.fromkeys(names, len(names))
    assert outcomes[-1] == {name: name for name in names}


def test_the_members_share_one_server_session(world: World) -> None:
    legacy, modern, lite = (world.engine(s) for s in ("legacy", "modern", "lite"))
    assert legacy.pool is modern.pool is lite.pool
    with legacy.connect() as first:
        session = first.connection.dbapi_connection
    with modern.connect() as second:  # the driver member borrows from this engine
        assert second.connection.dbapi_connection is session
    with lite.connect() as third:
        assert third.connection.dbapi_connection is session


def test_each_request_ends_with_a_new_session(world: World) -> None:
    """A Lite request closes its session as a request's end does: the next call in the
    same app context gets a new ``Session``, as with Flask-SQLAlchemy's ``remove()``."""
    for style in ("legacy", "modern", "lite"):
        db = world.apps[style].extensions["sqlalchemy"]
        with world.apps[style].app_context():
            first = db.session() if style != "lite" else db.session
            first.connection()  # holds a pooled connection until closed
            end_of_request(world.apps[style])()
            assert not first.in_transaction(), style
            second = db.session() if style != "lite" else db.session
            assert second is not first, style
