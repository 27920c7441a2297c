"""Clean-up: every namespace is dropped on normal exit, Ctrl-C, SIGTERM and SIGHUP; what a
SIGKILL leaves is dropped by the next run on the same server, and by ``python -m
comparisons clean``; nothing else is ever dropped.

The names these tests plant are their own, dropped at the end whatever happens, and
owned by a process that ends with the test run (this one, a child reading this
process's pipe, a process that has ended, or a made-up host whose lease nobody holds):
if the run is killed, the next run's sweep drops them all. A name the suite does not
own is never planted for real, since nothing would ever drop it: the tests that need
one add it to what the server lists. SQLite's folders live in a temporary directory
of the test's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from comparisons.catalog import STYLES  # importing it registers every model
from comparisons.databases import cleanup, namespaces, owners
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import Place, Server, admin_engine, place_for, sweep
from comparisons.databases.owners import HOST, Owner, me, new_name, owner_of
from comparisons.engine.lab import open_lab

ROOT = Path(__file__).resolve().parents[2]

#: A process that opens one namespace, says its name and waits to be stopped, or for
#: its standard input to end: it does not outlive this process, even a killed one.
CHILD = """
import sys
from comparisons.databases import namespaces
from comparisons.databases.backends import parse_backends
from comparisons.databases.namespaces import namespace
with namespace(parse_backends([], [sys.argv[1]])[0], "child"):
    print(*namespaces.live(), flush=True)
    if sys.argv[2] == "wait":
        sys.stdin.read()
"""
Child = subprocess.Popen[str]
Starter = Callable[[bool], tuple[Child, str]]
OTHER_HOST = "000000" if HOST != "000000" else "ffffff"


@pytest.fixture
def place(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Place]:
    """Where ``backend``'s namespaces live; SQLite's in a folder of this test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # for child processes
    planted: list[str] = []
    place = place_for(backend.url)
    place.planted = planted  # type: ignore[attr-defined]
    yield place
    for name in planted:
        place.drop(name)


def plant(place: Place, owner: Owner, label: str = "planted") -> str:
    """A namespace as ``owner`` would name it."""
    name = f"comparisons_{label}_{owner.host}_{owner.pid}_{os.urandom(3).hex()}"
    place.planted.append(name)  # type: ignore[attr-defined]
    place.create(name)
    return name


@pytest.fixture
def older(place: Place, monkeypatch: pytest.MonkeyPatch) -> str:
    """A name as an older version of the suite gave, listed at ``place`` (and at any
    place of its kind) but not created; dropping it fails the test."""
    name = f"comparisons_run_{os.getpid()}_{os.urandom(3).hex()}"
    kind = type(place)
    listed, drop = kind.names, kind.drop

    def names(self: Place) -> list[str]:
        return sorted([*listed(self), name])

    def guarded_drop(self: Place, dropped: str) -> None:
        assert dropped != name, f"dropped {name}, which the suite cannot know it made"
        drop(self, dropped)

    monkeypatch.setattr(kind, "names", names)
    monkeypatch.setattr(kind, "drop", guarded_drop)
    return name


@pytest.fixture
def alive_pid() -> Iterator[int]:
    """The PID of a live process on this host that ends when this process does (it
    waits for the end of a pipe from us)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    yield child.pid
    child.communicate(timeout=30)


def ended_pid() -> int:
    """The PID of a process that has ended."""
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_names_say_who_made_them() -> None:
    name = new_name("A very long label, with punctuation")
    assert name.startswith("comparisons_averylonglab_")
    assert owner_of(name) == owners.me()
    assert owner_of(name.replace(HOST, "xyz", 1)) is None
    # PostgreSQL keeps 63 characters of a name, MariaDB 64.
    longest = f"comparisons_{'x' * 12}_{HOST}_{'9' * 10}_{'f' * 6}"
    assert owner_of(longest) is not None and len(longest) <= 63


def test_sweep_drops_dead_runs_only(place: Place, older: str, alive_pid: int) -> None:
    dead_here = plant(place, Owner(HOST, ended_pid()))
    alive_here = plant(place, Owner(HOST, alive_pid))
    mine = plant(place, owners.me())
    other_free = plant(place, Owner(OTHER_HOST, 1))
    other_held = plant(place, Owner(OTHER_HOST, 2))
    holder = None
    if isinstance(place, Server):
        # A run on another host, alive: it holds its lease.
        holder = admin_engine(place.url).connect()
        holder.execute(sa.text(place.TAKE), place.lease_params(Owner(OTHER_HOST, 2)))
    try:
        found = {item.name: item for item in sweep(place)}
    finally:
        if holder is not None:
            holder.close()
    left = set(place.names())
    assert dead_here not in left
    assert {alive_here, mine, older, other_held} <= left
    assert found[older].why == "not named by this version of the suite: left alone"
    assert found[alive_here].why == f"pid {alive_pid} on this host runs"
    if isinstance(place, Server):
        assert other_free not in left
        assert found[other_held].why == f"pid 2 on host {OTHER_HOST} runs"
        # A concurrent run's sweep may have dropped it before this one listed it.
        if other_free in found:
            assert found[other_free].why == f"pid 1 on host {OTHER_HOST} has ended"
    else:  # no server to hold leases: a folder from another host is kept
        assert other_free in left
        assert found[other_free].why == f"pid 1 on host {OTHER_HOST}: cannot tell whether it runs"


def as_from_a_shell() -> None:
    """The signals' default actions, as a shell gives them: this process may have
    inherited some ignored (``nohup``, a background job), which a child inherits too."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


