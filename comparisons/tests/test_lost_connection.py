"""A connection the server ends in the middle of a run (the server restarted, the session
killed): one line naming the backend, a non-zero exit, and no namespace left behind.

What the code under test raised when its connection went is not its behaviour: it is
never recorded as an observation (``Capture.lost``), even where the code catches it.

Only the connections of the run this test started are ended: they are the ones in
its namespaces, whose names carry its PID (PostgreSQL: ``application_name``; MariaDB:
the database a connection is in). Nothing else on the server is touched.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import admin_engine, place_for
from comparisons.databases.owners import HOST, owner_of
from comparisons.engine.capture import LostConnection, capturing
from comparisons.engine.lab import Lab
from comparisons.engine.observe import observed
from comparisons.tests.test_namespaces import as_from_a_shell

ROOT = Path(__file__).resolve().parents[2]


def sessions_of(backend: Backend, pid: int) -> str:
    """A query for the server sessions inside namespaces made by process ``pid``."""
    like = f"comparisons\\_%\\_{HOST}\\_{pid}\\_%"
    if backend.name == "postgresql":
        return (f"SELECT pid FROM pg_stat_activity WHERE application_name LIKE '{like}' "
                "AND pid <> pg_backend_pid()")
    return (f"SELECT id FROM information_schema.processlist WHERE db LIKE '{like}' "
            "AND id <> CONNECTION_ID()")


def end_sessions(backend: Backend, pid: int) -> int:
    """End the sessions of ``pid``'s namespaces, as an administrator would; how many."""
    engine = admin_engine(backend.url)
    try:
        with engine.connect() as connection:
            ids = list(connection.execute(sa.text(sessions_of(backend, pid))).scalars())
            for session in ids:
                statement = (f"SELECT pg_terminate_backend({int(session)})"
                             if backend.name == "postgresql" else f"KILL CONNECTION {int(session)}")
                with contextlib.suppress(sa.exc.DBAPIError):  # it ended meanwhile
                    connection.execute(sa.text(statement))
        return len(ids)
    finally:
        engine.dispose()


@pytest.fixture
def server(backend: Backend) -> Backend:
    if backend.name == "sqlite":
        pytest.skip("SQLite has no server whose sessions could be ended")
    return backend


@pytest.fixture
def run(server: Backend, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """``python -m comparisons`` on ``server``, stopped (SIGTERM) if still running after
    the test: its own clean-up then drops its namespaces."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    url = server.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, "-m", "comparisons", "--dburi", url, "--json", "--out",
         str(tmp_path / "report")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=as_from_a_shell)
    yield child
    if child.poll() is None:
        child.terminate()
    child.communicate(timeout=60)


@pytest.mark.slow
def test_a_run_whose_connections_are_ended_says_so_and_leaves_nothing(
    server: Backend, run: subprocess.Popen[str],
) -> None:
    ended = 0
    deadline = time.monotonic() + 60
    while not ended and run.poll() is None and time.monotonic() < deadline:
        ended = end_sessions(server, run.pid)  # as soon as its lab has connected
        time.sleep(0.05)
    assert ended, "the run ended before any of its sessions could be ended"
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    assert stdout == ""
    assert stderr.splitlines() == [stderr.strip()]  # one line
    assert stderr.startswith(f"error: {server.name}: lost a connection to the server "
                             "mid-run (")
    assert stderr.rstrip().endswith("); no report was written: run again")
    left = [n for n in place_for(server.url).names() if (o := owner_of(n)) and o.pid == run.pid]
    assert left == []


def test_an_ended_session_is_never_an_observation(lab: Lab, server: Backend) -> None:
    """The code under test catching the error does not make it one either."""
    engine = lab.engine("legacy")
    with engine.connect() as connection:
        own = connection.execute(sa.text("SELECT pg_backend_pid()" if server.name ==
                                         "postgresql" else "SELECT CONNECTION_ID()")).scalar_one()
        connection.commit()
        killer = admin_engine(server.url)
        try:
            with killer.connect() as other:
                other.execute(sa.text(f"SELECT pg_terminate_backend({int(own)})"
                                      if server.name == "postgresql"
                                      else f"KILL CONNECTION {int(own)}"))
        finally:
            killer.dispose()
        with capturing(engine) as capture:
            try:
                connection.execute(sa.text("SELECT 1"))
            except sa.exc.DBAPIError as error:  # what code under test could do
                assert error.connection_invalidated
            with pytest.raises(LostConnection):
                observed(capture, "list", [])
            with pytest.raises(LostConnection):
                capture.raised(RuntimeError("what the code raised next"))
