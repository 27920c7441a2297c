"""Namespaces on a database server: made for one run, dropped after it, and the leftovers
of runs that died found and dropped by the next run.

A namespace is a PostgreSQL schema, a MariaDB database, or a folder in the temporary
directory holding SQLite's file, named by :mod:`comparisons.databases.owners`. A run drops its
namespaces when it ends: normally, on Ctrl-C, and on SIGTERM or SIGHUP (turned into
:class:`Terminated`, so ``finally`` blocks run), with an ``atexit`` pass for any drop an
interruption cut short. Only SIGKILL (or a crash) leaves namespaces behind; the first
namespace a later run opens on the same server drops those of dead runs first.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import NullPool

from comparisons.databases.backends import Backend, BackendError
from comparisons.databases.owners import PREFIX, Owner, me, new_name, owner_of, pid_alive


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that clean-up code runs.

    A KeyboardInterrupt, not a SystemExit: pytest stops the session on it (and tears
    its fixtures down) where a SystemExit would only fail the test it interrupted.
    """


def admin_engine(url: URL) -> Engine:
    """An engine holding no connection between uses."""
    return sa.create_engine(url, poolclass=NullPool)


class Place:
    """Where one backend's namespaces live, and how to make, list and drop them."""

    def __init__(self, url: URL) -> None:
        self.url = url

    @property
    def key(self) -> str:
        """The server (and, on PostgreSQL, database) the namespaces belong to."""
        return self.url.set(query={}).render_as_string()

    def url_for(self, name: str) -> URL:
        raise NotImplementedError

    def create(self, name: str) -> None:
        raise NotImplementedError

    def drop(self, name: str) -> None:
        raise NotImplementedError

    def names(self) -> list[str]:
        """Every name here that starts like the suite's, whoever made it."""
        raise NotImplementedError

    def hold_lease(self) -> None:
        """Hold this process's lease here until it exits (once per process)."""

    def lease_free(self, owner: Owner) -> bool | None:
        """Whether no live process holds ``owner``'s lease; None: no leases here."""
        return None


class Folder(Place):
    """SQLite: a folder per namespace in the temporary directory, the file inside it."""

    @property
    def key(self) -> str:
        return f"folder:{tempfile.gettempdir()}"

    def path(self, name: str) -> Path:
        return Path(tempfile.gettempdir()) / name

    def url_for(self, name: str) -> URL:
        return self.url.set(database=str(self.path(name) / f"{name}.sqlite"))

    def create(self, name: str) -> None:
        self.path(name).mkdir(mode=0o700)

    def drop(self, name: str) -> None:
        shutil.rmtree(self.path(name), ignore_errors=True)

    def names(self) -> list[str]:
        folder = Path(tempfile.gettempdir())
        return sorted(p.name for p in folder.glob(f"{PREFIX}*") if p.is_dir())


class Server(Place):
    """A database server: DDL through short-lived connections, the lease on a long one."""

    #: Take this process's lease; tell whether a lease is free (the check's connection
    #: closes right after, giving back whatever it took).
    TAKE: ClassVar[str]
    FREE: ClassVar[str]

    def execute(self, *statements: str | sa.TextClause, **params: object) -> list[sa.Row[Any]]:
        """Run ``statements`` in one transaction; the rows of the last."""
        engine = admin_engine(self.url)
        try:
            with engine.begin() as connection:
                rows: list[sa.Row[Any]] = []
                for statement in statements:
                    clause = sa.text(statement) if isinstance(statement, str) else statement
                    result = connection.execute(clause, params)
                    rows = list(result) if result.returns_rows else []
                return rows
        finally:
            engine.dispose()

    @property
    def lease_url(self) -> URL:
        """Where the lease is held: a connection in no namespace, which no drop ends."""
        return self.url

    def hold_lease(self) -> None:
        if self.key in _LEASES:
            return
        connection = admin_engine(self.lease_url).connect()
        connection.execute(sa.text(self.TAKE), self.lease_params(me()))
        connection.commit()  # the lock belongs to the session and outlives the transaction
        _LEASES[self.key] = connection

    def lease_free(self, owner: Owner) -> bool:
        rows = self.execute(self.FREE, **self.lease_params(owner))
        return bool(rows[0][0])

    def lease_params(self, owner: Owner) -> dict[str, object]:
        return {"lease": owner.lease}


