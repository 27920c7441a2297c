"""Clean-up drops only names it can prove a dead run made: near misses are kept.

A name one character away from a dead run's (a suffix, another prefix, a PID written
with a leading zero, a trailing newline, upper-case hex) is no run's: a run writes its
names in exactly one form (``comparisons.databases.owners.new_name``). A user's database or
schema so named must survive every clean-up. So must a live run's on another host.

Nothing is planted for real: each test adds its names to what the server lists and
records the drops instead of running them, so a killed test run leaves nothing
behind (see ``test_namespaces``). The one real object, a lease held for the made-up
live run on another host, is a session lock that ends with its connection.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

import comparisons.databases.cleanup as cleanup
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import Place, Server, admin_engine, place_for, survey, sweep
from comparisons.databases.owners import HOST, Owner
from comparisons.tests.test_namespaces import OTHER_HOST, ended_pid

TOKEN = "a1b2c3"


def named(owner: Owner, label: str = "planted", token: str = TOKEN) -> str:
    """A name exactly as ``owner`` would have made it."""
    return f"comparisons_{label}_{owner.host}_{owner.pid}_{token}"


def near_misses(dead: Owner) -> dict[str, str]:
    """Names that differ from a dead run's by one detail, each with what it is."""
    exact = named(dead)
    return {
        f"{exact}x": "a character after the token",
        f"{exact}_1": "a part after the token",
        f"{exact}\n": "a trailing newline",
        f"x{exact}": "another prefix",
        f"old_{exact}": "another prefix, as a word",
        exact.replace("comparisons_", "Comparisons_", 1): "the prefix in capitals",
        f"comparisons_planted_{dead.host}_0{dead.pid}_{TOKEN}": "a PID with a leading zero",
        named(dead, token=TOKEN.upper()): "an upper-case token",
        named(dead, token=TOKEN[:5]): "a short token",
        named(dead, label="x" * 13): "a label longer than any run writes",
    }


@dataclass
class Listing:
    """What the server lists, as the test sets it, and the drops asked for."""

    names: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@pytest.fixture
def listed(place_kind: type[Place], monkeypatch: pytest.MonkeyPatch) -> Listing:
    """The server's listing replaced by the test's; drops recorded, never run."""
    listing = Listing()
    monkeypatch.setattr(place_kind, "names", lambda self: sorted(listing.names))
    monkeypatch.setattr(place_kind, "drop", lambda self, name: listing.dropped.append(name))
    return listing


@pytest.fixture
def place_kind(backend: Backend) -> type[Place]:
    return type(place_for(backend.url))


def test_only_the_exact_name_of_a_dead_run_is_dropped(backend: Backend,
                                                      listed: Listing) -> None:
    dead = Owner(HOST, ended_pid())
    misses = near_misses(dead)
    listed.names.extend([named(dead), *misses])
    place = place_for(backend.url)
    found = {item.name: item for item in sweep(place)}
    assert listed.dropped == [named(dead)]
    assert found[named(dead)].dead  # the control: the exact name is a dead run's
    for name, what in misses.items():
        assert (found[name].dead, found[name].why) == (
            False, "not named by this version of the suite: left alone"), what


def test_a_live_run_on_another_host_is_kept(backend: Backend, listed: Listing) -> None:
    """Its lease is held (on a server), or cannot be checked (SQLite's folders)."""
    live, ended = Owner(OTHER_HOST, os.getpid()), Owner(OTHER_HOST, os.getpid() + 1)
    listed.names.extend([named(live), named(ended)])
    place = place_for(backend.url)
    holder = None
    if isinstance(place, Server):
        holder = admin_engine(place.url).connect()
        holder.execute(sa.text(place.TAKE), place.lease_params(live))
    try:
        found = {item.name: item for item in survey(place)}
        sweep(place)
    finally:
        if holder is not None:
            holder.close()
    assert not found[named(live)].dead
    if isinstance(place, Server):
        assert found[named(live)].why == f"pid {live.pid} on host {OTHER_HOST} runs"
        assert listed.dropped == [named(ended)]  # control
    else:
        assert listed.dropped == []


def test_clean_keeps_near_misses(backend: Backend, listed: Listing,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m comparisons clean`` says it keeps them, and drops the exact name."""
    dead = Owner(HOST, ended_pid())
    misses = near_misses(dead)
    listed.names.extend([named(dead), *misses])
    assert cleanup.main(["--dburi", backend.url.render_as_string(hide_password=False)]) == 0
    out = capsys.readouterr().out
    assert f"  dropped  {named(dead)}  (pid {dead.pid} on this host has ended)\n" in out
    assert listed.dropped == [named(dead)]
    for name in misses:
        assert f"  kept     {name}  (not named by this version of the suite" in out
