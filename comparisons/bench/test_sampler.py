"""The sampler's design, checked: what makes two runs' ratios agree.

Each timed call follows an untimed call of its own member, the order rotates round by
round (``sampler.py`` says why), and all three members share one pool, so one server
session (``world.open_world`` says why).
"""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import Any

from comparisons.bench.sampler import MEMBERS, _Member, _round
from comparisons.bench.world import World


def fake_members(calls: list[str]) -> dict[str, _Member]:
    def member(name: str) -> _Member:
        def call() -> str:
            calls.append(name)
            return name

        return _Member(contextlib.nullcontext, call, lambda value: value)

    return {name: member(name) for name in MEMBERS}


def test_each_timed_call_follows_one_of_its_own_and_the_order_rotates() -> None:
    calls: list[str] = []
    members = fake_members(calls)
    no_setup: Any = SimpleNamespace(setup=None, state=None)
    durations: dict[str, list[float]] = {}
    outcomes = [_round(None, no_setup, members, index, durations)  # type: ignore[arg-type]
                for index in range(3)]
    assert calls == ["legacy", "legacy", "modern", "modern", "driver", "driver",
                     "modern", "modern", "driver", "driver", "legacy", "legacy",
                     "driver", "driver", "legacy", "legacy", "modern", "modern"]
    assert {name: len(times) for name, times in durations.items()} == dict.fromkeys(MEMBERS, 3)
    assert outcomes[-1] == {name: name for name in MEMBERS}


def test_the_members_share_one_server_session(world: World) -> None:
    legacy, modern = world.engine("legacy"), world.engine("modern")
    assert legacy.pool is modern.pool
    with legacy.connect() as first:
        session = first.connection.dbapi_connection
    with modern.connect() as second:  # the driver member borrows from this engine
        assert second.connection.dbapi_connection is session