class PostgreSQL(Server):
    """A schema per namespace; its connections carry its name as ``application_name``."""

    # Advisory locks belong to the session: a dead run's are gone with its connection.
    TAKE = "SELECT pg_advisory_lock(:key)"
    FREE = "SELECT pg_try_advisory_lock(:key)"

    def lease_params(self, owner: Owner) -> dict[str, object]:
        digest = hashlib.sha1(owner.lease.encode()).digest()[:8]
        return {"key": int.from_bytes(digest, "big", signed=True)}

    def url_for(self, name: str) -> URL:
        # A schema, not a database: it needs no CREATEDB right, and search_path makes
        # unqualified table names land in it.
        return self.url.update_query_dict({"options": f"-csearch_path={name}",
                                           "application_name": name})

    def create(self, name: str) -> None:
        self.execute(f'CREATE SCHEMA "{name}"')

    def drop(self, name: str) -> None:
        # An interrupted run may have left a session of its own inside a transaction,
        # holding locks DROP would wait for: end the namespace's sessions (only they
        # carry its name) first.
        self.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE application_name = :name AND pid <> pg_backend_pid()"),
                     f'DROP SCHEMA IF EXISTS "{name}" CASCADE', name=name)

    def names(self) -> list[str]:
        rows = self.execute("SELECT nspname FROM pg_namespace")
        return sorted(r[0] for r in rows if r[0].startswith(PREFIX))


class MariaDB(Server):
    """A database per namespace."""

    # A named lock is the server's, not a database's: one lease per server, held by a
    # connection with no database selected (a drop ends the connections inside).
    TAKE = "SELECT GET_LOCK(:lease, 0)"
    FREE = "SELECT IS_FREE_LOCK(:lease)"

    @property
    def key(self) -> str:
        return self.url.set(database=None, query={}).render_as_string()

    @property
    def lease_url(self) -> URL:
        return self.url.set(database=None)

    def url_for(self, name: str) -> URL:
        return self.url.set(database=name)

    def create(self, name: str) -> None:
        self.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 "
                     "COLLATE utf8mb4_unicode_ci")

    def drop(self, name: str) -> None:
        # As on PostgreSQL: an interrupted transaction's metadata locks would make DROP
        # wait. The namespace's own connections are those whose database it is.
        rows = self.execute(sa.text("SELECT id FROM information_schema.processlist "
                                    "WHERE db = :name AND id <> CONNECTION_ID()"), name=name)
        for (thread,) in rows:
            with contextlib.suppress(sa.exc.DBAPIError):  # it may have ended meanwhile
                self.execute(f"KILL CONNECTION {int(thread)}")
        self.execute(f"DROP DATABASE IF EXISTS `{name}`")

    def names(self) -> list[str]:
        rows = self.execute("SHOW DATABASES")
        return sorted(r[0] for r in rows if r[0].startswith(PREFIX))


def place_for(url: URL) -> Place:
    family = url.get_backend_name()
    if family == "postgresql":
        return PostgreSQL(url)
    if family in ("mysql", "mariadb"):
        return MariaDB(url)
    return Folder(url)


# --- Leftovers ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """A namespace-like name on a server, and what may be done with it."""

    name: str
    dead: bool
    why: str


def survey(place: Place) -> list[Found]:
    """Every ``comparisons_*`` name at ``place``, each judged dead or not, with why."""
    return [_judge(place, name) for name in place.names()]


def _judge(place: Place, name: str) -> Found:
    owner = owner_of(name)
    if owner is None:
        return Found(name, False, "not named by this version of the suite: left alone")
    if owner.is_me:
        return Found(name, False, "this run's own")
    if owner.here:
        alive = pid_alive(owner.pid)
        return Found(name, not alive, f"{owner.describe()} {'runs' if alive else 'has ended'}")
    free = place.lease_free(owner)
    if free is None:
        return Found(name, False, f"{owner.describe()}: cannot tell whether it runs")
    return Found(name, free, f"{owner.describe()} {'has ended' if free else 'runs'}")


def sweep(place: Place) -> list[Found]:
    """Drop the namespaces of dead runs at ``place``; what was found, dropped or not."""
    found = survey(place)
    for item in found:
        if item.dead:
            place.drop(item.name)
    return found