@pytest.fixture
def start_child(backend: Backend) -> Iterator[Starter]:
    """Starts a child (a run holding one namespace); stops any left running with
    SIGTERM afterwards, so that an interrupted test leaves nothing behind."""
    children: list[Child] = []

    def start(wait: bool) -> tuple[Child, str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        url = backend.url.render_as_string(hide_password=False)
        child = subprocess.Popen([sys.executable, "-c", CHILD, url, "wait" if wait else "end"],
                                 env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, preexec_fn=as_from_a_shell)
        children.append(child)
        assert child.stdout is not None
        name = child.stdout.readline().strip()
        assert owner_of(name) == Owner(HOST, child.pid), child.stderr
        return child, name

    yield start
    for child in children:
        if child.poll() is None:
            child.terminate()
        child.communicate(timeout=30)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["Ctrl-C", "SIGTERM", "SIGHUP"])
def test_a_stopped_run_drops_its_namespace(
    start_child: Starter, place: Place, number: signal.Signals
) -> None:
    child, name = start_child(True)
    assert name in place.names()
    child.send_signal(number)
    _, stderr = child.communicate(timeout=30)
    # Python ends itself by SIGINT after an uncaught KeyboardInterrupt, not after one
    # of its subclasses: Terminated is reported like any uncaught exception.
    last = stderr.strip().splitlines()[-1]
    if number == signal.SIGINT:
        assert (child.returncode, last) == (-signal.SIGINT, "KeyboardInterrupt")
    else:
        assert (child.returncode, last) == (1, f"comparisons.databases.namespaces.Terminated: "
                                               f"{number.name}")
    assert name not in place.names()


def test_a_signal_the_collector_swallowed_still_stops_the_run(
    place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SIGTERM that lands in a weakref callback raises there, where Python only
    reports it (seen once in an interrupted run, which then ran to its end): the next
    namespace, and the next test (conftest), raise it again."""
    monkeypatch.setattr(namespaces, "_RECEIVED", [])
    unraisable: list[type[BaseException] | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: unraisable.append(u.exc_type))

    class Entity:
        pass

    collected = Entity()
    ref = weakref.ref(collected, lambda _: namespaces._on_signal(signal.SIGTERM, None))
    del collected  # the callback runs, the signal "lands" in it, and is swallowed
    assert ref() is None and unraisable == [namespaces.Terminated]
    # This process's names only: under xdist the other worker makes and drops its own
    # on the same server meanwhile.
    before = mine(place)
    with pytest.raises(namespaces.Terminated, match=r"^SIGTERM$"), \
            namespaces.fresh(place.url, "swallowed"):
        pass
    assert mine(place) == before


def mine(place: Place) -> list[str]:
    """The names on ``place``'s server that this process made."""
    return [name for name in place.names() if owner_of(name) == me()]


def test_the_next_run_drops_what_sigkill_left(start_child: Starter, place: Place) -> None:
    killed, name = start_child(True)
    killed.kill()
    killed.communicate(timeout=30)
    place.planted.append(name)  # type: ignore[attr-defined]  # dropped if the check fails
    assert name in place.names()
    nxt, own = start_child(False)
    assert nxt.communicate(timeout=30)[0] == ""
    assert nxt.returncode == 0
    assert name not in place.names() and own not in place.names()


def test_clean_lists_and_drops_dead_runs_only(
    backend: Backend, place: Place, older: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = ended_pid()
    dead = plant(place, Owner(HOST, pid))
    url = backend.url.render_as_string(hide_password=False)
    assert cleanup.main(["--dburi", url, "--dry-run"]) == 0
    assert f"  to drop  {dead}  (pid {pid} on this host has ended)\n" in capsys.readouterr().out
    assert dead in place.names()
    assert cleanup.main(["--dburi", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{backend.name} (")
    assert f"  dropped  {dead}  (pid {pid} on this host has ended)\n" in out
    assert f"  kept     {older}  (not named by this version of the suite: left alone)\n" in out
    assert dead not in place.names() and older in place.names()


def test_drop_does_not_wait_for_an_interrupted_transaction(place: Place) -> None:
    """A run stopped mid-transaction may still hold locks in its namespace when its
    clean-up drops it: the drop ends the namespace's own sessions rather than wait."""
    name = plant(place, owners.me())
    engine = sa.create_engine(place.url_for(name))
    connection = engine.connect()
    connection.execute(sa.text("CREATE TABLE t (id INTEGER)"))
    connection.commit()
    connection.execute(sa.text("INSERT INTO t VALUES (1)"))  # locks t until commit
    dropping = threading.Thread(target=place.drop, args=(name,), daemon=True)
    dropping.start()
    dropping.join(timeout=30)
    try:
        assert not dropping.is_alive()
        assert name not in place.names()
    finally:
        # Its session was ended by the drop: closing would try a rollback on it.
        connection.invalidate()
        connection.close()
        engine.dispose()


def test_a_lab_closes_while_an_interrupted_session_holds_locks(backend: Backend) -> None:
    """Ctrl-C or SIGTERM in the middle of a row can leave a session inside a
    transaction. Closing the lab used to DROP its tables first, which waited for that
    session's locks forever (PostgreSQL, MariaDB) or failed (SQLite)."""
    before = set(namespaces.live())
    opened = open_lab(backend, STYLES)
    lab = opened.__enter__()
    names = set(namespaces.live()) - before
    place = place_for(backend.url)
    interrupted = lab.engine("legacy").connect()
    interrupted.execute(sa.text("DELETE FROM person"))  # a write lock until it ends
    closing = threading.Thread(target=opened.__exit__, args=(None, None, None), daemon=True)
    closing.start()
    closing.join(timeout=30)
    try:
        assert not closing.is_alive()
        assert names and not names & (set(namespaces.live()) | set(place.names()))
    finally:
        # Its session was ended by the drop: closing would try a rollback on it.
        interrupted.invalidate()
        interrupted.close()