# --- This run's namespaces ---------------------------------------------------------------

_LEASES: dict[str, Connection] = {}
_PREPARED: set[str] = set()
#: Namespaces created and not yet dropped, for the exit pass.
_LIVE: dict[str, Place] = {}
_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: The signals received so far, for :func:`stop_if_terminated`.
_RECEIVED: list[str] = []


def prepare(place: Place) -> None:
    """Once per place and process: signal handlers, the lease, then the sweep."""
    _install_handlers()
    if place.key in _PREPARED:
        return
    place.hold_lease()  # before the sweep: a run that started later must see us alive
    sweep(place)
    _PREPARED.add(place.key)


@contextlib.contextmanager
def fresh(url: URL, label: str) -> Iterator[URL]:
    """A new, empty namespace on the server of ``url``; its URL; dropped afterwards."""
    stop_if_terminated()
    place = place_for(url)
    prepare(place)
    name = new_name(label)
    _LIVE[name] = place  # before CREATE: an interruption may land just after it
    try:
        place.create(name)
        yield place.url_for(name)
    finally:
        place.drop(name)
        _LIVE.pop(name, None)


def live() -> list[str]:
    """This process's namespaces that are not dropped yet."""
    return list(_LIVE)


@contextlib.contextmanager
def folder(label: str) -> Iterator[Path]:
    """A temporary folder, named and cleaned up like SQLite's namespaces."""
    with fresh(sa.make_url("sqlite://"), label) as url:
        yield Path(str(url.database)).parent


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # Every time, as Ctrl-C does: a second signal may cut a hanging clean-up short; what
    # it leaves registered, the exit pass drops.
    _RECEIVED.append(signal.Signals(signum).name)
    raise Terminated(_RECEIVED[-1])


def stop_if_terminated() -> None:
    """Raise :class:`Terminated` again if a signal's was swallowed.

    A signal that lands in a weakref callback or a ``__del__`` (the garbage collector
    runs them anywhere) raises there, and Python reports the exception as unraisable
    and goes on: the run would not stop. Called where a run can stop cleanly: before
    each test (conftest) and before each new namespace.
    """
    if _RECEIVED:
        raise Terminated(_RECEIVED[-1])


def _install_handlers() -> None:
    """SIGTERM and SIGHUP raise :class:`Terminated`, unless someone else handles them."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in _SIGNALS:
        if signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _on_signal)


@atexit.register
def _at_exit() -> None:
    for name, place in list(_LIVE.items()):
        with contextlib.suppress(Exception):
            place.drop(name)
            _LIVE.pop(name, None)
    for connection in _LEASES.values():
        with contextlib.suppress(Exception):
            # No rollback on the way out: the server may have ended the session already.
            connection.invalidate()
            connection.close()
    _LEASES.clear()


# --- A backend's namespace, as the suite asks for it ------------------------------------


def outside_engine(url: URL) -> Engine:
    """An engine that shares no connection with the code under test.

    NullPool gives every read a brand-new connection, so what it sees has really
    been committed, not merely flushed inside the session under test.
    """
    return admin_engine(url)


def check_reachable(backend: Backend) -> None:
    try:
        with outside_engine(backend.url).connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.SQLAlchemyError as error:
        hint = ""
        if set(backend.url.password or "") & set("%@"):
            hint = " (a '%' or '@' in the password must be written %25 or %40)"
        raise BackendError(f"{backend.name}: cannot connect to {backend.url.render_as_string()}"
                           f": {_first_line(error)}{hint}") from None


def _first_line(error: sa.exc.SQLAlchemyError) -> str:
    reason = str(error.orig if isinstance(error, sa.exc.DBAPIError) else error).strip()
    return reason.splitlines()[0] if reason else type(error).__name__


@contextlib.contextmanager
def namespace(backend: Backend, label: str = "run") -> Iterator[URL]:
    """Create a fresh, empty namespace on ``backend``; yield its URL; drop it afterwards.

    The first namespace on a server also drops what dead runs left there.
    """
    check_reachable(backend)
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(fresh(backend.url, label))
        except sa.exc.DBAPIError as error:
            kind = "schema" if backend.name == "postgresql" else "database"
            raise BackendError(f"{backend.name}: cannot create a namespace (a {kind} named "
                               f"comparisons_*): {_first_line(error)}") from None
        yield url
